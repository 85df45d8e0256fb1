#include "services/intake/src/zones/geo.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "libs/status/status.h"

namespace meldpunt::intake {
namespace {

using common::v1::GeoArea;
using common::v1::GeoPoint;

GeoPoint P(double lat, double lon) {
  GeoPoint p;
  p.set_latitude(lat);
  p.set_longitude(lon);
  return p;
}

GeoArea Circle(double lat, double lon, double r) {
  GeoArea a;
  *a.mutable_circle()->mutable_center() = P(lat, lon);
  a.mutable_circle()->set_radius_m(r);
  return a;
}

GeoArea Box(double s, double w, double n, double e) {
  GeoArea a;
  *a.mutable_bounding_box()->mutable_south_west() = P(s, w);
  *a.mutable_bounding_box()->mutable_north_east() = P(n, e);
  return a;
}

TEST(GeoTest, PointsMustBeFiniteAndInRange) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_TRUE(ValidatePoint(P(50.8163, 5.1856), "location").ok());
  EXPECT_TRUE(ValidatePoint(P(-90, 180), "location").ok());
  for (const GeoPoint& bad : {P(nan, 5), P(50, nan), P(inf, 5), P(50, -inf), P(90.0001, 5),
                              P(-91, 5), P(50, 180.5), P(50, -181)}) {
    absl::Status s = ValidatePoint(bad, "location");
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(status::Reason(s), "COORDINATES_INVALID");
  }
}

TEST(GeoTest, AreasAreCheckedAgainstTheirLimits) {
  const AreaLimits feed{5000, 10000};
  EXPECT_TRUE(ValidateArea(Circle(50.8, 5.2, 5000), "area", feed).ok());
  EXPECT_EQ(status::Reason(ValidateArea(Circle(50.8, 5.2, 5000.5), "area", feed)), "AREA_TOO_LARGE");
  EXPECT_EQ(status::Reason(ValidateArea(Circle(50.8, 5.2, 0), "area", feed)), "AREA_INVALID");
  EXPECT_EQ(status::Reason(ValidateArea(Circle(50.8, 5.2, -1), "area", feed)), "AREA_INVALID");
  EXPECT_EQ(status::Reason(ValidateArea(Circle(std::nan(""), 5.2, 10), "area", feed)),
            "COORDINATES_INVALID");
  EXPECT_EQ(status::Reason(ValidateArea(GeoArea(), "area", feed)), "AREA_INVALID");
  // About 8.9 km north-south and 7 km east-west at 50.8°N.
  EXPECT_TRUE(ValidateArea(Box(50.78, 5.15, 50.86, 5.25), "area", feed).ok());
  EXPECT_EQ(status::Reason(ValidateArea(Box(50.70, 5.15, 50.86, 5.25), "area", feed)), "AREA_TOO_LARGE");
  EXPECT_EQ(status::Reason(ValidateArea(Box(50.78, 5.0, 50.86, 5.25), "area", feed)), "AREA_TOO_LARGE");
  EXPECT_EQ(status::Reason(ValidateArea(Box(50.86, 5.15, 50.78, 5.25), "area", feed)), "AREA_INVALID");
  EXPECT_TRUE(ValidateArea(Box(50.0, 4.0, 51.5, 6.0), "area", {}).ok());  // no limit
}

TEST(GeoTest, CoarseningSnapsEveryPointOfACellToItsCentre) {
  const GeoPoint house = P(50.8163, 5.1856);
  const GeoPoint centre = CoarsenPoint(house);
  EXPECT_LE(DistanceMeters(house, centre), kCoarseCellMeters * std::sqrt(2.0) / 2 + 1);
  EXPECT_NE(centre.latitude(), house.latitude());
  // Idempotent: the centre is in its own cell.
  const GeoPoint again = CoarsenPoint(centre);
  EXPECT_DOUBLE_EQ(again.latitude(), centre.latitude());
  EXPECT_DOUBLE_EQ(again.longitude(), centre.longitude());
  // Neighbours a few metres apart share the centre unless a cell edge lies between them; points
  // far apart never do.
  int same = 0;
  for (int i = 0; i < 100; ++i) {
    const GeoPoint q = P(house.latitude() + i * 1e-6, house.longitude() + i * 1e-6);
    const GeoPoint c = CoarsenPoint(q);
    same += c.latitude() == centre.latitude() && c.longitude() == centre.longitude();
  }
  EXPECT_GT(same, 50);
  const GeoPoint far = CoarsenPoint(P(house.latitude() + 0.01, house.longitude()));
  EXPECT_NE(far.latitude(), centre.latitude());
}

TEST(GeoTest, DistanceIsPlausible) {
  // Sint-Truiden to Hasselt: about 17 km.
  const double d = DistanceMeters(P(50.8163, 5.1856), P(50.9307, 5.3378));
  EXPECT_GT(d, 16000);
  EXPECT_LT(d, 18000);
}

}  // namespace
}  // namespace meldpunt::intake
