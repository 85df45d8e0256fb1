#include "services/identity/tests/citizens/citizens_fixture.h"

#include <pqxx/pqxx>

#include "libs/postgres/conninfo.h"
#include "libs/postgres/migrator.h"
#include "migrations/events.h"
#include "migrations/identity.h"
#include "services/identity/src/admin/zone_import.h"

namespace meldpunt::identity::testing {

std::string RepoPath(const std::string& relative) {
  return std::string(MELDPUNT_SOURCE_DIR) + "/" + relative;
}

VerifiedIdentity Person(const std::string& national_number, const std::string& given_names,
                        const std::string& family_name, const std::string& birth_date,
                        common::v1::Gender gender, const std::string& municipality) {
  VerifiedIdentity id;
  id.national_number = national_number;
  id.given_names = given_names;
  id.family_name = family_name;
  id.birth_date = birth_date;
  id.gender = gender;
  common::v1::PostalAddress address;
  address.set_street("Kerkstraat");
  address.set_house_number("12");
  address.set_postal_code("3800");
  address.set_municipality(municipality);
  address.set_country("BE");
  id.official_address = address;
  id.assurance = v1::ASSURANCE_LEVEL_EID_DATA;
  return id;
}

VerifiedIdentity An() {
  return Person(kAnNumber, "An Maria", "Peeters", "1985-07-30", common::v1::GENDER_FEMALE,
                "Brustem");
}

VerifiedIdentity Bert() {
  return Person(kBertNumber, "Bert", "Janssens", "1990-01-01", common::v1::GENDER_MALE,
                "Sint-Truiden");
}

void CitizensTest::SetUp() {
  auto db = meldpunt::testing::TestDatabase::Create();
  ASSERT_TRUE(db.ok()) << db.status();
  db_ = std::move(*db);
  // The service's own role, owning what it migrates: a superuser would bypass row-level security
  // and hide a missing tenant filter.
  auto role_dsn = db_->ServiceRoleDsn();
  ASSERT_TRUE(role_dsn.ok()) << role_dsn.status();
  app_dsn_ = *role_dsn;
  for (const auto& [component, files] : {std::make_pair("events", migrations::events()),
                                         std::make_pair("identity", migrations::identity())}) {
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

  auto protector = crypto::DataProtector::FromSecret(std::string(32, 'k'));
  ASSERT_TRUE(protector.ok());
  protector_ = std::move(*protector);
  repo_ = std::make_unique<PgCitizenRepository>(pool_.get(), protector_.get());

  CitizenZoneImportOptions zones;
  zones.tenant_id = kSintTruiden;
  zones.zones_path = RepoPath("deploy/zones/71053-sint-truiden-deelgemeenten.geojson");
  auto imported = ImportCitizenZones(*pool_, zones, now_);
  ASSERT_TRUE(imported.ok()) << imported.status();
}

void CitizensTest::TearDown() {
  repo_.reset();
  pool_.reset();
  admin_pool_.reset();
  db_.reset();  // drops the database, then its service role
}

v1::Citizen CitizensTest::MustUpsert(const std::string& tenant, const VerifiedIdentity& identity,
                                     common::v1::Language language) {
  auto result = repo_->UpsertIdentified(tenant, identity, language, now_);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? result->citizen : v1::Citizen();
}

std::int64_t CitizensTest::Scalar(const std::string& sql) {
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

std::string CitizensTest::Bytes(const std::string& sql) {
  std::string value;
  absl::Status s = admin_pool_->WithConnection([&](pqxx::connection& c) -> absl::Status {
    pqxx::nontransaction tx(c);
    pqxx::row row = tx.exec1(sql);
    value = pqxx::binarystring(row[0]).str();
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << sql << ": " << s;
  return value;
}

std::vector<OutboxRow> CitizensTest::Outbox() {
  std::vector<OutboxRow> out;
  absl::Status s = admin_pool_->WithConnection([&](pqxx::connection& c) -> absl::Status {
    pqxx::nontransaction tx(c);
    for (const auto& row : tx.exec("SELECT payload, stream FROM meldpunt_outbox ORDER BY id")) {
      OutboxRow r;
      r.raw = pqxx::binarystring(row[0]).str();
      r.stream = row[1].as<std::string>();
      EXPECT_TRUE(r.event.ParseFromString(r.raw));
      out.push_back(std::move(r));
    }
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  return out;
}

}  // namespace meldpunt::identity::testing
