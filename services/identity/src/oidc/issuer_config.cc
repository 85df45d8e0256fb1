#include "services/identity/src/oidc/issuer_config.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/files/read_file.h"
#include "libs/status/status.h"
#include "services/identity/src/oidc/reasons.h"

namespace meldpunt::identity::oidc {
namespace {

using nlohmann::json;

// Configuration files are small; a bound keeps a wrong path (a log file, a device) harmless.
constexpr std::size_t kMaxFileBytes = 256 * 1024;
constexpr std::size_t kMaxIssuers = 20;
constexpr std::size_t kMaxValueBytes = 512;

absl::Status Invalid(std::size_t index, std::string_view message) {
  return status::InvalidArgument(
      kConfigInvalid, absl::StrCat("OIDC issuers file, entry ", index, ": ", std::string(message)));
}

// libs/files' reading, refused as this configuration's own reason.
absl::StatusOr<std::string> ReadFile(const std::string& path, const char* what) {
  auto text = files::ReadFile(path, kMaxFileBytes);
  if (text.ok()) return text;
  if (status::Reason(text.status()) == "FILE_TOO_LARGE") {
    return status::InvalidArgument(kConfigInvalid, absl::StrCat(what, " ", path, " is too large"));
  }
  return status::InvalidArgument(kConfigInvalid, absl::StrCat("cannot read ", what, " ", path));
}

absl::StatusOr<std::string> StringMember(const json& entry, const char* name, std::size_t index) {
  auto it = entry.find(name);
  if (it == entry.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    return Invalid(index, absl::StrCat("\"", name, "\" must be a non-empty string"));
  }
  const std::string& value = it->get_ref<const std::string&>();
  if (value.size() > kMaxValueBytes) return Invalid(index, absl::StrCat("\"", name, "\" is too long"));
  return value;
}

absl::StatusOr<OidcIssuer> ParseEntry(const json& entry, std::size_t index, const std::string& base_dir) {
  if (!entry.is_object()) return Invalid(index, "not an object");
  // Unknown members are refused: a misspelt "audiance" must not silently leave a check out.
  static const std::set<std::string> kKnown = {"provider", "issuer", "audience", "jwks_file", "default"};
  for (auto it = entry.begin(); it != entry.end(); ++it) {
    if (!kKnown.count(it.key())) return Invalid(index, absl::StrCat("unknown member \"", it.key(), "\""));
  }
  OidcIssuer out;
  auto provider = StringMember(entry, "provider", index);
  if (!provider.ok()) return provider.status();
  if (*provider == "fas") {
    out.provider = v1::OIDC_PROVIDER_FAS;
  } else if (*provider == "itsme") {
    out.provider = v1::OIDC_PROVIDER_ITSME;
  } else {
    return Invalid(index, "\"provider\" must be \"fas\" or \"itsme\"");
  }
  auto issuer = StringMember(entry, "issuer", index);
  if (!issuer.ok()) return issuer.status();
  // OpenID Connect issuers are https URLs (Discovery §3); anything else is a configuration slip.
  if (!absl::StartsWith(*issuer, "https://")) return Invalid(index, "\"issuer\" must be an https URL");
  out.issuer = *issuer;
  auto audience = StringMember(entry, "audience", index);
  if (!audience.ok()) return audience.status();
  out.audience = *audience;
  if (auto d = entry.find("default"); d != entry.end()) {
    if (!d->is_boolean()) return Invalid(index, "\"default\" must be true or false");
    out.is_default = d->get<bool>();
  }
  auto jwks_file = StringMember(entry, "jwks_file", index);
  if (!jwks_file.ok()) return jwks_file.status();
  std::filesystem::path path(*jwks_file);
  if (path.is_relative()) path = std::filesystem::path(base_dir) / path;
  auto jwks = ReadFile(path.string(), "JWKS file");
  if (!jwks.ok()) return Invalid(index, std::string(jwks.status().message()));
  auto keys = jwt::PublicKeysFromJwks(*jwks);
  if (!keys.ok()) {
    return status::Annotate(keys.status(),
                            absl::StrCat("OIDC issuers file, entry ", index, ", ", path.string()));
  }
  out.keys = std::move(*keys);
  return out;
}

}  // namespace

absl::StatusOr<std::vector<OidcIssuer>> ParseIssuers(std::string_view json_text,
                                                     const std::string& base_dir) {
  json parsed = json::parse(json_text.begin(), json_text.end(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_array()) {
    return status::InvalidArgument(kConfigInvalid, "the OIDC issuers file must be a JSON array");
  }
  if (parsed.empty() || parsed.size() > kMaxIssuers) {
    return status::InvalidArgument(kConfigInvalid,
                                   absl::StrCat("the OIDC issuers file lists 1 to ", kMaxIssuers, " issuers"));
  }
  std::vector<OidcIssuer> issuers;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    auto issuer = ParseEntry(parsed[i], i, base_dir);
    if (!issuer.ok()) return issuer.status();
    for (const OidcIssuer& seen : issuers) {
      if (seen.provider == issuer->provider && seen.issuer == issuer->issuer) {
        return Invalid(i, "the same provider and issuer are listed twice");
      }
      if (seen.provider == issuer->provider && seen.is_default && issuer->is_default) {
        return Invalid(i, "a provider has at most one default issuer");
      }
    }
    issuers.push_back(std::move(*issuer));
  }
  // A lone issuer is its provider's default.
  for (OidcIssuer& issuer : issuers) {
    int same_provider = 0;
    for (const OidcIssuer& other : issuers) same_provider += other.provider == issuer.provider;
    if (same_provider == 1) issuer.is_default = true;
  }
  return issuers;
}

absl::StatusOr<std::vector<OidcIssuer>> LoadIssuers(const std::string& path) {
  auto text = ReadFile(path, "OIDC issuers file");
  if (!text.ok()) return text.status();
  return ParseIssuers(*text, std::filesystem::path(path).parent_path().string());
}

}  // namespace meldpunt::identity::oidc
