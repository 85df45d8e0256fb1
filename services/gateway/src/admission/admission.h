#pragma once
// Whether a call may pass, and as whom: authenticate the credentials (API key, bearer token, or
// both), resolve the tenant, apply the method's policy row, then charge the rate limits. The
// proxy and the gateway's own admin service both go through here, so there is one answer to
// "who may call what" however the call is served.
//
// Who the principal is:
//   - API key only: the client (kind API_CLIENT, its roles, subject = client id). A client bound
//     to several tenants names one in x-meldpunt-tenant.
//   - Bearer token (with or without a key): the person (kind CITIZEN or STAFF, the token's roles,
//     subject = sub, tenant = the token's). With a key too, the token's tenant must be one of the
//     client's; the key then only authenticates the app and pays for the call (rate limit).
//   - For Caller::kApiClientOnly methods (logins), the key alone; a bearer token is not read.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"
#include "libs/rate_limit/rate_limiter.h"
#include "services/gateway/src/keys/api_key_verifier.h"
#include "services/gateway/src/admission/credentials.h"
#include "services/gateway/src/api/method_policy.h"
#include "services/gateway/src/rate_limits/rate_limits.h"
#include "services/gateway/src/tokens/token_verifier.h"

namespace meldpunt::gateway {

struct AdmittedCall {
  // Unsigned and without expiry: the caller signs it for the onward call.
  auth::Principal principal;
  std::string api_client_id;  // "" when a bearer token alone authenticated the call
};

class Admission {
 public:
  // tokens may be null: bearer tokens are then refused (TOKENS_NOT_ACCEPTED).
  Admission(ApiKeyVerifier* keys, const TokenVerifier* tokens, rate_limit::RateLimiter* limiter,
            RateLimits limits)
      : keys_(keys), tokens_(tokens), limiter_(limiter), limits_(std::move(limits)) {}

  // UNAUTHENTICATED: CREDENTIALS_MISSING, API_KEY_REQUIRED, TOKENS_NOT_ACCEPTED and the key's and
  // token's own reasons. PERMISSION_DENIED: TOKEN_TENANT_MISMATCH, TENANT_NOT_ALLOWED,
  // CITIZEN_NOT_ALLOWED, ROLE_NOT_ALLOWED. INVALID_ARGUMENT: TENANT_REQUIRED.
  // RESOURCE_EXHAUSTED: RATE_LIMITED. UNAVAILABLE: RATE_LIMITER_UNAVAILABLE or a store being down.
  absl::StatusOr<AdmittedCall> Admit(const MethodPolicy& policy, const CallCredentials& credentials,
                                     absl::Time now);

 private:
  ApiKeyVerifier* keys_;
  const TokenVerifier* tokens_;
  rate_limit::RateLimiter* limiter_;
  RateLimits limits_;
};

}  // namespace meldpunt::gateway
