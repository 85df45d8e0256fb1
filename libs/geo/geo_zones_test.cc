#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "libs/geo/geojson.h"
#include "libs/geo/zone_features.h"
#include "libs/status/status.h"

namespace meldpunt::geo {
namespace {

using nlohmann::json;

std::string Feature(const std::string& properties, bool with_geometry = true) {
  std::string f = R"({"type":"Feature","properties":)" + properties;
  if (with_geometry) f += R"(,"geometry":{"type":"Point","coordinates":[5,50]})";
  return f + "}";
}

std::string Collection(const std::string& features) {
  return R"({"type":"FeatureCollection","features":[)" + features + "]}";
}

// Reads with options, collecting "id=name" per zone.
absl::Status Read(const std::string& text, std::vector<std::string>& seen,
                  const ZoneReadOptions& options = {}) {
  return ReadZones(text, options, [&](const json&, const ZoneProperties& z) {
    seen.push_back(z.zone_id + "=" + z.name);
    return absl::OkStatus();
  });
}

std::string ReasonOf(const std::string& text, const ZoneReadOptions& options = {}) {
  std::vector<std::string> seen;
  return status::Reason(Read(text, seen, options));
}

TEST(GeoJsonTest, ParsesObjectsOnly) {
  EXPECT_TRUE(ParseGeoJson(R"({"type":"Point"})").ok());
  for (const char* bad : {"not json", "[]", "42", ""}) {
    EXPECT_EQ(status::Reason(ParseGeoJson(bad).status()), kReasonGeoJsonInvalid) << bad;
  }
  EXPECT_EQ(status::Details(ParseGeoJson("x", "identity.meldpunt").status()).domain,
            "identity.meldpunt");
}

TEST(GeoJsonTest, TypeOfNeverThrows) {
  EXPECT_EQ(TypeOf(json::parse(R"({"type":"Feature"})")), "Feature");
  EXPECT_EQ(TypeOf(json::parse(R"({"type":7})")), "");
  EXPECT_EQ(TypeOf(json::parse("[1]")), "");
  EXPECT_EQ(TypeOf(json::parse("{}")), "");
}

TEST(GeoJsonTest, FeaturesOfACollectionOrOneFeatureWhenAllowed) {
  auto collection = json::parse(Collection(Feature("{}") + "," + Feature("{}")));
  auto features = Features(collection, /*single_allowed=*/false);
  ASSERT_TRUE(features.ok());
  EXPECT_EQ(features->size(), 2u);
  auto single = json::parse(Feature("{}"));
  EXPECT_EQ(status::Reason(Features(single, false).status()), kReasonGeoJsonInvalid);
  ASSERT_TRUE(Features(single, true).ok());
  EXPECT_EQ(Features(single, true)->size(), 1u);
  auto no_array = json::parse(R"({"type":"FeatureCollection","features":{}})");
  EXPECT_EQ(status::Reason(Features(no_array, true).status()), kReasonGeoJsonInvalid);
}

TEST(GeoJsonTest, PropertyTextWritesIntegersInDecimal) {
  EXPECT_EQ(PropertyText(json("Brustem")), "Brustem");
  EXPECT_EQ(PropertyText(json(71053)), "71053");
  EXPECT_EQ(PropertyText(json(71053u)), "71053");
  EXPECT_EQ(PropertyText(json(-4)), "-4");
  EXPECT_EQ(PropertyText(json(1.5)), "");
  EXPECT_EQ(PropertyText(json(nullptr)), "");
}

TEST(ZoneIdsTest, TenantAndZoneIdFormats) {
  EXPECT_TRUE(IsTenantId("71053"));
  EXPECT_TRUE(IsTenantId("test_tenant-2"));
  EXPECT_TRUE(IsTenantId(std::string(32, '1')));
  EXPECT_FALSE(IsTenantId(""));
  EXPECT_FALSE(IsTenantId(std::string(33, '1')));
  EXPECT_FALSE(IsTenantId("710.53"));
  EXPECT_FALSE(IsTenantId("71 053"));
  EXPECT_TRUE(IsZoneId("71053J"));
  EXPECT_TRUE(IsZoneId("a.b_c-d"));
  EXPECT_TRUE(IsZoneId(std::string(64, 'z')));
  EXPECT_FALSE(IsZoneId(""));
  EXPECT_FALSE(IsZoneId(std::string(65, 'z')));
  EXPECT_FALSE(IsZoneId("bad id!"));
}

TEST(ReadZonesTest, VisitsEachZoneInOrderWithIdAndName) {
  std::vector<std::string> seen;
  absl::Status s = Read(Collection(Feature(R"j({"geoitem":"71053J","naam":"Brustem (Sint-Truiden)"})j") +
                                   "," + Feature(R"({"geoitem":42})")),
                        seen);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(seen, (std::vector<std::string>{"71053J=Brustem (Sint-Truiden)", "42="}));

  ZoneReadOptions other;
  other.id_property = "code";
  other.name_property = "label";
  seen.clear();
  ASSERT_TRUE(Read(Collection(Feature(R"({"code":"A","label":"X"})")), seen, other).ok());
  EXPECT_EQ(seen, std::vector<std::string>{"A=X"});
}

TEST(ReadZonesTest, RefusesWhatIsNotAZoneCollection) {
  for (const std::string& bad : std::vector<std::string>{
           "not json",
           "[]",
           R"({"type":"FeatureCollection"})",
           Collection(""),
           Collection("42"),
           Collection(R"({"type":7})"),
           Collection(Feature(R"({"naam":"no id"})")),
           Collection(Feature(R"({"geoitem":"bad id!"})")),
           Collection(Feature(R"({"geoitem":1.5})")),
           Collection(Feature(R"({"geoitem":"A"})") + "," + Feature(R"({"geoitem":"A"})")),
           Feature(R"({"geoitem":"A"})"),  // one Feature, not allowed by default
       }) {
    EXPECT_EQ(ReasonOf(bad), kReasonGeoJsonInvalid) << bad;
  }
}

TEST(ReadZonesTest, GeometryRequiredAndSingleFeatureAreOptions) {
  const std::string bare = Collection(R"({"properties":{"geoitem":"A"}})");
  EXPECT_EQ(ReasonOf(bare), "");  // names only: neither type nor geometry needed
  ZoneReadOptions geometry;
  geometry.geometry_required = true;
  EXPECT_EQ(ReasonOf(bare, geometry), kReasonGeoJsonInvalid);
  EXPECT_EQ(ReasonOf(Collection(Feature(R"({"geoitem":"A"})", false)), geometry),
            kReasonGeoJsonInvalid);
  EXPECT_EQ(ReasonOf(Collection(Feature(R"({"geoitem":"A"})")), geometry), "");

  ZoneReadOptions single;
  single.single_feature_allowed = true;
  std::vector<std::string> seen;
  ASSERT_TRUE(Read(Feature(R"({"geoitem":"A","naam":"X"})"), seen, single).ok());
  EXPECT_EQ(seen, std::vector<std::string>{"A=X"});
}

TEST(ReadZonesTest, TheVisitorsErrorStopsTheReading) {
  int visits = 0;
  absl::Status s = ReadZones(
      Collection(Feature(R"({"geoitem":"A"})") + "," + Feature(R"({"geoitem":"A"})")), {},
      [&](const json& feature, const ZoneProperties& z) {
        ++visits;
        EXPECT_TRUE(feature.contains("geometry"));
        EXPECT_EQ(z.where, "feature 0");
        return absl::InvalidArgumentError("no");
      });
  EXPECT_EQ(visits, 1);
  EXPECT_EQ(s.message(), "no");  // the first error in the file, not the later duplicate id
}

TEST(ReadZonesTest, ErrorsCarryTheGivenDomainAndName) {
  ZoneReadOptions o;
  o.domain = "identity.meldpunt";
  std::vector<std::string> seen;
  absl::Status s = Read(Collection(Feature(R"({"geoitem":"bad id!"})")), seen, o);
  EXPECT_EQ(status::Details(s).domain, "identity.meldpunt");
  EXPECT_EQ(s.message(), "feature 0: property geoitem must be 1-64 letters, digits, '-', '_' or '.'");
  EXPECT_EQ(status::Details(Read("x", seen)).domain, "");
}

}  // namespace
}  // namespace meldpunt::geo
