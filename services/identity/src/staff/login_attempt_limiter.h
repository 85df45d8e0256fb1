#pragma once
// How often one staff user name may be tried, whichever API client sends the attempts: a token
// bucket per tenant × user name (libs/rate_limit, in Redis, shared by every identity replica).
// The gateway limits logins per API client; but all of a city's staff log in through one app
// backend, so that limit has to be generous, and on its own it lets one client spend it on any
// few accounts. This bucket is charged before the account is looked up or a password hashed, so
// a refused attempt costs one Redis call, not an argon2id hash or a PostgreSQL read.
//
// Every attempt counts: right password, wrong password, locked, unknown or malformed name alike.
// The limit is charged before the outcome is known (that is the point: no hashing when refused),
// and refunding successes would take a second round trip and make the answer's time depend on
// whether the password was right. A real person logs in a few times a day, far within the burst.
// Unknown names are limited exactly like real ones, so a refusal does not tell which names exist.
//
// The bucket's key holds no user name: "meldpunt:identity:rl:login:<tenant>:<hash>", the hash an
// HMAC (DataProtector::KeyedHash, a key derived from the master secret) of the lower-cased name,
// so whoever reads Redis cannot list or guess staff names by hashing candidates.

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/rate_limit/rate_limiter.h"
#include "services/identity/src/crypto/data_protector.h"

namespace meldpunt::identity::staff {

struct LoginAttemptPolicy {
  // Defaults: 10 attempts at once, then one more every 30 s (120 an hour) per tenant × name.
  // Loose enough that a person never meets it before the lock-out (5 wrong passwords): that
  // stays the account's own control, with its clearer ACCOUNT_LOCKED. Tight enough that nobody
  // hammers one name from many clients, including names that do not exist (the lock-out never
  // applies to them) and accounts that are locked (each attempt still costs a PostgreSQL read).
  double burst = 10;
  absl::Duration refill_every = absl::Seconds(30);
  // Redis unreachable: closed (UNAVAILABLE RATE_LIMITER_UNAVAILABLE, retry in 1 s), as the
  // gateway does for its login class. The limit is a security control and logins are rare, so a
  // short refusal during a Redis outage hurts less than a guessing window nobody notices. (The
  // lock-out in PostgreSQL would still hold with the limit open; an operator may choose that.)
  bool fail_open = false;
};

class LoginAttemptLimiter {
 public:
  // limiter and names must outlive the LoginAttemptLimiter. INVALID_ARGUMENT
  // LOGIN_LIMIT_INVALID for a burst below 1 or a refill that is not positive.
  static absl::StatusOr<std::unique_ptr<LoginAttemptLimiter>> Create(
      rate_limit::RateLimiter* limiter, const crypto::DataProtector* names,
      LoginAttemptPolicy policy = {});

  // OK: the attempt may go on (one token taken). RESOURCE_EXHAUSTED LOGIN_RATE_LIMITED with a
  // RetryInfo when the name's bucket is empty; UNAVAILABLE RATE_LIMITER_UNAVAILABLE when Redis
  // cannot be asked and the policy fails closed. tenant_id must already be validated (it is part
  // of the key); username is taken as sent (any bytes: it is hashed), lower-cased as user names
  // are compared.
  absl::Status Admit(std::string_view tenant_id, std::string_view username) const;

  // The bucket's Redis key for the name (for tests and operators clearing a bucket by hand).
  std::string BucketKey(std::string_view tenant_id, std::string_view username) const;

 private:
  LoginAttemptLimiter(rate_limit::RateLimiter* limiter, const crypto::DataProtector* names,
                      LoginAttemptPolicy policy)
      : limiter_(limiter), names_(names), policy_(policy) {}

  rate_limit::RateLimiter* limiter_;
  const crypto::DataProtector* names_;
  LoginAttemptPolicy policy_;
};

}  // namespace meldpunt::identity::staff
