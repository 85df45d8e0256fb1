#include "libs/redis/errors.h"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/status/status.h"

namespace meldpunt::redis {
namespace {

constexpr char kMetadataKey[] = "redis_error";
constexpr std::size_t kMaxMessage = 512;  // a hostile server must not fill our logs

constexpr std::array<std::string_view, 5> kTransient = {"LOADING", "BUSY", "TRYAGAIN",
                                                        "MASTERDOWN", "CLUSTERDOWN"};

// The leading upper-case word, if the text starts with one (Redis's convention for error codes).
std::string_view LeadingCode(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size() && n < 32 && (absl::ascii_isupper(text[n]) || text[n] == '_')) ++n;
  if (n == 0 || (n < text.size() && text[n] != ' ')) return {};
  return text.substr(0, n);
}

std::string Printable(std::string_view text) {
  std::string out(text.substr(0, kMaxMessage));
  for (char& c : out) {
    if (!absl::ascii_isprint(c)) c = '?';
  }
  return out;
}

}  // namespace

absl::Status ErrorReplyToStatus(std::string_view error_text) {
  std::string code(LeadingCode(error_text));
  const bool transient =
      std::find(kTransient.begin(), kTransient.end(), code) != kTransient.end();
  return status::Error(transient ? absl::StatusCode::kUnavailable
                                 : absl::StatusCode::kFailedPrecondition,
                       kReasonError, absl::StrCat("redis: ", Printable(error_text)), {},
                       {{kMetadataKey, code}});
}

absl::Status UnavailableError(std::string_view message) {
  return status::Unavailable(kReasonUnavailable, absl::StrCat("redis: ", Printable(message)));
}

std::string RedisErrorCode(const absl::Status& status) {
  status::ErrorDetails details = status::Details(status);
  if (details.reason != kReasonError) return "";
  auto it = details.metadata.find(kMetadataKey);
  return it == details.metadata.end() ? "" : it->second;
}

bool IsRedisError(const absl::Status& status, std::string_view code) {
  return !status.ok() && RedisErrorCode(status) == code;
}

}  // namespace meldpunt::redis
