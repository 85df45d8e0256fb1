#include "services/identity/src/staff/login_attempt_limiter.h"

#include <chrono>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "services/identity/src/staff/reasons.h"

namespace meldpunt::identity::staff {
namespace {

constexpr char kKeyPrefix[] = "meldpunt:identity:rl:login:";
// 128 bits of the HMAC: collisions between two names of one tenant are out of reach, and the
// key stays short.
constexpr std::size_t kHashBytes = 16;

}  // namespace

absl::StatusOr<std::unique_ptr<LoginAttemptLimiter>> LoginAttemptLimiter::Create(
    rate_limit::RateLimiter* limiter, const crypto::DataProtector* names,
    LoginAttemptPolicy policy) {
  if (!(policy.burst >= 1) || policy.refill_every <= absl::ZeroDuration()) {
    return status::InvalidArgument(kLoginLimitInvalid,
                                   "the login limit needs a burst of at least 1 and a positive "
                                   "refill interval");
  }
  return std::unique_ptr<LoginAttemptLimiter>(new LoginAttemptLimiter(limiter, names, policy));
}

std::string LoginAttemptLimiter::BucketKey(std::string_view tenant_id,
                                           std::string_view username) const {
  // Lower-cased as UsernameKey does for valid names; a malformed name is limited like any other
  // (it answers like an unknown one and must cost the same).
  // (Debian's Abseil has its own string_view, not std's.)
  const absl::string_view tenant(tenant_id.data(), tenant_id.size());
  const std::string folded =
      absl::AsciiStrToLower(absl::string_view(username.data(), username.size()));
  const std::string hash = names_->KeyedHash(absl::StrCat("staff.login_attempts|", tenant), folded);
  return absl::StrCat(kKeyPrefix, tenant, ":",
                      absl::BytesToHexString(absl::string_view(hash).substr(0, kHashBytes)));
}

absl::Status LoginAttemptLimiter::Admit(std::string_view tenant_id,
                                        std::string_view username) const {
  rate_limit::Bucket bucket;
  bucket.key = BucketKey(tenant_id, username);
  bucket.limit.burst = policy_.burst;
  bucket.limit.per_second = 1.0 / absl::ToDoubleSeconds(policy_.refill_every);
  absl::Status s = limiter_->Acquire({bucket}, policy_.fail_open);
  if (s.ok() || s.code() != absl::StatusCode::kResourceExhausted) return s;
  // The limiter's generic RATE_LIMITED becomes a reason of our own, so a client can tell this
  // limit (wait, or ask a colleague to check the account) from the gateway's per-client one.
  absl::Status refused = status::Error(
      absl::StatusCode::kResourceExhausted, kLoginRateLimited,
      "too many login attempts for this user name; retry later");
  const auto retry = status::Details(s).retry_delay;
  status::SetRetryDelay(refused, retry.value_or(std::chrono::milliseconds(
                                     absl::ToInt64Milliseconds(policy_.refill_every))));
  return refused;
}

}  // namespace meldpunt::identity::staff
