#include "services/intake/tests/intake_fixture.h"

#include <cmath>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "libs/auth/authorize.h"
#include "libs/auth/test_keys.h"
#include "libs/events/clock.h"
#include "libs/postgres/conninfo.h"
#include "libs/postgres/migrator.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "migrations/events.h"
#include "migrations/idempotency.h"
#include "migrations/intake.h"
#include "services/intake/src/zones/pg_zone_repository.h"
#include "services/intake/src/admin/zone_import.h"

namespace meldpunt::intake::testing {
namespace {

namespace roles = common::v1;

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

common::v1::GeoPoint GroteMarkt() {
  common::v1::GeoPoint p;
  p.set_latitude(50.8163);
  p.set_longitude(5.1856);
  return p;
}

common::v1::GeoPoint Brussels() {
  common::v1::GeoPoint p;
  p.set_latitude(50.8467);
  p.set_longitude(4.3525);
  return p;
}

common::v1::GeoPoint Offset(const common::v1::GeoPoint& p, double north_m, double east_m) {
  constexpr double kMetersPerDegree = 111195.0;
  common::v1::GeoPoint out;
  out.set_latitude(p.latitude() + north_m / kMetersPerDegree);
  out.set_longitude(p.longitude() +
                    east_m / (kMetersPerDegree * std::cos(p.latitude() * 3.14159265358979 / 180)));
  return out;
}

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
  app_role_ = db_->name() + "_app";
  {
    pqxx::connection admin(db_->dsn());
    pqxx::work tx(admin);
    tx.exec("CREATE ROLE " + tx.quote_name(app_role_) + " LOGIN PASSWORD 'pw'");
    tx.exec("GRANT ALL ON DATABASE " + tx.quote_name(db_->name()) + " TO " + tx.quote_name(app_role_));
    tx.exec("GRANT ALL ON SCHEMA public TO " + tx.quote_name(app_role_));
    tx.commit();
  }
  auto params = pg::ParseConnInfo(db_->dsn());
  ASSERT_TRUE(params.ok());
  (*params)["user"] = app_role_;
  (*params)["password"] = "pw";
  app_dsn_ = pg::FormatConnInfo(*params);
  for (const auto& [component, files] :
       {std::make_pair("events", migrations::events()),
        std::make_pair("idempotency", migrations::idempotency()),
        std::make_pair("intake", migrations::intake())}) {
    auto migrated = pg::Migrate(app_dsn_, component, files);
    ASSERT_TRUE(migrated.ok()) << component << ": " << migrated.status();
  }
  pg::PoolOptions po;
  po.dsn = app_dsn_;
  po.size = 4;
  auto pool = pg::CreatePool(po);
  ASSERT_TRUE(pool.ok()) << pool.status();
  pool_ = std::move(*pool);
  po.dsn = db_->dsn();
  po.size = 1;
  auto admin_pool = pg::CreatePool(po);
  ASSERT_TRUE(admin_pool.ok()) << admin_pool.status();
  admin_pool_ = std::move(*admin_pool);

  PgZoneRepository zones(pool_.get());
  for (const char* tenant : {kSintTruiden, kHasselt}) {
    auto imported = ImportZones(ImportOptions(tenant), zones);
    ASSERT_TRUE(imported.ok()) << imported.status();
  }

  auto keys = auth::testing::NewEd25519KeyPair();
  signer_ = std::move(*auth::PrincipalSigner::Create("gw1", keys.first));
  verifier_ = std::move(*auth::PrincipalVerifier::Create({{"gw1", keys.second}}));
  workers_ = std::make_unique<server::WorkerPool>(4, 64);
  runner_ = std::make_unique<server::UnaryRunner>(workers_.get(), server::DeadlinePolicy{},
                                                  "intake.meldpunt");
  categories_ = std::make_unique<PgCategoryRepository>(pool_.get());
  reports_ = std::make_unique<PgReportRepository>(pool_.get(), &events::DefaultClock());
  media_ = std::make_unique<PgMediaRepository>(pool_.get(), &events::DefaultClock());
  IntakeServiceDeps deps;
  deps.runner = runner_.get();
  deps.verifier = verifier_.get();
  deps.categories = categories_.get();
  deps.reports = reports_.get();
  deps.media = media_.get();
  deps.settings = Settings();
  deps.events_written = [this] { ++events_written_; };
  service_ = std::make_unique<IntakeServiceImpl>(std::move(deps));
  server::ServerOptions so;
  so.service_name = "intake";
  so.listen_host = "127.0.0.1";
  so.max_receive_bytes = 1 << 20;
  auto srv = server::GrpcServer::Start(so, {{v1::IntakeService::service_full_name(), service_.get()}},
                                       workers_.get(), nullptr, nullptr);
  ASSERT_TRUE(srv.ok()) << srv.status();
  server_ = std::move(*srv);
  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(1 << 20);
  stub_ = v1::IntakeService::NewStub(grpc::CreateCustomChannel(
      "127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials(), args));
}

void IntakeTest::TearDown() {
  if (server_) server_->Shutdown();
  pool_.reset();
  admin_pool_.reset();
  if (db_ && !app_role_.empty()) {
    try {
      pqxx::connection on_db(db_->dsn());
      pqxx::nontransaction tx(on_db);
      tx.exec("DROP OWNED BY " + tx.quote_name(app_role_));
    } catch (...) {
    }
    const std::string admin_dsn = db_->admin_dsn();
    db_.reset();
    try {
      pqxx::connection admin(admin_dsn);
      pqxx::nontransaction tx(admin);
      tx.exec("DROP ROLE IF EXISTS " + tx.quote_name(app_role_));
    } catch (...) {
    }
  }
}

std::unique_ptr<grpc::ClientContext> IntakeTest::As(const std::string& tenant, roles::Role role,
                                                     const std::string& subject) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  auth::Principal p;
  p.set_tenant_id(tenant);
  p.set_subject(subject);
  p.set_kind(role == roles::ROLE_CITIZEN      ? roles::PRINCIPAL_KIND_CITIZEN
             : role == roles::ROLE_INTEGRATOR ? roles::PRINCIPAL_KIND_API_CLIENT
                                              : roles::PRINCIPAL_KIND_STAFF);
  p.add_roles(role);
  p.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Minutes(5)));
  auth::AttachPrincipal(*ctx, *signer_->Sign(p));
  return ctx;
}

