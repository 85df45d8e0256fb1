#include "services/identity/tests/citizens/citizens_fixture.h"

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
  id.assurance = common::v1::ASSURANCE_LEVEL_EID_DATA;
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
  IdentityDatabaseTest::SetUp();
  if (HasFatalFailure()) return;
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
  IdentityDatabaseTest::TearDown();
}

v1::Citizen CitizensTest::MustUpsert(const std::string& tenant, const VerifiedIdentity& identity,
                                     common::v1::Language language) {
  auto result = repo_->UpsertIdentified(tenant, identity, language, now_);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? result->citizen : v1::Citizen();
}

}  // namespace meldpunt::identity::testing
