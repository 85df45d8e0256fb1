// The operator command that loads a tenant's territory and zones: idempotent, all or nothing.
#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "services/intake/src/admin/zone_import.h"
#include "services/intake/src/zones/pg_zone_repository.h"
#include "services/intake/tests/intake_fixture.h"

namespace meldpunt::intake::testing {
namespace {

class ZoneImportTest : public IntakeTest {
 protected:
  ZoneImportOptions SintTruiden() {
    ZoneImportOptions o;
    o.tenant_id = kSintTruiden;
    o.tenant_name = "Sint-Truiden";
    o.reference_prefix = "STR";
    o.territory_path = RepoPath("deploy/zones/71053-sint-truiden-municipality.geojson");
    o.zones_path = RepoPath("deploy/zones/71053-sint-truiden-deelgemeenten.geojson");
    return o;
  }

  std::string WriteTemp(const std::string& name, const std::string& text) {
    const std::string path = absl::StrCat(::testing::TempDir(), "/", db_->name(), "-", name);
    std::ofstream(path) << text;
    temp_files_.push_back(path);
    return path;
  }

  void TearDown() override {
    for (const auto& f : temp_files_) std::remove(f.c_str());
    IntakeTest::TearDown();
  }

  std::int64_t Zones(const std::string& tenant) {
    return Scalar("SELECT count(*) FROM zones WHERE kind = 'zone' AND tenant_id = '" + tenant + "'");
  }

  std::vector<std::string> temp_files_;
};

constexpr char kTwoZones[] = R"json({"type":"FeatureCollection","features":[
  {"type":"Feature","properties":{"geoitem":"71053X","naam":"Oost (Sint-Truiden)"},
   "geometry":{"type":"Polygon","coordinates":[[[5.18,50.81],[5.20,50.81],[5.20,50.82],[5.18,50.82],[5.18,50.81]]]}},
  {"type":"Feature","properties":{"geoitem":"71053Y","naam":"West"},
   "geometry":{"type":"MultiPolygon","coordinates":[[[[5.16,50.81],[5.18,50.81],[5.18,50.82],[5.16,50.82],[5.16,50.81]]]]}}]})json";

// A bow tie: its edges cross, PostGIS finds it invalid.
constexpr char kBowTie[] = R"json({"type":"FeatureCollection","features":[
  {"type":"Feature","properties":{"geoitem":"71053Z","naam":"Strik"},
   "geometry":{"type":"Polygon","coordinates":[[[5.16,50.81],[5.18,50.82],[5.18,50.81],[5.16,50.82],[5.16,50.81]]]}}]})json";

TEST_F(ZoneImportTest, ReimportingReplacesTheTenantsZonesOnly) {
  PgZoneRepository zones(pool_.get());
  ASSERT_EQ(Zones(kSintTruiden), 15);  // loaded by the fixture
  auto again = ImportZones(SintTruiden(), zones);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->zones, 15);
  EXPECT_EQ(again->replaced_zones, 15);
  EXPECT_EQ(Zones(kSintTruiden), 15);

  auto two = SintTruiden();
  two.zones_path = WriteTemp("two.geojson", kTwoZones);
  two.reference_prefix = "STT";
  ASSERT_TRUE(ImportZones(two, zones).ok());
  EXPECT_EQ(Zones(kSintTruiden), 2);
  EXPECT_EQ(Zones(kHasselt), 8);
  EXPECT_EQ(Scalar("SELECT count(*) FROM tenants WHERE reference_prefix = 'STT'"), 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM zones WHERE kind = 'territory'"), 2);
  EXPECT_EQ(Scalar("SELECT count(*) FROM zones WHERE name = 'Oost'"), 1);
}

// Reports are placed by the planar copy of the polygons (migration 0006), generated from what the
// import writes: a re-import moves the next report into the new zones, on connections that have
// run the create statements before.
TEST_F(ZoneImportTest, ReportsArePlacedInTheZonesOfTheLatestImport) {
  PutCategory(kSintTruiden, MakeCategory("zwerfvuil"));
  auto before = MustCreate(AsApiClient(kSintTruiden), NewReport("z-1", "zwerfvuil", GroteMarkt()));
  EXPECT_EQ(before.zone_id(), "71053A");

  PgZoneRepository zones(pool_.get());
  auto two = SintTruiden();
  two.zones_path = WriteTemp("two.geojson", kTwoZones);
  ASSERT_TRUE(ImportZones(two, zones).ok());
  auto after = MustCreate(AsApiClient(kSintTruiden), NewReport("z-2", "zwerfvuil", GroteMarkt()));
  EXPECT_EQ(after.zone_id(), "71053X");
  EXPECT_EQ(after.zone_name(), "Oost");
  // Inside the territory, in neither of the two zones: no zone, still accepted.
  auto outside_zones = MustCreate(AsApiClient(kSintTruiden),
                                  NewReport("z-3", "zwerfvuil", Offset(GroteMarkt(), 0, 2000)));
  EXPECT_EQ(outside_zones.zone_id(), "");
  EXPECT_EQ(outside_zones.zone_name(), "");
}

TEST_F(ZoneImportTest, ABadFileChangesNothing) {
  PgZoneRepository zones(pool_.get());
  auto bow = SintTruiden();
  bow.zones_path = WriteTemp("bow.geojson", kBowTie);
  auto result = ImportZones(bow, zones);
  EXPECT_EQ(status::Reason(result.status()), "GEOMETRY_INVALID");
  EXPECT_EQ(Zones(kSintTruiden), 15);

  auto broken = SintTruiden();
  broken.zones_path = WriteTemp("broken.geojson", "{\"type\":\"FeatureCollection\",\"features\":[");
  EXPECT_EQ(status::Reason(ImportZones(broken, zones).status()), "GEOJSON_INVALID");
  auto missing = SintTruiden();
  missing.territory_path = "/nonexistent/territory.geojson";
  EXPECT_EQ(ImportZones(missing, zones).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Zones(kSintTruiden), 15);
}

TEST_F(ZoneImportTest, OptionsAreChecked) {
  auto o = SintTruiden();
  o.reference_prefix = "str";
  EXPECT_EQ(status::Reason(ValidateZoneImportOptions(o)), "IMPORT_OPTION_INVALID");
  o = SintTruiden();
  o.tenant_id = "71053; DROP";
  EXPECT_EQ(status::Reason(ValidateZoneImportOptions(o)), "IMPORT_OPTION_INVALID");
  o = SintTruiden();
  o.zones_path.clear();
  EXPECT_EQ(status::Reason(ValidateZoneImportOptions(o)), "IMPORT_OPTION_INVALID");
  EXPECT_TRUE(ValidateZoneImportOptions(SintTruiden()).ok());
}

}  // namespace
}  // namespace meldpunt::intake::testing
