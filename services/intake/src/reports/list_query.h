#pragma once
// ListReports and ListNearbyReports requests turned into repository queries: filters checked,
// the caller's scope applied (a citizen lists only their own reports), the page token decoded
// and bound to the tenant and the filters. Pure: no I/O.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"
#include "meldpunt/intake/v1/intake_service.pb.h"
#include "services/intake/src/reports/report_repository.h"

namespace meldpunt::intake {

inline constexpr char kReasonFilterInvalid[] = "FILTER_INVALID";

// The public feed's limits (see ListNearbyReportsRequest).
inline constexpr double kNearbyMaxRadiusM = 5000;
inline constexpr double kNearbyMaxSideM = 10000;
inline constexpr absl::Duration kNearbyDefaultPeriod = absl::Hours(24 * 30);
inline constexpr absl::Duration kNearbyMaxPeriod = absl::Hours(24 * 90);

struct PagedQuery {
  ReportQuery query;
  std::string fingerprint;  // what the page token is bound to
};

// INVALID_ARGUMENT: FILTER_INVALID, COORDINATES_INVALID, AREA_INVALID, PAGE_SIZE_INVALID,
// PAGE_TOKEN_INVALID.
absl::StatusOr<PagedQuery> BuildReportQuery(const v1::ListReportsRequest& request,
                                            const auth::Principal& caller);

// The token that continues after last (the last report of a full page).
std::string NextReportsPageToken(const std::string& tenant_id, const PagedQuery& paged,
                                 const v1::Report& last);

struct PagedNearbyQuery {
  NearbyQuery query;
  std::string fingerprint;
};

// INVALID_ARGUMENT: AREA_INVALID, AREA_TOO_LARGE, COORDINATES_INVALID, SINCE_INVALID,
// FILTER_INVALID, PAGE_SIZE_INVALID, PAGE_TOKEN_INVALID.
absl::StatusOr<PagedNearbyQuery> BuildNearbyQuery(const v1::ListNearbyReportsRequest& request,
                                                  const std::string& tenant_id, absl::Time now);

std::string NextNearbyPageToken(const std::string& tenant_id, const PagedNearbyQuery& paged,
                                const v1::PublicReport& last);

}  // namespace meldpunt::intake
