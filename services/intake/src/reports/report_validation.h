#pragma once
// Checks a CreateReport request against the contract and the caller, and turns it into the
// report to store (without what the database decides: id, reference, zone, timestamps). What
// depends on stored state (the category, the territory) is checked later, in the transaction.
// Pure: no I/O.

#include "absl/status/statusor.h"
#include "libs/auth/principal.h"
#include "meldpunt/intake/v1/intake_service.pb.h"
#include "meldpunt/intake/v1/report.pb.h"

namespace meldpunt::intake {

inline constexpr char kReasonDescriptionInvalid[] = "DESCRIPTION_INVALID";
inline constexpr char kReasonLocationRequired[] = "LOCATION_REQUIRED";

// Errors, all with an ErrorInfo reason:
//   INVALID_ARGUMENT  CATEGORY_CODE_INVALID, CHANNEL_INVALID, REPORTER_INVALID, LANGUAGE_INVALID,
//                     CONTACT_DETAIL_MISSING, CONTACT_DETAIL_INVALID, LOCATION_REQUIRED,
//                     COORDINATES_INVALID, ADDRESS_INVALID, DESCRIPTION_INVALID, TEXT_TOO_LONG,
//                     MEDIA_URL_INVALID, ATTRIBUTE_INVALID (too many answers)
//   PERMISSION_DENIED CHANNEL_NOT_ALLOWED, REPORTER_NOT_ALLOWED
absl::StatusOr<v1::Report> ValidateCreateReport(const v1::CreateReportRequest& request,
                                                const auth::Principal& caller);

}  // namespace meldpunt::intake
