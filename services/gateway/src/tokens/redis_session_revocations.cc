#include "services/gateway/src/tokens/redis_session_revocations.h"

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"

namespace meldpunt::gateway {
namespace {

constexpr char kService[] = "gateway";
// One line per interval is enough to page someone; one per call would flood the log.
constexpr absl::Duration kWarningInterval = absl::Seconds(10);

}  // namespace

absl::Status RedisSessionRevocations::Check(std::string_view session_id) {
  auto reply = redis_->Command({"EXISTS", absl::StrCat(kRevokedSessionKeyPrefix, std::string(session_id))});
  if (!reply.ok() || !reply->is_integer()) {
    failed_open_.fetch_add(1);
    Warn(reply.ok() ? status::Internal("REDIS_REPLY", "EXISTS answered with a non-integer")
                    : reply.status());
    return absl::OkStatus();
  }
  if (reply->integer > 0) {
    return status::Unauthenticated("TOKEN_REVOKED", "the token's session has been revoked");
  }
  return absl::OkStatus();
}

void RedisSessionRevocations::Warn(const absl::Status& error) {
  if (log_ == nullptr || log_->level() > observability::LogLevel::kWarning) return;
  const absl::Time now = clock_->Now();
  {
    std::lock_guard<std::mutex> lock(log_mu_);
    if (now - last_warning_ < kWarningInterval) return;
    last_warning_ = now;
  }
  // The Redis error only: the session id and the token stay out of the log.
  log_->Write(observability::LogLine(observability::LogLevel::kWarning, kService,
                                     "session revocation not checked: Redis unreachable")
                  .Add("error", std::string(error.message()))
                  .Add("failed_open_total", static_cast<int64_t>(failed_open_.load()))
                  .Finish());
}

}  // namespace meldpunt::gateway
