#pragma once
// The real IntakeServiceImpl on a free loopback port over whatever repositories a test hands it
// (PostgreSQL ones in the integration tests, tests/fakes/ in the handler tests), called over
// gRPC with principals signed the way the gateway signs them.

#include <atomic>
#include <memory>
#include <string>

#include <grpcpp/client_context.h>

#include "absl/status/status.h"
#include "libs/auth/principal.h"
#include "libs/testing/service_edge.h"
#include "meldpunt/intake/v1/intake_service.grpc.pb.h"
#include "services/intake/src/api/intake_service.h"

namespace meldpunt::intake::testing {

class ServiceHarness {
 public:
  struct Repositories {
    CategoryRepository* categories = nullptr;
    ReportRepository* reports = nullptr;
    MediaRepository* media = nullptr;
  };

  ServiceHarness() = default;
  ServiceHarness(const ServiceHarness&) = delete;
  ServiceHarness& operator=(const ServiceHarness&) = delete;
  ~ServiceHarness() { Stop(); }

  // The repositories must outlive the harness (or Stop()).
  absl::Status Start(const Repositories& repositories, const IntakeSettings& settings);
  void Stop();

  // Call contexts with a principal signed by the key the service trusts: kind CITIZEN for the
  // citizen role, API_CLIENT for the integrator, STAFF otherwise.
  std::unique_ptr<grpc::ClientContext> As(const std::string& tenant, common::v1::Role role,
                                          const std::string& subject = "staff-1") const;
  std::unique_ptr<grpc::ClientContext> AsCitizen(const std::string& tenant,
                                                 const std::string& citizen_id) const;
  std::unique_ptr<grpc::ClientContext> AsApiClient(const std::string& tenant) const;
  // Exactly this principal, signed.
  std::unique_ptr<grpc::ClientContext> AsPrincipal(const auth::Principal& principal) const;
  // No principal at all.
  static std::unique_ptr<grpc::ClientContext> Anonymous();

  v1::IntakeService::Stub* stub() const { return stub_.get(); }

  // How often the service reported a committed event (IntakeServiceDeps::events_written).
  int events_written() const { return events_written_.load(); }

 private:
  std::unique_ptr<meldpunt::testing::ServiceEdge> edge_;
  std::unique_ptr<IntakeServiceImpl> service_;
  std::unique_ptr<v1::IntakeService::Stub> stub_;
  std::atomic<int> events_written_{0};
};

}  // namespace meldpunt::intake::testing
