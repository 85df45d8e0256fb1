// meldpunt-eid-test-card: writes test eID card files signed by self-made test roots, for the demo
// data and the end-to-end tests (the service is configured to trust these roots there, and only
// there). Nothing here is a real card or a real person.
//
//   meldpunt-eid-test-card --roots-out roots.pem [--card-out card.json CARD-OPTIONS]
//       [--batch cards-in.json --batch-out cards-out.json]
//   CARD-OPTIONS: [--kind rsa|ec] [--surname S] [--first-names F]
//       [--national-number 85073003328 --birth-date "30 JUL 1985" --gender M|V]
//       [--street "Grote Markt 12 bus 3" --postal-code 3800 --municipality Sint-Truiden]
//       [--challenge-nonce-hex HEX]
//
// The test roots are made afresh by every run (random keys), so the roots and every card that
// must verify against them come from ONE run: --batch takes an object of named card option sets
// ({"name": {"kind": "ec", "surname": "…", …}}) and writes {"name": card, …}.
//
// A card's JSON holds each file base64-encoded under the EidCardFiles field names, the person
// as written on the card under "person" (for tests that look for it in logs), and, with
// challenge-nonce-hex on an EC card, "challenge" with the nonce, basic key file and signature.
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "services/identity/tests/eid/eid_fixture.h"

namespace {

namespace fx = meldpunt::identity::eid::testing;

int Usage(const std::string& message) {
  std::cerr << "meldpunt-eid-test-card: " << message
            << "\nusage: meldpunt-eid-test-card [--roots-out FILE] [--card-out FILE [--kind rsa|ec]"
               " [--surname S] [--first-names F] [--national-number N --birth-date D --gender M|V]"
               " [--street S --postal-code P --municipality M] [--challenge-nonce-hex HEX]]"
               " [--batch IN.json --batch-out OUT.json]\n";
  return 2;
}

bool WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  return static_cast<bool>(out);
}

std::string B64(const std::string& bytes) { return absl::Base64Escape(bytes); }

// One card from its options (the CARD-OPTIONS above, without the dashes); error set on failure.
nlohmann::json CardJson(const std::map<std::string, std::string>& args, std::string* error) {
  fx::CardSpec spec;
  const std::string kind = args.count("kind") ? args.at("kind") : "rsa";
  if (kind == "ec") {
    spec.kind = fx::CardKind::kEcP384;
    spec.basic_key = true;
  } else if (kind != "rsa") {
    *error = "--kind is rsa or ec";
    return {};
  }
  // Identity file tags (docs/eid.md): 6 national number, 7 surname, 8 first names, 12 birth
  // date, 13 gender; address file: 1 street and number, 2 postal code, 3 municipality.
  const std::map<std::string, uint8_t> identity_tags = {
      {"national-number", 6}, {"surname", 7}, {"first-names", 8}, {"birth-date", 12},
      {"gender", 13}};
  const std::map<std::string, uint8_t> address_tags = {
      {"street", 1}, {"postal-code", 2}, {"municipality", 3}};
  for (const auto& [name, tag] : identity_tags) {
    if (args.count(name)) spec.identity[tag] = args.at(name);
  }
  for (const auto& [name, tag] : address_tags) {
    if (args.count(name)) spec.address[tag] = args.at(name);
  }
  const fx::TestCard card = fx::MakeCard(spec);

  nlohmann::json out;
  out["identity_file"] = B64(card.files.identity_file);
  out["identity_signature"] = B64(card.files.identity_signature);
  out["address_file"] = B64(card.files.address_file);
  out["address_signature"] = B64(card.files.address_signature);
  out["rrn_certificate"] = B64(card.files.rrn_certificate);
  out["photo"] = B64(card.files.photo);
  out["person"] = {{"national_number", spec.identity[6]},  {"surname", spec.identity[7]},
                   {"first_names", spec.identity[8]},      {"birth_date", spec.identity[12]},
                   {"street", spec.address[1]},             {"postal_code", spec.address[2]},
                   {"municipality", spec.address[3]}};
  if (args.count("challenge-nonce-hex")) {
    if (!spec.basic_key) {
      *error = "challenge-nonce-hex needs kind ec";
      return {};
    }
    const std::string nonce = absl::HexStringToBytes(args.at("challenge-nonce-hex"));
    const auto challenge = card.SignChallenge(nonce);
    out["challenge"] = {{"nonce", B64(nonce)},
                        {"basic_public_key_file", B64(challenge.basic_public_key_file)},
                        {"signature", B64(challenge.signature)}};
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string key = argv[i];
    if (key.rfind("--", 0) != 0 || i + 1 >= argc) return Usage("bad argument " + key);
    args[key.substr(2)] = argv[++i];
  }
  const bool single = args.count("card-out") > 0;
  const bool batch = args.count("batch") > 0;
  if (!args.count("roots-out") && !single && !batch) {
    return Usage("give --roots-out, --card-out or --batch");
  }
  if (batch != (args.count("batch-out") > 0)) return Usage("--batch and --batch-out go together");
  if (args.count("roots-out") && !WriteFile(args["roots-out"], fx::TrustedRootsPem())) {
    return Usage("cannot write the roots");
  }
  if (single) {
    std::string error;
    auto card = CardJson(args, &error);
    if (!error.empty()) return Usage(error);
    if (!WriteFile(args["card-out"], card.dump(2) + "\n")) return Usage("cannot write the card");
  }
  if (batch) {
    std::ifstream in(args["batch"]);
    nlohmann::json specs = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!specs.is_object()) return Usage("--batch must hold a JSON object of card option sets");
    nlohmann::json cards = nlohmann::json::object();
    for (const auto& [name, spec] : specs.items()) {
      std::map<std::string, std::string> options;
      for (const auto& [key, value] : spec.items()) {
        if (!value.is_string()) return Usage("card options are strings: " + name + "." + key);
        options[key] = value.get<std::string>();
      }
      std::string error;
      cards[name] = CardJson(options, &error);
      if (!error.empty()) return Usage(name + ": " + error);
    }
    if (!WriteFile(args["batch-out"], cards.dump(2) + "\n")) return Usage("cannot write cards");
  }
  return 0;
}
