#include "libs/testing/service_edge.h"

#include <chrono>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "absl/time/clock.h"
#include "libs/auth/authorize.h"
#include "libs/auth/test_keys.h"
#include "libs/status/status.h"
#include "libs/time/conversions.h"

namespace meldpunt::testing {

absl::StatusOr<std::unique_ptr<ServiceEdge>> ServiceEdge::Create(ServiceEdgeOptions options) {
  std::unique_ptr<ServiceEdge> edge(new ServiceEdge(std::move(options)));
  auto keys = auth::testing::NewEd25519KeyPair();
  auto signer = auth::PrincipalSigner::Create("gw1", keys.first);
  if (!signer.ok()) return signer.status();
  edge->signer_ = std::move(*signer);
  auto verifier = auth::PrincipalVerifier::Create({{"gw1", keys.second}});
  if (!verifier.ok()) return verifier.status();
  edge->verifier_ = std::move(*verifier);
  edge->workers_ = std::make_unique<server::WorkerPool>(4, 64);
  edge->runner_ = std::make_unique<server::UnaryRunner>(
      edge->workers_.get(), server::DeadlinePolicy{},
      server::ErrorDomain(edge->options_.service_name), edge->options_.logger);
  edge->calls_ =
      std::make_unique<server::AuthorizedRunner>(edge->runner_.get(), edge->verifier());
  return edge;
}

absl::Status ServiceEdge::Serve(const std::string& full_name, grpc::Service* service) {
  if (server_) return status::Error(absl::StatusCode::kFailedPrecondition, "EDGE_SERVING", "already serving");
  server::ServerOptions so;
  so.service_name = options_.service_name;
  so.listen_host = "127.0.0.1";
  so.max_receive_bytes = options_.max_receive_bytes;
  so.shutdown_grace = options_.shutdown_grace;
  auto started =
      server::GrpcServer::Start(so, {{full_name, service}}, workers_.get(), nullptr, options_.logger);
  if (!started.ok()) return started.status();
  server_ = std::move(*started);
  grpc::ChannelArguments args;
  if (options_.client_max_send_bytes >= 0) {
    args.SetMaxSendMessageSize(options_.client_max_send_bytes);
  }
  channel_ = grpc::CreateCustomChannel(address(), grpc::InsecureChannelCredentials(), args);
  return absl::OkStatus();
}

void ServiceEdge::Stop() {
  if (server_) server_->Shutdown();
  server_.reset();
}

std::unique_ptr<grpc::ClientContext> ServiceEdge::As(const std::string& tenant,
                                                     common::v1::Role role,
                                                     const std::string& subject) const {
  return Signed(MakePrincipal(tenant, KindOf(role), {role}, subject));
}

std::unique_ptr<grpc::ClientContext> ServiceEdge::SignedBy(const auth::PrincipalSigner& signer,
                                                           auth::Principal principal) {
  auto ctx = Anonymous();
  if (!principal.has_expires_at()) {
    *principal.mutable_expires_at() = time::ToProto(absl::Now() + absl::Minutes(5));
  }
  auto signed_principal = signer.Sign(principal);
  // A principal that cannot be signed goes out without one: the call then fails as anonymous,
  // which the test sees.
  if (signed_principal.ok()) auth::AttachPrincipal(*ctx, *signed_principal);
  return ctx;
}

std::unique_ptr<grpc::ClientContext> ServiceEdge::Anonymous() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return ctx;
}

common::v1::PrincipalKind KindOf(common::v1::Role role) {
  switch (role) {
    case common::v1::ROLE_CITIZEN:
      return common::v1::PRINCIPAL_KIND_CITIZEN;
    case common::v1::ROLE_INTEGRATOR:
      return common::v1::PRINCIPAL_KIND_API_CLIENT;
    case common::v1::ROLE_SERVICE:
      return common::v1::PRINCIPAL_KIND_SERVICE;
    default:
      return common::v1::PRINCIPAL_KIND_STAFF;
  }
}

auth::Principal MakePrincipal(const std::string& tenant, common::v1::PrincipalKind kind,
                              const std::vector<common::v1::Role>& roles,
                              const std::string& subject) {
  auth::Principal p;
  p.set_tenant_id(tenant);
  p.set_subject(subject);
  p.set_kind(kind);
  for (common::v1::Role role : roles) p.add_roles(role);
  return p;
}

}  // namespace meldpunt::testing
