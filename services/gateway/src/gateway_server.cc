#include "services/gateway/src/gateway_server.h"

#include <cstdio>
#include <fstream>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include "absl/strings/str_cat.h"
#include "libs/observability/server_interceptor.h"
#include "libs/status/status.h"

namespace meldpunt::gateway {
namespace {

absl::Status WritePortFile(const std::string& path, int port) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << port << "\n";
    if (!out) return status::Internal("PORT_FILE", absl::StrCat("cannot write ", tmp));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return status::Internal("PORT_FILE", absl::StrCat("cannot rename ", tmp, " to ", path));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<GatewayServer>> GatewayServer::Start(
    const server::ServerOptions& options, const std::vector<server::RegisteredService>& services,
    grpc::CallbackGenericService* proxy, server::WorkerPool* pool, observability::Metrics* metrics,
    observability::Logger* logger) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  std::unique_ptr<GatewayServer> self(new GatewayServer());
  self->options_ = options;
  self->pool_ = pool;

  grpc::ServerBuilder builder;
  const std::string address = absl::StrCat(
      options.listen_host.find(':') != std::string::npos ? "[" + options.listen_host + "]"
                                                          : options.listen_host,
      ":", options.port);
  // TLS terminates at the ingress in front of the gateway (see libs/server/grpc_server.cc).
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &self->port_);
  builder.SetMaxReceiveMessageSize(options.max_receive_bytes);
  builder.SetMaxSendMessageSize(options.max_send_bytes);
  for (const auto& s : services) builder.RegisterService(s.service);
  if (proxy != nullptr) builder.RegisterCallbackGenericService(proxy);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(
      observability::MakeServerInterceptorFactory(metrics, logger, options.service_name));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  self->server_ = builder.BuildAndStart();
  if (!self->server_ || self->port_ == 0) {
    return status::Unavailable("LISTEN_FAILED", absl::StrCat("cannot listen on ", address));
  }
  auto* health = self->server_->GetHealthCheckService();
  health->SetServingStatus(true);
  for (const auto& s : services) health->SetServingStatus(s.full_name, true);

  if (!options.port_file.empty()) {
    if (absl::Status s = WritePortFile(options.port_file, self->port_); !s.ok()) return s;
  }
  return self;
}

GatewayServer::~GatewayServer() { Shutdown(); }

void GatewayServer::SetServing(const std::string& service, bool serving) {
  std::lock_guard<std::mutex> lock(mu_);
  if (shut_down_) return;  // after shutdown everything stays NOT_SERVING
  auto* health = server_->GetHealthCheckService();
  if (service.empty()) {
    health->SetServingStatus(serving);
  } else {
    health->SetServingStatus(service, serving);
  }
}

void GatewayServer::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (shut_down_ || !server_) return;
    shut_down_ = true;
  }
  server_->GetHealthCheckService()->SetServingStatus(false);
  server_->Shutdown(std::chrono::system_clock::now() + options_.shutdown_grace);
  if (pool_ != nullptr) pool_->Stop();
}

}  // namespace meldpunt::gateway
