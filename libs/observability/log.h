#pragma once
// Structured logs: one JSON object per line on stderr, which every log collector in a Kubernetes
// cluster can parse without configuration.

#include <cstdint>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

namespace meldpunt::observability {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

// Builds one JSON object. Keys are code-chosen; values are escaped, so user-supplied text cannot
// break the line or forge fields.
class JsonLine {
 public:
  JsonLine& Add(std::string_view key, std::string_view value);
  JsonLine& Add(std::string_view key, const char* value) { return Add(key, std::string_view(value)); }
  JsonLine& Add(std::string_view key, const std::string& value) { return Add(key, std::string_view(value)); }
  JsonLine& Add(std::string_view key, int64_t value);
  JsonLine& Add(std::string_view key, int value) { return Add(key, static_cast<int64_t>(value)); }
  JsonLine& Add(std::string_view key, double value);
  JsonLine& Add(std::string_view key, bool value);
  std::string Finish() const { return body_ + "}"; }

 private:
  void Key(std::string_view key);
  std::string body_ = "{";
};

std::string JsonEscape(std::string_view text);

class Logger {
 public:
  virtual ~Logger() = default;
  // line: a JSON object without a trailing newline.
  virtual void Write(std::string_view line) = 0;
  virtual LogLevel level() const = 0;
};

// Writes lines to a stream (stderr in production) under a mutex so lines never interleave.
class StreamLogger : public Logger {
 public:
  StreamLogger(std::ostream& out, LogLevel level) : out_(out), level_(level) {}
  void Write(std::string_view line) override;
  LogLevel level() const override { return level_; }

 private:
  std::mutex mu_;
  std::ostream& out_;
  LogLevel level_;
};

// Starts a line with time, level, service and message.
JsonLine LogLine(LogLevel level, std::string_view service, std::string_view message);

// "debug" | "info" | "warning" | "error"; anything else → info.
LogLevel ParseLogLevel(std::string_view text);
std::string_view LevelName(LogLevel level);

}  // namespace meldpunt::observability
