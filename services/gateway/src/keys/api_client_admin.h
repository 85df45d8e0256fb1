#pragma once
// The rules of GatewayAdminService, apart from gRPC so the command-line bootstrap
// (`meldpunt-gateway create-api-client`) applies exactly the same ones:
//   - platform admins manage any client; tenant admins only clients bound to their tenant alone
//     (they may list clients that include their tenant, but only a platform admin can revoke a
//     client that other tenants rely on too);
//   - ROLE_SERVICE is never given; ROLE_PLATFORM_ADMIN only by a platform admin;
//   - the key is made here, returned once, and only its hash is kept;
//   - creation is idempotent on (creator, request_id); a retry gets the client without its key.

#include "absl/status/status.h"
#include "libs/auth/principal.h"
#include "meldpunt/gateway/v1/gateway_admin_service.pb.h"
#include "services/gateway/src/keys/api_client_repository.h"
#include "services/gateway/src/keys/api_key_verifier.h"

namespace meldpunt::gateway {

class ApiClientAdmin {
 public:
  // keys may be null (the CLI): it is only told to forget revoked clients.
  ApiClientAdmin(ApiClientRepository* repository, ApiKeyVerifier* keys)
      : repository_(repository), keys_(keys) {}

  absl::Status Create(const auth::Principal& caller, const v1::CreateApiClientRequest& request,
                      v1::CreateApiClientResponse* response);
  absl::Status List(const auth::Principal& caller, const v1::ListApiClientsRequest& request,
                    v1::ListApiClientsResponse* response);
  absl::Status Revoke(const auth::Principal& caller, const v1::RevokeApiClientRequest& request,
                      v1::RevokeApiClientResponse* response);

 private:
  ApiClientRepository* repository_;
  ApiKeyVerifier* keys_;
};

}  // namespace meldpunt::gateway
