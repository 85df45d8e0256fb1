#include "libs/time/conversions.h"
#include "services/identity/src/staff/staff_login.h"

#include <chrono>

#include <google/protobuf/util/time_util.h>
#include <openssl/rand.h>

#include "libs/status/status.h"
#include "services/identity/src/staff/reasons.h"
#include "services/identity/src/staff/staff_validation.h"

namespace meldpunt::identity::staff {
namespace {

absl::Status InvalidCredentials() {
  return status::Unauthenticated(kInvalidCredentials, "user name or password is wrong");
}

absl::Status AccountLocked(absl::Time until, absl::Time now) {
  absl::Status s = status::Unauthenticated(
      kAccountLocked, "too many failed logins: the account is locked for a while");
  // Rounded up, so a client that waits exactly this long finds the lock over.
  const std::int64_t ms = absl::ToInt64Milliseconds(absl::Ceil(until - now, absl::Milliseconds(1)));
  status::SetRetryDelay(s, std::chrono::milliseconds(ms > 0 ? ms : 1));
  return s;
}

}  // namespace

absl::StatusOr<std::unique_ptr<StaffLogin>> StaffLogin::Create(StaffRepository* repository,
                                                               const PasswordHasher* hasher,
                                                               const LoginAttemptLimiter* attempts,
                                                               LockoutPolicy policy) {
  if (policy.max_failures < 1 || policy.lock_for <= absl::ZeroDuration()) {
    return status::InvalidArgument("LOCKOUT_POLICY_INVALID",
                                   "lock-out needs at least one failure and a positive duration");
  }
  // No "unlimited" mode: a login without the per-name limit is a wiring mistake.
  if (attempts == nullptr) {
    return status::InvalidArgument(kLoginLimitInvalid, "staff login needs an attempt limiter");
  }
  // A random password nobody knows: the dummy hash can never match.
  unsigned char secret[32];
  if (RAND_bytes(secret, sizeof secret) != 1) {
    return status::Internal(kPasswordHashFailed, "no randomness for the dummy password");
  }
  auto dummy = hasher->Hash(std::string_view(reinterpret_cast<const char*>(secret), sizeof secret));
  if (!dummy.ok()) return dummy.status();
  return std::unique_ptr<StaffLogin>(
      new StaffLogin(repository, hasher, attempts, policy, std::move(*dummy)));
}

absl::Status StaffLogin::RefuseUnknown(std::string_view password) const {
  auto ignored = hasher_->Verify(password, dummy_hash_);
  (void)ignored;
  return InvalidCredentials();
}

bool StaffLogin::IsLocked(const LoginState& state, absl::Time now) const {
  return state.locked_until.has_value() && *state.locked_until > now;
}

absl::StatusOr<v1::StaffAccount> StaffLogin::Login(std::string_view tenant_id,
                                                   std::string_view username,
                                                   std::string_view password, absl::Time now) {
  if (absl::Status s = ValidateTenantId(tenant_id); !s.ok()) return s;
  if (password.size() > kMaxPasswordBytes) {
    return status::InvalidArgument(kPasswordTooLong, "a password is at most 1,024 bytes");
  }
  // Before anything costly (the PostgreSQL read, argon2id): a refused attempt costs one Redis
  // call. Before the name is checked too, so unknown and malformed names are limited alike.
  if (absl::Status s = attempts_->Admit(tenant_id, username); !s.ok()) return s;
  // A name that could never have been created is simply unknown: same answer, same work.
  auto key = UsernameKey(username);
  if (!key.ok()) return RefuseUnknown(password);
  auto found = repository_->FindByUsername(tenant_id, *key);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return RefuseUnknown(password);
  StaffRecord& record = **found;
  const std::string& id = record.account.id();

  // Locked: no hashing at all. Brute force against a locked account costs us nothing.
  if (IsLocked(record.login, now)) return AccountLocked(*record.login.locked_until, now);

  auto matches = hasher_->Verify(password, record.password_hash);
  if (!matches.ok()) return matches.status();

  if (!*matches) {
    auto state = repository_->UpdateLoginState(tenant_id, id, [&](LoginState& s) {
      if (IsLocked(s, now)) return;  // locked meanwhile by a concurrent failure
      s.locked_until.reset();  // one that ran out; the count was reset when it was set
      if (++s.failed_attempts >= policy_.max_failures) {
        s.failed_attempts = 0;
        s.locked_until = now + policy_.lock_for;
      }
    });
    if (!state.ok()) {
      if (absl::IsNotFound(state.status())) return InvalidCredentials();  // deleted meanwhile
      return state.status();
    }
    if (IsLocked(*state, now)) return AccountLocked(*state->locked_until, now);
    return InvalidCredentials();
  }

  if (record.disabled) {
    return status::Unauthenticated(kAccountDisabled, "this staff account is disabled");
  }
  auto state = repository_->UpdateLoginState(tenant_id, id, [&](LoginState& s) {
    if (IsLocked(s, now)) return;  // a concurrent failure locked it: the lock wins
    s.failed_attempts = 0;
    s.locked_until.reset();
    s.last_login_at = now;
  });
  if (!state.ok()) {
    if (absl::IsNotFound(state.status())) return InvalidCredentials();
    return state.status();
  }
  if (IsLocked(*state, now)) return AccountLocked(*state->locked_until, now);
  v1::StaffAccount account = std::move(record.account);
  *account.mutable_last_login_at() = time::ToProtoMicros(now);
  return account;
}

}  // namespace meldpunt::identity::staff
