#include "libs/testing/service_edge.h"

#include <algorithm>
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
  std::map<std::string, std::string> trusted = {{"gw1", keys.second}};
  for (const std::string& name : kServiceNames()) {
    auto own = auth::testing::NewEd25519KeyPair();
    const std::string kid = "svc@" + name;
    auto service_signer = auth::PrincipalSigner::Create(kid, own.first);
    if (!service_signer.ok()) return service_signer.status();
    edge->service_signers_.emplace(name, std::move(*service_signer));
    trusted.emplace(kid, own.second);
  }
  auto verifier = auth::PrincipalVerifier::Create(
      trusted, auth::VerifierOptions{edge->options_.service_name});
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
  // A service principal speaks for a service: one of the edge's when the subject is not.
  const auto& services = kServiceNames();
  const bool service_subject =
      std::find(services.begin(), services.end(), subject) != services.end();
  return Signed(MakePrincipal(tenant, KindOf(role), {role},
                              role == common::v1::ROLE_SERVICE && !service_subject ? services[0]
                                                                                  : subject));
}

const std::vector<std::string>& ServiceEdge::kServiceNames() {
  static const auto* names = new std::vector<std::string>{"intake", "identity", "dispatch",
                                                          "notification", "analytics"};
  return *names;
}

std::unique_ptr<grpc::ClientContext> ServiceEdge::Signed(auth::Principal principal) const {
  if (principal.audience().empty()) principal.set_audience(options_.service_name);
  const auth::PrincipalSigner* signer = signer_.get();
  if (principal.kind() == common::v1::PRINCIPAL_KIND_SERVICE) {
    auto own = service_signers_.find(principal.subject());
    if (own != service_signers_.end()) signer = own->second.get();
  }
  return SignedBy(*signer, std::move(principal));
}

std::unique_ptr<grpc::ClientContext> ServiceEdge::SignedBy(const auth::PrincipalSigner& signer,
                                                           auth::Principal principal) {
  auto ctx = Anonymous();
  if (principal.issuer().empty()) principal.set_issuer(auth::KeyOwner(signer.key_id()));
  if (!principal.has_expires_at()) {
    *principal.mutable_expires_at() = time::ToProto(absl::Now() + absl::Seconds(30));
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
