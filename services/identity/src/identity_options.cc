#include "services/identity/src/identity_options.h"

#include "absl/time/time.h"

namespace meldpunt::identity {

void RegisterIdentityFlags(config::Flags& flags, IdentityOptions* o) {
  flags
      .String("data-key-file", &o->data_key_file,
              "file with the master secret for personal data and signing keys (64 hex chars or "
              "base64 of >= 32 bytes); losing it loses the encrypted data")
      .String("eid-trusted-roots", &o->eid_trusted_roots,
              "PEM file of the roots RRN certificates chain to (production: Belgium Root CAs); "
              "empty: VerifyEid answers FAILED_PRECONDITION")
      .String("oidc-issuers", &o->oidc_issuers,
              "JSON file of FAS / itsme issuers (see services/identity/README.md); empty: "
              "LoginWithOidc answers FAILED_PRECONDITION")
      .String("token-issuer", &o->tokens.issuer, "`iss` of access tokens")
      .String("token-audience", &o->tokens.audience, "`aud` of access tokens")
      .Duration("access-token-lifetime", &o->access_token_lifetime, "e.g. 10m")
      .Duration("citizen-refresh-lifetime", &o->citizen_refresh_lifetime,
                "absolute life of a citizen's session, e.g. 720h")
      .Duration("staff-refresh-lifetime", &o->staff_refresh_lifetime,
                "absolute life of a staff session, e.g. 12h")
      .Duration("key-rotation-period", &o->key_rotation_period,
                "age at which the signing key is replaced, e.g. 720h")
      .Int("lockout-failures", &o->lockout_failures,
           "consecutive wrong passwords that lock a staff account", 1, 100)
      .Duration("lockout-duration", &o->lockout_duration, "how long a locked account stays locked")
      .Int("login-limit-burst", &o->login_limit_burst,
           "staff login attempts per tenant and user name at once, from any client", 1, 1000)
      .Duration("login-limit-refill", &o->login_limit_refill,
                "one more staff login attempt per tenant and user name every this long, e.g. 30s")
      .Bool("login-limit-fail-open", &o->login_limit_fail_open,
            "let staff logins through without the per-name limit while Redis is unreachable "
            "(default: refuse them, UNAVAILABLE)");
  RegisterPasswordHashFlags(flags, o);
}

void RegisterPasswordHashFlags(config::Flags& flags, IdentityOptions* o) {
  flags
      .Int("argon2-memory-kib", &o->argon2_memory_kib, "argon2id memory per password hash, KiB",
           1024, 4 << 20)
      .Int("argon2-time-cost", &o->argon2_time_cost, "argon2id passes", 1, 20);
}

absl::Status ValidateIdentityOptions(IdentityOptions* o) {
  if (o->data_key_file.empty()) {
    return absl::InvalidArgumentError(
        "missing required setting --data-key-file (or MELDPUNT_DATA_KEY_FILE)");
  }
  o->tokens.access_token_lifetime = absl::FromChrono(o->access_token_lifetime);
  o->tokens.citizen_refresh_lifetime = absl::FromChrono(o->citizen_refresh_lifetime);
  o->tokens.staff_refresh_lifetime = absl::FromChrono(o->staff_refresh_lifetime);
  o->tokens.rotation_period = absl::FromChrono(o->key_rotation_period);
  return tokens::Validate(o->tokens);
}

staff::Argon2idParams HashParams(const IdentityOptions& o) {
  staff::Argon2idParams params;
  params.memory_kib = static_cast<std::uint32_t>(o.argon2_memory_kib);
  params.time_cost = static_cast<std::uint32_t>(o.argon2_time_cost);
  return params;
}

staff::LockoutPolicy Lockout(const IdentityOptions& o) {
  staff::LockoutPolicy lockout;
  lockout.max_failures = static_cast<int>(o.lockout_failures);
  lockout.lock_for = absl::FromChrono(o.lockout_duration);
  return lockout;
}

staff::LoginAttemptPolicy LoginLimit(const IdentityOptions& o) {
  staff::LoginAttemptPolicy limit;
  limit.burst = static_cast<double>(o.login_limit_burst);
  limit.refill_every = absl::FromChrono(o.login_limit_refill);
  limit.fail_open = o.login_limit_fail_open;
  return limit;
}

}  // namespace meldpunt::identity
