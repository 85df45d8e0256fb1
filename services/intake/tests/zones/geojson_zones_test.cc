#include "services/intake/src/zones/geojson_zones.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "libs/status/status.h"

namespace meldpunt::intake {
namespace {

std::string Read(const std::string& relative) {
  std::ifstream in(std::string(MELDPUNT_SOURCE_DIR) + "/" + relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

constexpr char kSquare[] = R"([[[5.0,50.0],[5.1,50.0],[5.1,50.1],[5.0,50.1],[5.0,50.0]]])";

std::string Feature(const std::string& properties, const std::string& geometry) {
  return R"({"type":"Feature","properties":)" + properties + R"(,"geometry":)" + geometry + "}";
}

std::string Collection(const std::string& features) {
  return R"({"type":"FeatureCollection","features":[)" + features + "]}";
}

std::string Polygon(const std::string& coordinates = kSquare) {
  return R"({"type":"Polygon","coordinates":)" + coordinates + "}";
}

TEST(GeoJsonZonesTest, ReadsTheRealSintTruidenFiles) {
  auto zones = ParseZones(Read("deploy/zones/71053-sint-truiden-deelgemeenten.geojson"), "geoitem", "naam");
  ASSERT_TRUE(zones.ok()) << zones.status();
  ASSERT_EQ(zones->size(), 15u);
  bool brustem = false;
  for (const auto& z : *zones) {
    EXPECT_EQ(z.zone_id.substr(0, 5), "71053");
    auto geometry = nlohmann::json::parse(z.multipolygon_geojson);
    EXPECT_EQ(geometry["type"], "MultiPolygon");
    if (z.zone_id == "71053J") brustem = z.name == "Brustem";
  }
  EXPECT_TRUE(brustem);
  auto territory = ParseTerritory(Read("deploy/zones/71053-sint-truiden-municipality.geojson"));
  ASSERT_TRUE(territory.ok()) << territory.status();
  EXPECT_EQ(nlohmann::json::parse(*territory)["coordinates"].size(), 1u);
}

TEST(GeoJsonZonesTest, TerritoryMergesPolygonsAndMultiPolygons) {
  const std::string multi = R"({"type":"MultiPolygon","coordinates":[)" + std::string(kSquare) + "," +
                            kSquare + "]}";
  auto territory = ParseTerritory(Collection(Feature("{}", Polygon()) + "," + Feature("{}", multi)));
  ASSERT_TRUE(territory.ok()) << territory.status();
  EXPECT_EQ(nlohmann::json::parse(*territory)["coordinates"].size(), 3u);
  EXPECT_TRUE(ParseTerritory(Polygon()).ok());  // a bare geometry
}

TEST(GeoJsonZonesTest, NumericIdsAreWrittenInDecimal) {
  auto zones = ParseZones(Collection(Feature(R"j({"code":71053,"naam":"X (Y)"})j", Polygon())), "code", "naam");
  ASSERT_TRUE(zones.ok()) << zones.status();
  EXPECT_EQ((*zones)[0].zone_id, "71053");
  EXPECT_EQ((*zones)[0].name, "X");
}

TEST(GeoJsonZonesTest, RefusesMalformedInputWithAReason) {
  const std::string ok_props = R"({"geoitem":"A1","naam":"A"})";
  const std::vector<std::string> bad = {
      "not json",
      "[]",
      "42",
      R"({"type":"FeatureCollection"})",
      R"({"type":"FeatureCollection","features":[42]})",
      R"({"type":"FeatureCollection","features":[{"type":7}]})",
      Collection(Feature(ok_props, R"({"type":"Point","coordinates":[5,50]})")),
      Collection(Feature(ok_props, Polygon(R"([[[5,50],[5.1,50],[5.1,50.1],[5.2,50.2]]])"))),  // open
      Collection(Feature(ok_props, Polygon(R"([[[5,50],[5.1,50],[5,50]]])"))),                  // 3 positions
      Collection(Feature(ok_props, Polygon(R"([[[500,50],[5.1,50],[5.1,50.1],[500,50]]])"))),
      Collection(Feature(ok_props, Polygon(R"([[["5",50],[5.1,50],[5.1,50.1],["5",50]]])"))),
      Collection(Feature(ok_props, Polygon(R"("nope")"))),
      Collection(Feature(R"({"naam":"no id"})", Polygon())),
      Collection(Feature(R"({"geoitem":"bad id!","naam":"x"})", Polygon())),
      Collection(Feature(ok_props, Polygon()) + "," + Feature(ok_props, Polygon())),  // same id twice
      Collection(""),
  };
  for (const auto& text : bad) {
    auto zones = ParseZones(text, "geoitem", "naam");
    EXPECT_FALSE(zones.ok()) << text;
    EXPECT_EQ(status::Reason(zones.status()), "GEOJSON_INVALID") << text;
  }
  EXPECT_EQ(status::Reason(ParseTerritory("{}").status()), "GEOJSON_INVALID");
  EXPECT_EQ(status::Reason(ParseTerritory(Collection("")).status()), "GEOJSON_INVALID");
}

TEST(GeoJsonZonesTest, DisplayNamesDropTheBracketedMunicipality) {
  EXPECT_EQ(DisplayZoneName("Brustem (Sint-Truiden)"), "Brustem");
  EXPECT_EQ(DisplayZoneName("Sint-Truiden (Dg.)"), "Sint-Truiden");
  EXPECT_EQ(DisplayZoneName("Kerkom-bij-Sint-Truiden"), "Kerkom-bij-Sint-Truiden");
  EXPECT_EQ(DisplayZoneName("  Hasselt  "), "Hasselt");
  EXPECT_EQ(DisplayZoneName("(Dg.)"), "(Dg.)");
}

}  // namespace
}  // namespace meldpunt::intake
