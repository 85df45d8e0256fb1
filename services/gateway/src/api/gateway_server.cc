#include "services/gateway/src/api/gateway_server.h"

namespace meldpunt::gateway {

absl::StatusOr<std::unique_ptr<GatewayServer>> GatewayServer::Start(
    const server::ServerOptions& options, const std::vector<server::RegisteredService>& services,
    grpc::CallbackGenericService* proxy, server::WorkerPool* pool, observability::Metrics* metrics,
    observability::Logger* logger) {
  // The shared bootstrap (health, reflection, limits, interceptor, port file, drain on shutdown)
  // with the proxy as its generic service; TLS terminates at the ingress in front of the gateway.
  auto server = server::GrpcServer::Start(options, services, pool, metrics, logger, proxy);
  if (!server.ok()) return server.status();
  return std::unique_ptr<GatewayServer>(new GatewayServer(std::move(*server)));
}

void GatewayServer::SetServing(const std::string& service, bool serving) {
  server_->SetServing(service, serving);
}

void GatewayServer::Shutdown() { server_->Shutdown(); }

}  // namespace meldpunt::gateway
