// The operator's zone import: replaces the tenant's zones and places its citizens again.
#include <cstdio>
#include <fstream>

#include <unistd.h>

#include "libs/status/status.h"
#include "services/identity/src/admin/zone_import.h"
#include "services/identity/tests/citizens/citizens_fixture.h"

namespace meldpunt::identity::testing {
namespace {

class ZoneFile {
 public:
  explicit ZoneFile(const std::string& content) {
    char name[] = "/tmp/citizen_zones_XXXXXX";
    const int fd = mkstemp(name);
    EXPECT_GE(fd, 0);
    close(fd);
    path_ = name;
    std::ofstream(path_) << content;
  }
  ~ZoneFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST_F(CitizensTest, ReimportPlacesCitizensAgainAndAnnouncesMoves) {
  const v1::Citizen an = MustUpsert(kSintTruiden, An());  // Brustem → 71053J
  const v1::Citizen bert = MustUpsert(kSintTruiden, Bert());  // Sint-Truiden → 71053A
  ASSERT_EQ(an.zone_id(), "71053J");

  // A new zoning: Brustem gets another id, the centre keeps its own.
  ZoneFile file(R"json({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"geoitem":"W1","naam":"Brustem (Sint-Truiden)"}},
      {"type":"Feature","properties":{"geoitem":"71053A","naam":"Sint-Truiden (Dg.)"}}]})json");
  CitizenZoneImportOptions options;
  options.tenant_id = kSintTruiden;
  options.zones_path = file.path();
  const absl::Time later = now_ + absl::Hours(1);
  auto summary = ImportCitizenZones(*pool_, options, later);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->zones, 2);
  EXPECT_EQ(summary->replaced_zones, 15);
  EXPECT_EQ(summary->citizens_moved, 1);

  auto moved = repo_->Get(kSintTruiden, an.id(), nullptr);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->zone_id(), "W1");
  EXPECT_EQ(moved->zone_name(), "Brustem");
  EXPECT_EQ(repo_->Get(kSintTruiden, bert.id(), nullptr)->zone_id(), "71053A");

  const auto rows = Outbox();
  ASSERT_EQ(rows.size(), 3u);  // two registrations, one move
  ASSERT_TRUE(rows[2].event.has_citizen_profile_changed());
  EXPECT_EQ(rows[2].event.citizen_profile_changed().citizen_id(), an.id());
  EXPECT_EQ(rows[2].event.citizen_profile_changed().dimensions().zone_id(), "W1");
  EXPECT_EQ(rows[2].event.citizen_profile_changed().dimensions().birth_year(), 1985);
  EXPECT_EQ(rows[2].event.occurred_at().seconds(), absl::ToUnixSeconds(later));

  // The same import again moves nobody.
  auto again = ImportCitizenZones(*pool_, options, later);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->citizens_moved, 0);
  EXPECT_EQ(Outbox().size(), 3u);
}

TEST_F(CitizensTest, ImportRefusesBadInputAndKeepsTheZones) {
  CitizenZoneImportOptions options;
  options.tenant_id = kSintTruiden;
  options.zones_path = "/nonexistent/zones.geojson";
  EXPECT_EQ(status::Reason(ImportCitizenZones(*pool_, options, now_).status()),
            "IMPORT_FILE_UNREADABLE");
  ZoneFile bad(R"({"type":"FeatureCollection","features":[{"properties":{"naam":"X"}}]})");
  options.zones_path = bad.path();
  EXPECT_EQ(status::Reason(ImportCitizenZones(*pool_, options, now_).status()), "GEOJSON_INVALID");
  options.tenant_id = "71053; DROP";
  EXPECT_EQ(status::Reason(ImportCitizenZones(*pool_, options, now_).status()),
            "IMPORT_OPTION_INVALID");
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_zones WHERE tenant_id = '71053'"), 15);
}

}  // namespace
}  // namespace meldpunt::identity::testing
