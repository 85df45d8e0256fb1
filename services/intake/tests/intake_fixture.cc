#include "services/intake/tests/intake_fixture.h"

#include <pqxx/pqxx>

#include "libs/time/clock.h"
#include "libs/testing/sql_probe.h"
#include "migrations/events.h"
#include "migrations/idempotency.h"
#include "migrations/intake.h"
#include "services/intake/src/admin/zone_import.h"
#include "services/intake/src/zones/pg_zone_repository.h"

namespace meldpunt::intake::testing {
namespace {

ZoneImportOptions ImportOptions(const std::string& tenant) {
  ZoneImportOptions o;
  o.tenant_id = tenant;
  if (tenant == kSintTruiden) {
    o.tenant_name = "Sint-Truiden";
    o.reference_prefix = "STR";
    o.territory_path = RepoPath("deploy/zones/71053-sint-truiden-municipality.geojson");
    o.zones_path = RepoPath("deploy/zones/71053-sint-truiden-deelgemeenten.geojson");
  } else {
    o.tenant_name = "Hasselt";
    o.reference_prefix = "HAS";
    o.territory_path = RepoPath("deploy/zones/71022-hasselt-municipality.geojson");
    o.zones_path = RepoPath("deploy/zones/71022-hasselt-deelgemeenten.geojson");
  }
  return o;
}

}  // namespace

std::string RepoPath(const std::string& relative) {
  return std::string(MELDPUNT_SOURCE_DIR) + "/" + relative;
}

IntakeSettings IntakeTest::Settings() const {
  IntakeSettings s;
  s.max_media_bytes = 256 << 10;
  s.max_media_per_report = 3;
  return s;
}

void IntakeTest::SetUp() {
  auto db = meldpunt::testing::TestDatabase::Create();
  ASSERT_TRUE(db.ok()) << db.status();
  db_ = std::move(*db);
  // The service's own role, owning what it migrates, as in every deployment: superusers would
  // bypass row-level security and hide a missing tenant filter.
  auto store = db_->OpenAsService({{"events", migrations::events()},
                                   {"idempotency", migrations::idempotency()},
                                   {"intake", migrations::intake()}});
  ASSERT_TRUE(store.ok()) << store.status();
  app_dsn_ = store->dsn;
  pool_ = std::move(store->pool);
  admin_pool_ = std::move(store->admin_pool);

  PgZoneRepository zones(pool_.get());
  for (const char* tenant : {kSintTruiden, kHasselt}) {
    auto imported = ImportZones(ImportOptions(tenant), zones);
    ASSERT_TRUE(imported.ok()) << imported.status();
  }

  categories_ = std::make_unique<PgCategoryRepository>(pool_.get());
  reports_ = std::make_unique<PgReportRepository>(pool_.get(), &time::DefaultClock());
  media_ = std::make_unique<PgMediaRepository>(pool_.get(), &time::DefaultClock());
  absl::Status started =
      harness_.Start({categories_.get(), reports_.get(), media_.get()}, Settings());
  ASSERT_TRUE(started.ok()) << started;
  stub_ = harness_.stub();
}

void IntakeTest::TearDown() {
  harness_.Stop();
  pool_.reset();
  admin_pool_.reset();
  db_.reset();  // drops the database, then its service role
}

std::unique_ptr<grpc::ClientContext> IntakeTest::As(const std::string& tenant, roles::Role role,
                                                     const std::string& subject) {
  return harness_.As(tenant, role, subject);
}

std::unique_ptr<grpc::ClientContext> IntakeTest::AsCitizen(const std::string& tenant,
                                                           const std::string& citizen_id) {
  return harness_.AsCitizen(tenant, citizen_id);
}

std::unique_ptr<grpc::ClientContext> IntakeTest::AsApiClient(const std::string& tenant) {
  return harness_.AsApiClient(tenant);
}

void IntakeTest::PutCategory(const std::string& tenant, const v1::Category& category) {
  v1::UpsertCategoryRequest req;
  req.set_request_id("cat-" + category.code() + (category.active() ? "" : "-off"));
  *req.mutable_category() = category;
  v1::UpsertCategoryResponse resp;
  grpc::Status s = stub_->UpsertCategory(As(tenant, roles::ROLE_TENANT_ADMIN).get(), req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
}

grpc::Status IntakeTest::Create(std::unique_ptr<grpc::ClientContext> ctx,
                                const v1::CreateReportRequest& req, v1::CreateReportResponse* resp) {
  return stub_->CreateReport(ctx.get(), req, resp);
}

v1::Report IntakeTest::MustCreate(std::unique_ptr<grpc::ClientContext> ctx,
                                  const v1::CreateReportRequest& req) {
  v1::CreateReportResponse resp;
  grpc::Status s = stub_->CreateReport(ctx.get(), req, &resp);
  EXPECT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  return resp.report();
}

common::v1::GeoPoint IntakeTest::PointIn(const std::string& tenant, const std::string& zone_id) {
  common::v1::GeoPoint p;
  absl::Status s = admin_pool_->WithConnection([&](pqxx::connection& c) -> absl::Status {
    pqxx::nontransaction tx(c);
    pqxx::row row = tx.exec_params1(
        "SELECT ST_Y(ST_PointOnSurface(geom::geometry)), ST_X(ST_PointOnSurface(geom::geometry))"
        " FROM zones WHERE tenant_id = $1 AND zone_id = $2",
        tenant, zone_id);
    p.set_latitude(row[0].as<double>());
    p.set_longitude(row[1].as<double>());
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  return p;
}

std::int64_t IntakeTest::Scalar(const std::string& sql) {
  auto value = meldpunt::testing::QueryInt(*admin_pool_, sql);
  EXPECT_TRUE(value.ok()) << sql << ": " << value.status();
  return value.value_or(-1);
}

void IntakeTest::Exec(const std::string& sql) {
  absl::Status s = meldpunt::testing::ExecSql(*admin_pool_, sql);
  ASSERT_TRUE(s.ok()) << sql << ": " << s;
}

std::vector<events::v1::Event> IntakeTest::OutboxEvents() {
  std::vector<events::v1::Event> out;
  absl::Status s = admin_pool_->WithConnection([&](pqxx::connection& c) -> absl::Status {
    pqxx::nontransaction tx(c);
    for (const auto& row : tx.exec("SELECT payload, stream FROM meldpunt_outbox ORDER BY id")) {
      pqxx::binarystring payload(row[0]);
      events::v1::Event e;
      EXPECT_TRUE(e.ParseFromString(payload.str()));
      EXPECT_EQ(row[1].as<std::string>(), "meldpunt:events:intake");
      out.push_back(std::move(e));
    }
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  return out;
}

void ReportsTest::SetUp() {
  IntakeTest::SetUp();
  if (HasFatalFailure()) return;
  PutCategory(kSintTruiden, MakeCategory("zwerfvuil"));
  PutCategory(kSintTruiden, MakeCategory("graffiti"));
  PutCategory(kSintTruiden, MakeCategory("drugsafval", /*sensitive=*/true));
  PutCategory(kSintTruiden, MakeCategory("oud", false, /*active=*/false));
  PutCategory(kHasselt, MakeCategory("zwerfvuil"));
  if (HasFatalFailure()) return;
  Seed();
}

}  // namespace meldpunt::intake::testing
