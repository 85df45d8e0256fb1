#pragma once
// identity's own serving flags, with their MELDPUNT_* environment equivalents (libs/config). The
// flags every service shares (common server flags, PostgreSQL, Redis, principal keys, migrate)
// are ServiceMain's; the operator commands' flags live with the commands in src/admin/.

#include <chrono>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "libs/config/flags.h"
#include "services/identity/src/staff/argon2id_hasher.h"
#include "services/identity/src/staff/login_attempt_limiter.h"
#include "services/identity/src/staff/staff_login.h"
#include "services/identity/src/tokens/token_settings.h"

namespace meldpunt::identity {

struct IdentityOptions {
  std::string data_key_file;
  std::string eid_trusted_roots;  // empty: VerifyEid answers FAILED_PRECONDITION
  std::string oidc_issuers;       // empty: LoginWithOidc answers FAILED_PRECONDITION
  // issuer and audience come from their flags; the lifetimes and the rotation period from the
  // durations below, converted by ValidateIdentityOptions.
  tokens::TokenSettings tokens;
  std::chrono::milliseconds access_token_lifetime{10 * 60 * 1000};
  std::chrono::milliseconds citizen_refresh_lifetime{std::chrono::hours(24 * 30)};
  std::chrono::milliseconds staff_refresh_lifetime{std::chrono::hours(12)};
  std::chrono::milliseconds key_rotation_period{std::chrono::hours(24 * 30)};
  int64_t argon2_memory_kib = 64 * 1024;
  int64_t argon2_time_cost = 3;
  int64_t lockout_failures = 5;
  std::chrono::milliseconds lockout_duration{15 * 60 * 1000};
  // Staff login attempts per tenant × user name (defaults and their reasons:
  // staff/login_attempt_limiter.h).
  int64_t login_limit_burst = 10;
  std::chrono::milliseconds login_limit_refill{30 * 1000};
  bool login_limit_fail_open = false;
};

void RegisterIdentityFlags(config::Flags& flags, IdentityOptions* options);
// Only --argon2-memory-kib and --argon2-time-cost (part of RegisterIdentityFlags): the
// create-staff command hashes the password as serving does.
void RegisterPasswordHashFlags(config::Flags& flags, IdentityOptions* options);

// What serving needs that migrating and the operator commands do not: the data key file, and
// token settings that fit together. Copies the lifetimes and the rotation period into
// options->tokens, then checks them (tokens::Validate). INVALID_ARGUMENT with the message to show.
absl::Status ValidateIdentityOptions(IdentityOptions* options);

// The password hashing, lock-out and login-limit settings the flags describe (the flags' ranges
// keep them in the types' ranges; LoginAttemptLimiter::Create refuses a refill that is not
// positive).
staff::Argon2idParams HashParams(const IdentityOptions& options);
staff::LockoutPolicy Lockout(const IdentityOptions& options);
staff::LoginAttemptPolicy LoginLimit(const IdentityOptions& options);

}  // namespace meldpunt::identity
