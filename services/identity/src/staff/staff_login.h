#pragma once
// Password login of a staff member (LoginStaff), with a limit of attempts per tenant × user name
// (login_attempt_limiter.h, checked first: a refused attempt costs no lookup and no hash) and
// lock-out after repeated failures.
//
// An unknown user name and a wrong password answer alike (INVALID_CREDENTIALS) after the same
// hashing work: an unknown name is verified against a dummy hash made with the same hasher, so
// the answer's time does not tell which names exist. A locked account answers ACCOUNT_LOCKED with
// a RetryInfo and refuses even the right password until the lock ends.

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "meldpunt/identity/v1/staff.pb.h"
#include "services/identity/src/staff/login_attempt_limiter.h"
#include "services/identity/src/staff/password_hasher.h"
#include "services/identity/src/staff/staff_repository.h"

namespace meldpunt::identity::staff {

struct LockoutPolicy {
  // Consecutive failures that lock the account; the failure that reaches it answers
  // ACCOUNT_LOCKED already. After the lock ends the count starts again from zero.
  int max_failures = 5;
  absl::Duration lock_for = absl::Minutes(15);
};

class StaffLogin {
 public:
  // repository, hasher and attempts must outlive the StaffLogin. Hashes the dummy password once
  // (so a broken hasher stops the start). INVALID_ARGUMENT for a policy without failures or
  // duration, or without an attempt limiter.
  static absl::StatusOr<std::unique_ptr<StaffLogin>> Create(StaffRepository* repository,
                                                            const PasswordHasher* hasher,
                                                            const LoginAttemptLimiter* attempts,
                                                            LockoutPolicy policy = {});

  // The account on success (last_login_at = now; the failure count is reset).
  // UNAUTHENTICATED INVALID_CREDENTIALS (unknown user and wrong password alike, same work),
  // UNAUTHENTICATED ACCOUNT_LOCKED with RetryInfo (libs/status SetRetryDelay) when locked,
  // UNAUTHENTICATED ACCOUNT_DISABLED for the right password of a disabled account,
  // INVALID_ARGUMENT TENANT_INVALID / PASSWORD_TOO_LONG (over 1,024 bytes, before any work);
  // then, before the account is looked up: RESOURCE_EXHAUSTED LOGIN_RATE_LIMITED with RetryInfo,
  // or UNAVAILABLE RATE_LIMITER_UNAVAILABLE (Redis unreachable, failing closed).
  absl::StatusOr<v1::StaffAccount> Login(std::string_view tenant_id, std::string_view username,
                                         std::string_view password, absl::Time now);

 private:
  StaffLogin(StaffRepository* repository, const PasswordHasher* hasher,
             const LoginAttemptLimiter* attempts, LockoutPolicy policy, std::string dummy_hash)
      : repository_(repository),
        hasher_(hasher),
        attempts_(attempts),
        policy_(policy),
        dummy_hash_(std::move(dummy_hash)) {}

  // Spends the same work as checking a real password, then answers INVALID_CREDENTIALS.
  absl::Status RefuseUnknown(std::string_view password) const;
  bool IsLocked(const LoginState& state, absl::Time now) const;

  StaffRepository* repository_;
  const PasswordHasher* hasher_;
  const LoginAttemptLimiter* attempts_;
  LockoutPolicy policy_;
  std::string dummy_hash_;
};

}  // namespace meldpunt::identity::staff
