#pragma once
// Shared set-up of intake's integration tests: a fresh database owned by its own non-superuser
// role (so row-level security applies, as in production), migrated with every component intake
// uses, Sint-Truiden and Hasselt loaded through the zone import command's code, and the real
// service on a free port called over gRPC with principals signed like the gateway's
// (service_harness.h).

#include <memory>
#include <string>

#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include "libs/postgres/pool.h"
#include "libs/testing/test_database.h"
#include "meldpunt/events/v1/event.pb.h"
#include "meldpunt/intake/v1/intake_service.grpc.pb.h"
#include "services/intake/src/api/intake_service.h"
#include "services/intake/src/categories/pg_category_repository.h"
#include "services/intake/src/media/pg_media_repository.h"
#include "services/intake/src/reports/pg_report_repository.h"
#include "services/intake/tests/service_harness.h"
#include "services/intake/tests/test_data.h"

namespace meldpunt::intake::testing {

// Path of a file in the repository (tests find deploy/zones through it).
std::string RepoPath(const std::string& relative);

class IntakeTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // What the service is configured with; small media limits keep the tests fast.
  virtual IntakeSettings Settings() const;

  // Call contexts with a principal signed by the key the service trusts.
  std::unique_ptr<grpc::ClientContext> As(const std::string& tenant, common::v1::Role role,
                                          const std::string& subject = "staff-1");
  std::unique_ptr<grpc::ClientContext> AsCitizen(const std::string& tenant, const std::string& citizen_id);
  std::unique_ptr<grpc::ClientContext> AsApiClient(const std::string& tenant);

  void PutCategory(const std::string& tenant, const v1::Category& category);

  grpc::Status Create(std::unique_ptr<grpc::ClientContext> ctx, const v1::CreateReportRequest& req,
                      v1::CreateReportResponse* resp);
  // Creates and asserts success.
  v1::Report MustCreate(std::unique_ptr<grpc::ClientContext> ctx, const v1::CreateReportRequest& req);

  // A point inside the zone (PostGIS' ST_PointOnSurface).
  common::v1::GeoPoint PointIn(const std::string& tenant, const std::string& zone_id);

  // One integer from a query run as the superuser (which bypasses row-level security).
  std::int64_t Scalar(const std::string& sql);
  void Exec(const std::string& sql);

  // The events in the outbox, oldest first.
  std::vector<events::v1::Event> OutboxEvents();

  std::unique_ptr<meldpunt::testing::TestDatabase> db_;
  std::string app_dsn_;  // the service's role: owns the tables, subject to row-level security
  std::unique_ptr<pg::Pool> pool_;        // as the service's role
  std::unique_ptr<pg::Pool> admin_pool_;  // superuser
  std::unique_ptr<PgCategoryRepository> categories_;
  std::unique_ptr<PgReportRepository> reports_;
  std::unique_ptr<PgMediaRepository> media_;
  ServiceHarness harness_;
  v1::IntakeService::Stub* stub_ = nullptr;  // harness_'s
};

// IntakeTest with the catalogue the report tests share: in Sint-Truiden zwerfvuil, graffiti,
// drugsafval (sensitive) and oud (inactive), in Hasselt zwerfvuil, stored through the service.
// A test class adds what it needs on top (its reports, photos, consumers) in Seed().
class ReportsTest : public IntakeTest {
 protected:
  void SetUp() override;

  // Runs once the catalogue is stored; may use ASSERT_*.
  virtual void Seed() {}
};

}  // namespace meldpunt::intake::testing
