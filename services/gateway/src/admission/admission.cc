#include "services/gateway/src/admission/admission.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"

namespace meldpunt::gateway {
namespace {

namespace cv1 = common::v1;

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

constexpr char kKeyPrefix[] = "meldpunt:gateway:rl:";

}  // namespace

absl::StatusOr<AdmittedCall> Admission::Admit(const MethodPolicy& policy,
                                              const CallCredentials& credentials, absl::Time now) {
  const bool use_token =
      credentials.bearer_token.has_value() && policy.caller == Caller::kAnyone;
  if (!credentials.api_key && !use_token) {
    if (policy.caller == Caller::kApiClientOnly && credentials.bearer_token) {
      return status::Unauthenticated("API_KEY_REQUIRED",
                                     "this method is called by an API client (x-api-key)");
    }
    return status::Unauthenticated(
        "CREDENTIALS_MISSING",
        "send an API key (x-api-key) and/or a bearer token (authorization: Bearer ...)");
  }

  std::optional<VerifiedApiClient> client;
  if (credentials.api_key) {
    auto verified = keys_->Verify(*credentials.api_key, now);
    if (!verified.ok()) return verified.status();
    client = std::move(*verified);
  }
  std::optional<UserToken> user;
  if (use_token) {
    if (tokens_ == nullptr) {
      return status::Unauthenticated("TOKENS_NOT_ACCEPTED",
                                     "this gateway is not configured to accept bearer tokens");
    }
    auto verified = tokens_->Verify(*credentials.bearer_token, now);
    if (!verified.ok()) return verified.status();
    user = std::move(*verified);
  }

  AdmittedCall out;
  auth::Principal& p = out.principal;
  if (user) {
    if (client && !Contains(client->tenant_ids, user->tenant_id)) {
      return status::PermissionDenied(
          "TOKEN_TENANT_MISMATCH", "the person's token is for a tenant this API client is not bound to");
    }
    if (credentials.tenant_id && *credentials.tenant_id != user->tenant_id) {
      return status::PermissionDenied("TENANT_NOT_ALLOWED",
                                      "x-meldpunt-tenant differs from the token's tenant");
    }
    p.set_tenant_id(user->tenant_id);
    p.set_subject(user->subject);
    p.set_kind(user->kind);
    for (Role r : user->roles) p.add_roles(r);
    p.set_assurance_level(user->assurance);
  } else {
    if (credentials.tenant_id) {
      if (!Contains(client->tenant_ids, *credentials.tenant_id)) {
        return status::PermissionDenied("TENANT_NOT_ALLOWED",
                                        "this API client is not bound to that tenant");
      }
      p.set_tenant_id(*credentials.tenant_id);
    } else if (client->tenant_ids.size() == 1) {
      p.set_tenant_id(client->tenant_ids.front());
    }
    p.set_subject(client->id);
    p.set_kind(cv1::PRINCIPAL_KIND_API_CLIENT);
    for (Role r : client->roles) p.add_roles(r);
  }
  if (client) out.api_client_id = client->id;
  if (policy.tenant_required && p.tenant_id().empty()) {
    return status::InvalidArgument(
        "TENANT_REQUIRED", "this API client is bound to several tenants: name one in x-meldpunt-tenant");
  }

  if (p.kind() == cv1::PRINCIPAL_KIND_CITIZEN && !policy.citizen_allowed) {
    return status::PermissionDenied("CITIZEN_NOT_ALLOWED", "citizens may not call this method");
  }
  if (!policy.roles.ContainsAny(p.roles())) {
    return status::PermissionDenied("ROLE_NOT_ALLOWED", "the caller's role may not call this method");
  }

  std::vector<rate_limit::Bucket> buckets;
  const std::string rate_class(RateClassName(policy.rate_class));
  if (client) {
    buckets.push_back({absl::StrCat(kKeyPrefix, "client:", client->id, ":", rate_class),
                       limits_.Get(policy.rate_class, TierOf(client->rate_class))});
  }
  if (user) {
    buckets.push_back({absl::StrCat(kKeyPrefix, "user:", user->tenant_id, ":", user->subject, ":", rate_class),
                       limits_.Get(policy.rate_class, CallerTier::kUser)});
  }
  if (absl::Status s = limiter_->Acquire(buckets, limits_.FailOpen(policy.rate_class)); !s.ok()) {
    return s;
  }
  return out;
}

}  // namespace meldpunt::gateway
