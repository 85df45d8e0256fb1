#pragma once
// Checks and arithmetic on WGS84 points and areas from requests. Pure: no I/O.

#include <optional>

#include "absl/status/status.h"
#include "meldpunt/common/v1/geo.pb.h"

namespace meldpunt::intake {

inline constexpr char kReasonCoordinatesInvalid[] = "COORDINATES_INVALID";
inline constexpr char kReasonAreaInvalid[] = "AREA_INVALID";
inline constexpr char kReasonAreaTooLarge[] = "AREA_TOO_LARGE";

// Side of the grid cell public views snap sensitive locations to.
inline constexpr double kCoarseCellMeters = 250.0;

// INVALID_ARGUMENT, reason COORDINATES_INVALID, naming field, when a coordinate is NaN,
// infinite or out of range.
absl::Status ValidatePoint(const common::v1::GeoPoint& point, const char* field);

struct AreaLimits {
  double max_radius_m = 0;  // 0: no limit
  double max_side_m = 0;    // 0: no limit
};

// A circle (radius > 0) or a box (south-west below and left of north-east), within limits
// (AREA_TOO_LARGE). No shape set: INVALID_ARGUMENT, reason AREA_INVALID.
absl::Status ValidateArea(const common::v1::GeoArea& area, const char* field,
                          const AreaLimits& limits);

// Lengths in metres of a box's north-south side and of its widest east-west side.
struct BoxSides {
  double north_south_m = 0;
  double east_west_m = 0;
};
BoxSides MeasureBox(const common::v1::BoundingBox& box);

// The centre of the ~kCoarseCellMeters square grid cell that holds point. Cells are rows of
// constant latitude height, each row divided in columns of (nearly) the same width in metres,
// so every point of a cell maps to the same centre, wherever it lies in the cell.
common::v1::GeoPoint CoarsenPoint(const common::v1::GeoPoint& point);

// Great-circle distance in metres (a sphere of the mean Earth radius).
double DistanceMeters(const common::v1::GeoPoint& a, const common::v1::GeoPoint& b);

}  // namespace meldpunt::intake
