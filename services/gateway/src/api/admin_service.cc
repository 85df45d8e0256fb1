#include "services/gateway/src/api/admin_service.h"

#include "absl/time/clock.h"
#include "libs/status/status.h"

namespace meldpunt::gateway {
namespace {

constexpr char kCreate[] = "/meldpunt.gateway.v1.GatewayAdminService/CreateApiClient";
constexpr char kList[] = "/meldpunt.gateway.v1.GatewayAdminService/ListApiClients";
constexpr char kRevoke[] = "/meldpunt.gateway.v1.GatewayAdminService/RevokeApiClient";

}  // namespace

absl::StatusOr<auth::Principal> AdminService::Admit(grpc::CallbackServerContext* ctx,
                                                    const char* method) {
  MethodLookup found = LookupMethod(method);
  if (found.kind != MethodLookup::Kind::kPublic) {
    // The table test keeps this from happening; deny rather than assume.
    return status::PermissionDenied("METHOD_NOT_PUBLIC", "this method has no policy");
  }
  auto credentials = ExtractCredentials(ctx->client_metadata());
  if (!credentials.ok()) return credentials.status();
  auto admitted = admission_->Admit(*found.policy, *credentials, absl::Now());
  if (!admitted.ok()) return admitted.status();
  return admitted->principal;
}

grpc::ServerUnaryReactor* AdminService::CreateApiClient(grpc::CallbackServerContext* ctx,
                                                        const v1::CreateApiClientRequest* req,
                                                        v1::CreateApiClientResponse* resp) {
  return runner_->Run(ctx, [=](const server::CallInfo&) -> absl::Status {
    auto caller = Admit(ctx, kCreate);
    if (!caller.ok()) return caller.status();
    return admin_->Create(*caller, *req, resp);
  });
}

grpc::ServerUnaryReactor* AdminService::ListApiClients(grpc::CallbackServerContext* ctx,
                                                       const v1::ListApiClientsRequest* req,
                                                       v1::ListApiClientsResponse* resp) {
  return runner_->Run(ctx, [=](const server::CallInfo&) -> absl::Status {
    auto caller = Admit(ctx, kList);
    if (!caller.ok()) return caller.status();
    return admin_->List(*caller, *req, resp);
  });
}

grpc::ServerUnaryReactor* AdminService::RevokeApiClient(grpc::CallbackServerContext* ctx,
                                                        const v1::RevokeApiClientRequest* req,
                                                        v1::RevokeApiClientResponse* resp) {
  return runner_->Run(ctx, [=](const server::CallInfo&) -> absl::Status {
    auto caller = Admit(ctx, kRevoke);
    if (!caller.ok()) return caller.status();
    return admin_->Revoke(*caller, *req, resp);
  });
}

}  // namespace meldpunt::gateway
