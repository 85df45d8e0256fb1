// RefreshSession, RevokeSession, GetSigningKeys.
#include "libs/auth/authorize.h"
#include "libs/status/status.h"
#include "libs/time/conversions.h"
#include "services/identity/src/api/caller_rules.h"
#include "services/identity/src/api/identity_service.h"

namespace meldpunt::identity {
namespace {

// Refresh tokens are ~50 characters; anything much longer is not one of ours.
constexpr size_t kMaxRefreshTokenBytes = 512;
constexpr size_t kMaxSessionIdBytes = 64;

absl::Status CheckRefreshToken(const std::string& token) {
  if (token.empty() || token.size() > kMaxRefreshTokenBytes) {
    return status::InvalidArgument("REFRESH_TOKEN_MALFORMED",
                                   "refresh_token is required and at most 512 bytes");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status IdentityServiceImpl::HandleRefreshSession(const server::AuthorizedCall& call,
                                                       const v1::RefreshSessionRequest* req,
                                                       v1::RefreshSessionResponse* resp) const {
  if (absl::Status s = CheckRefreshToken(req->refresh_token()); !s.ok()) return s;
  auto tokens = deps_.sessions->Refresh(call.principal.tenant_id(), req->refresh_token(), call.now);
  if (!tokens.ok()) return tokens.status();
  *resp->mutable_tokens() = std::move(*tokens);
  return absl::OkStatus();
}

absl::Status IdentityServiceImpl::HandleRevokeSession(const server::AuthorizedCall& call,
                                                      const v1::RevokeSessionRequest* req,
                                                      v1::RevokeSessionResponse* resp) const {
  absl::StatusOr<absl::Time> revoked;
  switch (req->session_case()) {
    case v1::RevokeSessionRequest::kRefreshToken:
      // Whoever holds the refresh token may end its session: that is how a client logs out.
      if (absl::Status s = CheckRefreshToken(req->refresh_token()); !s.ok()) return s;
      revoked = deps_.sessions->RevokeByRefreshToken(call.principal.tenant_id(), req->refresh_token(), call.now);
      break;
    case v1::RevokeSessionRequest::kSessionId:
      if (req->session_id().empty() || req->session_id().size() > kMaxSessionIdBytes) {
        return status::InvalidArgument("SESSION_ID_INVALID", "session_id is malformed");
      }
      revoked = deps_.sessions->RevokeById(call.principal, req->session_id(), call.now);
      break;
    case v1::RevokeSessionRequest::SESSION_NOT_SET:
      return status::InvalidArgument("SESSION_REQUIRED", "give refresh_token or session_id");
  }
  if (!revoked.ok()) return revoked.status();
  *resp->mutable_revoked_at() = time::ToProto(*revoked);
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* IdentityServiceImpl::GetSigningKeys(grpc::CallbackServerContext* ctx,
                                                              const v1::GetSigningKeysRequest*,
                                                              v1::GetSigningKeysResponse* resp) {
  return deps_.calls->runner().Run(ctx, [=](const server::CallInfo&) -> absl::Status {
    const absl::Time now = deps_.calls->clock().Now();
    // Public keys, but still only for callers with a verified principal: a service answers
    // nobody else.
    auto caller = auth::Authenticate(*ctx, deps_.calls->verifier(), now);
    if (!caller.ok()) return caller.status();
    auto keys = deps_.sessions->SigningKeys(now);
    if (!keys.ok()) return keys.status();
    *resp = std::move(*keys);
    return absl::OkStatus();
  });
}

}  // namespace meldpunt::identity
