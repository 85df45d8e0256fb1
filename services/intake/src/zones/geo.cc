#include "services/intake/src/zones/geo.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"

namespace meldpunt::intake {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kEarthRadiusM = 6371008.8;
// Metres per degree of latitude (and of longitude at the equator) on that sphere.
constexpr double kMetersPerDegree = kEarthRadiusM * kPi / 180.0;

double Radians(double degrees) { return degrees * kPi / 180.0; }

}  // namespace

absl::Status ValidatePoint(const common::v1::GeoPoint& point, const char* field) {
  const double lat = point.latitude();
  const double lon = point.longitude();
  if (!std::isfinite(lat) || !std::isfinite(lon)) {
    return status::InvalidField(kReasonCoordinatesInvalid, field, "coordinates must be finite numbers");
  }
  if (lat < -90.0 || lat > 90.0) {
    return status::InvalidField(kReasonCoordinatesInvalid, field, "latitude must be between -90 and 90");
  }
  if (lon < -180.0 || lon > 180.0) {
    return status::InvalidField(kReasonCoordinatesInvalid, field, "longitude must be between -180 and 180");
  }
  return absl::OkStatus();
}

BoxSides MeasureBox(const common::v1::BoundingBox& box) {
  const double south = box.south_west().latitude();
  const double north = box.north_east().latitude();
  const double dlon = box.north_east().longitude() - box.south_west().longitude();
  // A parallel is longest nearest the equator.
  const double widest_lat =
      (south <= 0 && north >= 0) ? 0.0 : std::min(std::fabs(south), std::fabs(north));
  BoxSides sides;
  sides.north_south_m = (north - south) * kMetersPerDegree;
  sides.east_west_m = dlon * kMetersPerDegree * std::cos(Radians(widest_lat));
  return sides;
}

absl::Status ValidateArea(const common::v1::GeoArea& area, const char* field,
                          const AreaLimits& limits) {
  const std::string f(field);
  switch (area.shape_case()) {
    case common::v1::GeoArea::kCircle: {
      const auto& circle = area.circle();
      if (absl::Status s = ValidatePoint(circle.center(), (f + ".circle.center").c_str()); !s.ok()) {
        return s;
      }
      const double r = circle.radius_m();
      if (!std::isfinite(r) || r <= 0) {
        return status::InvalidField(kReasonAreaInvalid, f + ".circle.radius_m", "radius must be greater than 0");
      }
      if (limits.max_radius_m > 0 && r > limits.max_radius_m) {
        return status::InvalidField(kReasonAreaTooLarge, f + ".circle.radius_m",
                       absl::StrCat("radius must be at most ", limits.max_radius_m, " m"));
      }
      return absl::OkStatus();
    }
    case common::v1::GeoArea::kBoundingBox: {
      const auto& box = area.bounding_box();
      if (absl::Status s = ValidatePoint(box.south_west(), (f + ".bounding_box.south_west").c_str());
          !s.ok()) {
        return s;
      }
      if (absl::Status s = ValidatePoint(box.north_east(), (f + ".bounding_box.north_east").c_str());
          !s.ok()) {
        return s;
      }
      if (box.south_west().latitude() > box.north_east().latitude() ||
          box.south_west().longitude() > box.north_east().longitude()) {
        return status::InvalidField(kReasonAreaInvalid, f + ".bounding_box",
                       "south_west must be south and west of north_east");
      }
      const BoxSides sides = MeasureBox(box);
      if (limits.max_side_m > 0 &&
          (sides.north_south_m > limits.max_side_m || sides.east_west_m > limits.max_side_m)) {
        return status::InvalidField(kReasonAreaTooLarge, f + ".bounding_box",
                       absl::StrCat("each side must be at most ", limits.max_side_m, " m"));
      }
      return absl::OkStatus();
    }
    case common::v1::GeoArea::SHAPE_NOT_SET:
      break;
  }
  return status::InvalidField(kReasonAreaInvalid, f, "a circle or a bounding box is required");
}

common::v1::GeoPoint CoarsenPoint(const common::v1::GeoPoint& point) {
  const double lat_step = kCoarseCellMeters / kMetersPerDegree;
  const double row = std::floor(point.latitude() / lat_step);
  double lat = (row + 0.5) * lat_step;
  lat = std::clamp(lat, -90.0, 90.0);
  // Columns are as wide as the cell is high at the row's centre latitude (never narrower than
  // a tiny epsilon near the poles, where nobody reports potholes).
  const double cos_lat = std::max(std::cos(Radians(lat)), 1e-6);
  const double lon_step = kCoarseCellMeters / (kMetersPerDegree * cos_lat);
  const double col = std::floor(point.longitude() / lon_step);
  double lon = (col + 0.5) * lon_step;
  lon = std::clamp(lon, -180.0, 180.0);
  common::v1::GeoPoint out;
  out.set_latitude(lat);
  out.set_longitude(lon);
  return out;
}

double DistanceMeters(const common::v1::GeoPoint& a, const common::v1::GeoPoint& b) {
  const double dlat = Radians(b.latitude() - a.latitude());
  const double dlon = Radians(b.longitude() - a.longitude());
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(Radians(a.latitude())) * std::cos(Radians(b.latitude())) *
                       std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace meldpunt::intake
