#include "libs/config/flags.h"

#include <cstdlib>
#include <iostream>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/status/status.h"

namespace meldpunt::config {
namespace {

absl::Status ConfigError(const std::string& message) {
  return status::InvalidArgument("INVALID_CONFIGURATION", message);
}

std::optional<bool> ParseBool(std::string text) {
  text = absl::AsciiStrToLower(text);
  if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "0" || text == "no" || text == "off") return false;
  return std::nullopt;
}

}  // namespace

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::optional<std::chrono::milliseconds> ParseDuration(const std::string& text) {
  static const std::pair<const char*, int64_t> kUnits[] = {
      {"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}};
  std::string number = text;
  int64_t scale = 1;
  for (const auto& [suffix, factor] : kUnits) {
    std::string s(suffix);
    if (text.size() > s.size() && text.compare(text.size() - s.size(), s.size(), s) == 0) {
      std::string head = text.substr(0, text.size() - s.size());
      // "ms" also ends in "s": only accept "s" when what is left is a plain number.
      int64_t probe;
      if (!absl::SimpleAtoi(head, &probe)) continue;
      number = head;
      scale = factor;
      break;
    }
  }
  int64_t value;
  if (!absl::SimpleAtoi(number, &value) || value < 0) return std::nullopt;
  if (value > INT64_MAX / scale) return std::nullopt;
  return std::chrono::milliseconds(value * scale);
}

Flags::Flags(std::string program) : program_(std::move(program)) {}

std::string Flags::EnvName(const std::string& flag) {
  std::string env = "MELDPUNT_";
  for (char c : flag) {
    env += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return env;
}

Flags& Flags::Add(Spec spec) {
  specs_.push_back(std::move(spec));
  return *this;
}

Flags& Flags::String(const std::string& name, std::string* out, const std::string& help,
                     bool required) {
  return Add({name, Kind::kString, out, help, required});
}

Flags& Flags::Int(const std::string& name, int64_t* out, const std::string& help, int64_t min,
                  int64_t max, bool required) {
  return Add({name, Kind::kInt, out, help, required, min, max});
}

Flags& Flags::Bool(const std::string& name, bool* out, const std::string& help) {
  return Add({name, Kind::kBool, out, help, false});
}

Flags& Flags::Duration(const std::string& name, std::chrono::milliseconds* out,
                       const std::string& help, bool required) {
  return Add({name, Kind::kDuration, out, help, required});
}

absl::Status Flags::Assign(const Spec& spec, const std::string& value, const std::string& source) {
  auto bad = [&](const std::string& expected) {
    return ConfigError(absl::StrCat(source, " has the malformed value \"", value,
                                    "\": expected ", expected));
  };
  switch (spec.kind) {
    case Kind::kString:
      if (spec.required && value.empty()) return bad("a non-empty value");
      *static_cast<std::string*>(spec.out) = value;
      return absl::OkStatus();
    case Kind::kInt: {
      int64_t parsed;
      if (!absl::SimpleAtoi(value, &parsed) || parsed < spec.min || parsed > spec.max) {
        return bad(absl::StrCat("an integer from ", spec.min, " to ", spec.max));
      }
      *static_cast<int64_t*>(spec.out) = parsed;
      return absl::OkStatus();
    }
    case Kind::kBool: {
      auto parsed = ParseBool(value);
      if (!parsed) return bad("true or false");
      *static_cast<bool*>(spec.out) = *parsed;
      return absl::OkStatus();
    }
    case Kind::kDuration: {
      auto parsed = ParseDuration(value);
      if (!parsed) return bad("a duration such as 250ms, 5s, 2m or 1h");
      *static_cast<std::chrono::milliseconds*>(spec.out) = *parsed;
      return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

absl::Status Flags::Parse(int argc, const char* const* argv, const EnvLookup& env) {
  std::set<std::string> seen;
  auto find = [&](const std::string& name) -> const Spec* {
    for (const auto& s : specs_) {
      if (s.name == name) return &s;
    }
    return nullptr;
  };

  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << Usage();
      return absl::CancelledError("help requested");
    }
    if (arg.rfind("--", 0) != 0) return ConfigError(absl::StrCat("unexpected argument \"", arg, "\""));
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const Spec* spec = find(name);
    if (spec == nullptr) return ConfigError(absl::StrCat("unknown flag --", name, "\n", Usage()));
    if (!value) {
      bool next_is_value = i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0;
      if (spec->kind == Kind::kBool && !(next_is_value && ParseBool(argv[i + 1]))) {
        value = "true";
      } else if (next_is_value) {
        value = argv[++i];
      } else {
        return ConfigError(absl::StrCat("flag --", name, " needs a value"));
      }
    }
    if (absl::Status s = Assign(*spec, *value, "--" + name); !s.ok()) return s;
    seen.insert(name);
  }

  for (const auto& spec : specs_) {
    if (seen.count(spec.name)) continue;
    const std::string var = EnvName(spec.name);
    std::optional<std::string> value = env(var);
    if (value && !value->empty()) {
      if (absl::Status s = Assign(spec, *value, var); !s.ok()) return s;
      seen.insert(spec.name);
    } else if (spec.required) {
      return ConfigError(absl::StrCat("missing required setting --", spec.name, " (or ", var,
                                      "): ", spec.help));
    }
  }
  return absl::OkStatus();
}

std::string Flags::Usage() const {
  std::string out = absl::StrCat("Usage: ", program_, " [flags]\n");
  for (const auto& spec : specs_) {
    absl::StrAppend(&out, "  --", spec.name, " (", EnvName(spec.name), ")",
                    spec.required ? " required" : "", "\n      ", spec.help, "\n");
  }
  return out;
}

}  // namespace meldpunt::config
