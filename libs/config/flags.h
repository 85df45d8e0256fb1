#pragma once
// Configuration from command-line flags with environment-variable equivalents. Every service
// fills one options struct through this: `--pg-dsn` is also MELDPUNT_PG_DSN; a flag given on the
// command line wins over the environment. A missing or malformed value stops the start with a
// message that names both spellings, so an operator knows exactly what to fix.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace meldpunt::config {

// Looks up an environment variable; injected so tests do not touch the process environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup ProcessEnv();

class Flags {
 public:
  explicit Flags(std::string program);

  // Each registration names the flag without dashes ("pg-dsn"); its variable is
  // MELDPUNT_PG_DSN. The pointed-to value keeps its current content as the default.
  Flags& String(const std::string& name, std::string* out, const std::string& help,
                bool required = false);
  Flags& Int(const std::string& name, int64_t* out, const std::string& help, int64_t min,
             int64_t max, bool required = false);
  // true/false, 1/0, yes/no, on/off; a bare `--flag` means true.
  Flags& Bool(const std::string& name, bool* out, const std::string& help);
  // "250ms", "5s", "2m", "1h"; a bare number is milliseconds.
  Flags& Duration(const std::string& name, std::chrono::milliseconds* out,
                  const std::string& help, bool required = false);

  // Parses `--name=value` and `--name value`. Unknown flags and stray arguments are errors.
  // Returns kCancelled after printing usage when --help is given.
  absl::Status Parse(int argc, const char* const* argv, const EnvLookup& env = ProcessEnv());

  std::string Usage() const;

  static std::string EnvName(const std::string& flag);

 private:
  enum class Kind { kString, kInt, kBool, kDuration };
  struct Spec {
    std::string name;
    Kind kind;
    void* out;
    std::string help;
    bool required;
    int64_t min = 0;
    int64_t max = 0;
  };
  absl::Status Assign(const Spec& spec, const std::string& value, const std::string& source);
  Flags& Add(Spec spec);

  std::string program_;
  std::vector<Spec> specs_;
};

// Parses "250ms" / "5s" / "2m" / "1h" / "1500".
std::optional<std::chrono::milliseconds> ParseDuration(const std::string& text);

}  // namespace meldpunt::config
