#pragma once
// Checks and normalises contact details and postal addresses from requests. Pure: no I/O.

#include <string>

#include "absl/status/statusor.h"
#include "libs/contact/contact_fields.h"
#include "meldpunt/common/v1/contact.pb.h"

namespace meldpunt::intake {

inline constexpr char kReasonContactDetailMissing[] = "CONTACT_DETAIL_MISSING";
// Phone and postal address are checked by libs/contact (contact::ValidatePhone,
// contact::NormalizePostalAddress), with its reasons.
using contact::kReasonAddressInvalid;
using contact::kReasonContactDetailInvalid;

// The preference as stored: channel NONE when unspecified, language as given (unspecified →
// default_language), phone normalised, and the detail the channel needs present unless
// details_from_profile (a citizen's profile supplies them).
absl::StatusOr<common::v1::ContactPreference> NormalizeContactPreference(
    const common::v1::ContactPreference& preference, bool details_from_profile,
    common::v1::Language default_language);

}  // namespace meldpunt::intake
