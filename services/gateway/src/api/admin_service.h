#pragma once
// The gRPC edge of GatewayAdminService. Its calls are admitted exactly like forwarded ones (the
// same policy table rows, credentials and rate limits), then handled by ApiClientAdmin on a
// worker thread.

#include "libs/server/call.h"
#include "meldpunt/gateway/v1/gateway_admin_service.grpc.pb.h"
#include "services/gateway/src/admission/admission.h"
#include "services/gateway/src/keys/api_client_admin.h"

namespace meldpunt::gateway {

class AdminService final : public v1::GatewayAdminService::CallbackService {
 public:
  AdminService(const server::UnaryRunner* runner, Admission* admission, ApiClientAdmin* admin)
      : runner_(runner), admission_(admission), admin_(admin) {}

  grpc::ServerUnaryReactor* CreateApiClient(grpc::CallbackServerContext* ctx,
                                            const v1::CreateApiClientRequest* req,
                                            v1::CreateApiClientResponse* resp) override;
  grpc::ServerUnaryReactor* ListApiClients(grpc::CallbackServerContext* ctx,
                                           const v1::ListApiClientsRequest* req,
                                           v1::ListApiClientsResponse* resp) override;
  grpc::ServerUnaryReactor* RevokeApiClient(grpc::CallbackServerContext* ctx,
                                            const v1::RevokeApiClientRequest* req,
                                            v1::RevokeApiClientResponse* resp) override;

 private:
  // The admitted caller of this method, or why not.
  absl::StatusOr<auth::Principal> Admit(grpc::CallbackServerContext* ctx, const char* method);

  const server::UnaryRunner* runner_;
  Admission* admission_;
  ApiClientAdmin* admin_;
};

}  // namespace meldpunt::gateway
