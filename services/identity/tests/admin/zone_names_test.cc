#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "libs/status/status.h"
#include "services/identity/src/admin/zone_import.h"
#include "services/identity/src/citizens/place_names.h"

namespace meldpunt::identity {
namespace {

std::string Read(const std::string& relative) {
  std::ifstream in(std::string(MELDPUNT_SOURCE_DIR) + "/" + relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ParseZoneNamesTest, ReadsTheSintTruidenDeelgemeenten) {
  auto zones = ParseZoneNames(Read("deploy/zones/71053-sint-truiden-deelgemeenten.geojson"),
                              "geoitem", "naam");
  ASSERT_TRUE(zones.ok()) << zones.status();
  ASSERT_EQ(zones->size(), 15u);
  EXPECT_EQ((*zones)[0].zone_id, "71053A");
  EXPECT_EQ((*zones)[0].name, "Sint-Truiden (Dg.)");
  bool brustem = false;
  for (const auto& z : *zones) {
    if (z.zone_id == "71053J") {
      brustem = true;
      EXPECT_EQ(PlaceMatchKey(z.name), PlaceMatchKey("Brustem"));
    }
  }
  EXPECT_TRUE(brustem);
}

TEST(ParseZoneNamesTest, RefusesWhatIsNotAZoneCollection) {
  auto reason = [](const std::string& text) {
    return status::Reason(ParseZoneNames(text, "geoitem", "naam").status());
  };
  EXPECT_EQ(reason("not json"), "GEOJSON_INVALID");
  EXPECT_EQ(reason(R"({"type":"Feature"})"), "GEOJSON_INVALID");
  EXPECT_EQ(reason(R"({"type":"FeatureCollection","features":[]})"), "GEOJSON_INVALID");
  EXPECT_EQ(reason(R"({"type":"FeatureCollection","features":[{"properties":{"naam":"X"}}]})"),
            "GEOJSON_INVALID");
  EXPECT_EQ(reason(R"({"type":"FeatureCollection","features":[
      {"properties":{"geoitem":"A","naam":"X"}},{"properties":{"geoitem":"A","naam":"Y"}}]})"),
            "GEOJSON_INVALID");
  EXPECT_EQ(reason(R"({"type":"FeatureCollection","features":[
      {"properties":{"geoitem":"A","naam":""}}]})"),
            "GEOJSON_INVALID");
  EXPECT_EQ(reason(R"({"type":"FeatureCollection","features":[
      {"properties":{"geoitem":"A B","naam":"X"}}]})"),
            "GEOJSON_INVALID");
  auto numeric = ParseZoneNames(R"({"type":"FeatureCollection","features":[
      {"properties":{"geoitem":42,"naam":"X"}}]})",
                                "geoitem", "naam");
  ASSERT_TRUE(numeric.ok());
  EXPECT_EQ((*numeric)[0].zone_id, "42");
}

}  // namespace
}  // namespace meldpunt::identity
