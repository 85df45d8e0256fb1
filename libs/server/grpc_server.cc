#include "libs/server/grpc_server.h"

#include <cstdio>
#include <fstream>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include "absl/strings/str_cat.h"
#include "libs/observability/server_interceptor.h"
#include "libs/server/malformed_request.h"
#include "libs/status/status.h"

namespace meldpunt::server {
namespace {

absl::Status WritePortFile(const std::string& path, int port) {
  // Written whole and renamed, so a reader polling for the file never sees half a number.
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

std::string ErrorDomain(const std::string& service_name) {
  return absl::StrCat(service_name, ".meldpunt");
}

absl::StatusOr<std::unique_ptr<GrpcServer>> GrpcServer::Start(
    const ServerOptions& options, const std::vector<RegisteredService>& services,
    WorkerPool* pool, observability::Metrics* metrics, observability::Logger* logger,
    grpc::CallbackGenericService* generic) {
  // Both are process-wide switches that must be set before the first ServerBuilder.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  std::unique_ptr<GrpcServer> self(new GrpcServer());
  self->options_ = options;
  self->pool_ = pool;

  grpc::ServerBuilder builder;
  const std::string address = absl::StrCat(
      options.listen_host.find(':') != std::string::npos ? "[" + options.listen_host + "]"
                                                          : options.listen_host,
      ":", options.port);
  // Plain TCP inside the cluster: TLS terminates at the ingress or the service mesh, and the
  // principal travels signed, so it is not forgeable in transit either way.
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &self->port_);
  builder.SetMaxReceiveMessageSize(options.max_receive_bytes);
  builder.SetMaxSendMessageSize(options.max_send_bytes);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, options.max_concurrent_streams);
  for (const auto& s : services) {
    builder.RegisterService(s.service);
    self->service_names_.push_back(s.full_name);
  }
  if (generic != nullptr) builder.RegisterCallbackGenericService(generic);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  // First, so the metrics and the log line below record the corrected answer.
  interceptors.push_back(MakeMalformedRequestInterceptorFactory(ErrorDomain(options.service_name)));
  interceptors.push_back(
      observability::MakeServerInterceptorFactory(metrics, logger, options.service_name));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  self->server_ = builder.BuildAndStart();
  if (!self->server_ || self->port_ == 0) {
    return status::Unavailable("LISTEN_FAILED", absl::StrCat("cannot listen on ", address));
  }
  auto* health = self->server_->GetHealthCheckService();
  health->SetServingStatus(true);
  for (const auto& name : self->service_names_) health->SetServingStatus(name, true);

  if (!options.port_file.empty()) {
    if (absl::Status s = WritePortFile(options.port_file, self->port_); !s.ok()) return s;
  }
  return self;
}

GrpcServer::~GrpcServer() { Shutdown(); }

void GrpcServer::SetServing(const std::string& service, bool serving) {
  std::lock_guard<std::mutex> lock(mu_);
  if (shut_down_) return;
  auto* health = server_->GetHealthCheckService();
  if (service.empty()) {
    health->SetServingStatus(serving);
  } else {
    health->SetServingStatus(service, serving);
  }
}

void GrpcServer::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (shut_down_ || !server_) return;
    shut_down_ = true;
  }
  server_->GetHealthCheckService()->SetServingStatus(false);
  server_->Shutdown(std::chrono::system_clock::now() + options_.shutdown_grace);
  if (pool_ != nullptr) pool_->Stop();
}

void GrpcServer::Wait() { server_->Wait(); }

}  // namespace meldpunt::server
