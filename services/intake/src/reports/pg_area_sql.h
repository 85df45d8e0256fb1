#pragma once
// SQL conditions for "this point lies in that area", shared by the list and the public feed.
// Values travel as parameters (pg::SqlParams); only fixed fragments become SQL text.

#include <string>

#include "libs/postgres/sql_params.h"
#include "meldpunt/common/v1/geo.pb.h"

namespace meldpunt::intake {

// A geography point expression for point.
std::string PointSql(pg::SqlParams& p, const common::v1::GeoPoint& point);

// The point expression `shown` (a geography) lies in area. `indexed` is the column the GiST
// index covers, within `slack_m` metres of `shown`; the condition on it lets the index find the
// candidates before the exact test on `shown`. With shown == indexed, slack 0.
std::string InAreaSql(pg::SqlParams& p, const common::v1::GeoArea& area, const std::string& indexed,
                      const std::string& shown, double slack_m);

}  // namespace meldpunt::intake
