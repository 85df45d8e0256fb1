#include "services/intake/tests/service_harness.h"

namespace meldpunt::intake::testing {

absl::Status ServiceHarness::Start(const Repositories& repositories, const IntakeSettings& settings) {
  meldpunt::testing::ServiceEdgeOptions options;
  options.service_name = "intake";
  options.max_receive_bytes = 1 << 20;
  options.client_max_send_bytes = 1 << 20;
  auto edge = meldpunt::testing::ServiceEdge::Create(options);
  if (!edge.ok()) return edge.status();
  edge_ = std::move(*edge);
  IntakeServiceDeps deps;
  deps.calls = edge_->calls();
  deps.categories = repositories.categories;
  deps.reports = repositories.reports;
  deps.media = repositories.media;
  deps.settings = settings;
  deps.events_written = [this] { ++events_written_; };
  service_ = std::make_unique<IntakeServiceImpl>(std::move(deps));
  if (absl::Status s = edge_->Serve(v1::IntakeService::service_full_name(), service_.get());
      !s.ok()) {
    return s;
  }
  stub_ = v1::IntakeService::NewStub(edge_->channel());
  return absl::OkStatus();
}

void ServiceHarness::Stop() {
  if (edge_) edge_->Stop();
}

std::unique_ptr<grpc::ClientContext> ServiceHarness::As(const std::string& tenant, common::v1::Role role,
                                                        const std::string& subject) const {
  return edge_->As(tenant, role, subject);
}

std::unique_ptr<grpc::ClientContext> ServiceHarness::AsCitizen(const std::string& tenant,
                                                               const std::string& citizen_id) const {
  return As(tenant, common::v1::ROLE_CITIZEN, citizen_id);
}

std::unique_ptr<grpc::ClientContext> ServiceHarness::AsApiClient(const std::string& tenant) const {
  return As(tenant, common::v1::ROLE_INTEGRATOR, "app-backend");
}

std::unique_ptr<grpc::ClientContext> ServiceHarness::AsPrincipal(const auth::Principal& principal) const {
  return edge_->Signed(principal);
}

std::unique_ptr<grpc::ClientContext> ServiceHarness::Anonymous() {
  return meldpunt::testing::ServiceEdge::Anonymous();
}

}  // namespace meldpunt::intake::testing