std::unique_ptr<grpc::ClientContext> IntakeTest::AsCitizen(const std::string& tenant,
                                                           const std::string& citizen_id) {
  return As(tenant, roles::ROLE_CITIZEN, citizen_id);
}

std::unique_ptr<grpc::ClientContext> IntakeTest::AsApiClient(const std::string& tenant) {
  return As(tenant, roles::ROLE_INTEGRATOR, "app-backend");
}

v1::Category IntakeTest::MakeCategory(const std::string& code, bool sensitive, bool active) {
  v1::Category c;
  c.set_code(code);
  auto* nl = c.add_names();
  nl->set_language(roles::LANGUAGE_NL);
  nl->set_text("Categorie " + code);
  c.set_active(active);
  c.set_sensitive(sensitive);
  auto* amount = c.add_attributes();
  amount->set_code("hoeveelheid");
  amount->set_datatype(v1::ATTRIBUTE_DATATYPE_SINGLE_VALUE_LIST);
  amount->set_variable(true);
  amount->set_required(true);
  amount->set_order(1);
  amount->add_values()->set_key("weinig");
  amount->add_values()->set_key("veel");
  auto* count = c.add_attributes();
  count->set_code("aantal");
  count->set_datatype(v1::ATTRIBUTE_DATATYPE_NUMBER);
  count->set_variable(true);
  count->set_order(2);
  auto* seen = c.add_attributes();
  seen->set_code("gezien-op");
  seen->set_datatype(v1::ATTRIBUTE_DATATYPE_DATETIME);
  seen->set_variable(true);
  seen->set_order(3);
  return c;
}

void IntakeTest::PutCategory(const std::string& tenant, const v1::Category& category) {
  v1::UpsertCategoryRequest req;
  req.set_request_id("cat-" + category.code() + (category.active() ? "" : "-off"));
  *req.mutable_category() = category;
  v1::UpsertCategoryResponse resp;
  grpc::Status s = stub_->UpsertCategory(As(tenant, roles::ROLE_TENANT_ADMIN).get(), req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
}

v1::CreateReportRequest IntakeTest::NewReport(const std::string& request_id,
                                              const std::string& category,
                                              const common::v1::GeoPoint& point) {
  v1::CreateReportRequest r;
  r.set_request_id(request_id);
  r.set_category_code(category);
  r.set_channel(roles::CHANNEL_APP);
  *r.mutable_location() = point;
  r.set_description("Een hoop vuilniszakken naast de glasbol.");
  auto* answer = r.add_attribute_values();
  answer->set_code("hoeveelheid");
  answer->add_values("veel");
  return r;
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
  std::int64_t value = -1;
  absl::Status s = admin_pool_->WithConnection([&](pqxx::connection& c) -> absl::Status {
    pqxx::nontransaction tx(c);
    pqxx::row row = tx.exec1(sql);
    value = row[0].is_null() ? 0 : row[0].as<std::int64_t>();
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << sql << ": " << s;
  return value;
}

void IntakeTest::Exec(const std::string& sql) {
  absl::Status s = admin_pool_->WithConnection([&](pqxx::connection& c) -> absl::Status {
    pqxx::nontransaction tx(c);
    tx.exec(sql);
    return absl::OkStatus();
  });
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

std::string IntakeTest::Reason(const grpc::Status& s) { return status::Reason(status::FromGrpc(s)); }

}  // namespace meldpunt::intake::testing
