#include "services/intake/tests/service_harness.h"

#include <chrono>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "absl/time/clock.h"
#include "libs/auth/authorize.h"
#include "libs/auth/test_keys.h"

namespace meldpunt::intake::testing {
namespace {

std::unique_ptr<grpc::ClientContext> NewContext() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return ctx;
}

}  // namespace

absl::Status ServiceHarness::Start(const Repositories& repositories, const IntakeSettings& settings) {
  auto keys = auth::testing::NewEd25519KeyPair();
  auto signer = auth::PrincipalSigner::Create("gw1", keys.first);
  if (!signer.ok()) return signer.status();
  signer_ = std::move(*signer);
  auto verifier = auth::PrincipalVerifier::Create({{"gw1", keys.second}});
  if (!verifier.ok()) return verifier.status();
  verifier_ = std::move(*verifier);
  workers_ = std::make_unique<server::WorkerPool>(4, 64);
  runner_ = std::make_unique<server::UnaryRunner>(workers_.get(), server::DeadlinePolicy{},
                                                  "intake.meldpunt");
  calls_ = std::make_unique<server::AuthorizedRunner>(runner_.get(), verifier_.get());
  IntakeServiceDeps deps;
  deps.calls = calls_.get();
  deps.categories = repositories.categories;
  deps.reports = repositories.reports;
  deps.media = repositories.media;
  deps.settings = settings;
  deps.events_written = [this] { ++events_written_; };
  service_ = std::make_unique<IntakeServiceImpl>(std::move(deps));
  server::ServerOptions so;
  so.service_name = "intake";
  so.listen_host = "127.0.0.1";
  so.max_receive_bytes = 1 << 20;
  auto srv = server::GrpcServer::Start(so, {{v1::IntakeService::service_full_name(), service_.get()}},
                                       workers_.get(), nullptr, nullptr);
  if (!srv.ok()) return srv.status();
  server_ = std::move(*srv);
  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(1 << 20);
  stub_ = v1::IntakeService::NewStub(grpc::CreateCustomChannel(
      "127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials(), args));
  return absl::OkStatus();
}

void ServiceHarness::Stop() {
  if (server_) server_->Shutdown();
  server_.reset();
}

std::unique_ptr<grpc::ClientContext> ServiceHarness::As(const std::string& tenant, common::v1::Role role,
                                                        const std::string& subject) const {
  auth::Principal p;
  p.set_tenant_id(tenant);
  p.set_subject(subject);
  p.set_kind(role == common::v1::ROLE_CITIZEN      ? common::v1::PRINCIPAL_KIND_CITIZEN
             : role == common::v1::ROLE_INTEGRATOR ? common::v1::PRINCIPAL_KIND_API_CLIENT
                                              : common::v1::PRINCIPAL_KIND_STAFF);
  p.add_roles(role);
  return AsPrincipal(p);
}

std::unique_ptr<grpc::ClientContext> ServiceHarness::AsCitizen(const std::string& tenant,
                                                               const std::string& citizen_id) const {
  return As(tenant, common::v1::ROLE_CITIZEN, citizen_id);
}

std::unique_ptr<grpc::ClientContext> ServiceHarness::AsApiClient(const std::string& tenant) const {
  return As(tenant, common::v1::ROLE_INTEGRATOR, "app-backend");
}

std::unique_ptr<grpc::ClientContext> ServiceHarness::AsPrincipal(const auth::Principal& principal) const {
  auto ctx = NewContext();
  auth::Principal p = principal;
  if (!p.has_expires_at()) {
    p.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Minutes(5)));
  }
  auth::AttachPrincipal(*ctx, *signer_->Sign(p));
  return ctx;
}

std::unique_ptr<grpc::ClientContext> ServiceHarness::Anonymous() { return NewContext(); }

}  // namespace meldpunt::intake::testing
