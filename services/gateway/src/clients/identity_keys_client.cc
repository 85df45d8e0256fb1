#include "services/gateway/src/clients/identity_keys_client.h"

#include <grpcpp/client_context.h>

#include "absl/time/clock.h"
#include "libs/auth/authorize.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"

namespace meldpunt::gateway {

absl::StatusOr<identity::v1::GetSigningKeysResponse> IdentityKeysClient::Fetch() {
  const absl::Time now = absl::Now();
  const absl::Time deadline = now + timeout_;
  auth::Principal principal;
  principal.set_tenant_id(kNoTenant);
  principal.set_subject(kGatewaySubject);
  principal.set_kind(common::v1::PRINCIPAL_KIND_SERVICE);
  principal.add_roles(common::v1::ROLE_SERVICE);
  principal.set_issuer(kGatewaySubject);
  principal.set_audience("identity");
  // Valid a little past the deadline, for clock differences (as the proxy does).
  principal.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(deadline + absl::Seconds(5)));
  auto signed_principal = signer_->Sign(principal);
  if (!signed_principal.ok()) return signed_principal.status();

  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(deadline));
  auth::AttachPrincipal(ctx, *signed_principal);
  identity::v1::GetSigningKeysResponse response;
  grpc::Status s = stub_->GetSigningKeys(&ctx, identity::v1::GetSigningKeysRequest(), &response);
  if (!s.ok()) return status::Annotate(status::FromGrpc(s), "identity GetSigningKeys");
  return response;
}

}  // namespace meldpunt::gateway
