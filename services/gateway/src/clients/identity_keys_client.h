#pragma once
// SigningKeysFetcher over gRPC: calls identity on the gateway's own downstream channel, as the
// gateway itself — a service principal (kind SERVICE, role SERVICE, subject "gateway") signed with
// the same key the gateway signs forwarded calls with.

#include <memory>

#include <grpcpp/channel.h>

#include "absl/time/time.h"
#include "libs/auth/principal.h"
#include "meldpunt/identity/v1/identity_service.grpc.pb.h"
#include "services/gateway/src/tokens/signing_keys_fetcher.h"

namespace meldpunt::gateway {

// libs/auth refuses a principal without a tenant. The gateway's own calls act for no
// municipality; "00000" is no NIS code, so no tenant's rows can ever match it.
inline constexpr char kNoTenant[] = "00000";
inline constexpr char kGatewaySubject[] = "gateway";

class IdentityKeysClient final : public SigningKeysFetcher {
 public:
  IdentityKeysClient(std::shared_ptr<grpc::Channel> identity, const auth::PrincipalSigner* signer,
                     absl::Duration timeout = absl::Seconds(2))
      : stub_(identity::v1::IdentityService::NewStub(std::move(identity))), signer_(signer),
        timeout_(timeout) {}

  absl::StatusOr<identity::v1::GetSigningKeysResponse> Fetch() override;

 private:
  std::unique_ptr<identity::v1::IdentityService::Stub> stub_;
  const auth::PrincipalSigner* signer_;
  absl::Duration timeout_;
};

}  // namespace meldpunt::gateway
