#pragma once
// Checks and normalises contact details and postal addresses from requests. Pure: no I/O.

#include <string>

#include "absl/status/statusor.h"
#include "meldpunt/common/v1/address.pb.h"
#include "meldpunt/common/v1/contact.pb.h"

namespace meldpunt::intake {

inline constexpr char kReasonContactDetailMissing[] = "CONTACT_DETAIL_MISSING";
inline constexpr char kReasonContactDetailInvalid[] = "CONTACT_DETAIL_INVALID";
inline constexpr char kReasonAddressInvalid[] = "ADDRESS_INVALID";

// contact::NormalizePhone (libs/contact), refused as INVALID_ARGUMENT (CONTACT_DETAIL_INVALID)
// naming contact_preference.phone.
absl::StatusOr<std::string> NormalizePhone(const std::string& phone);

// Each part at most 100 characters on one line; country two capital letters, empty → "BE".
// INVALID_ARGUMENT (ADDRESS_INVALID) naming field.
absl::StatusOr<common::v1::PostalAddress> NormalizeAddress(const common::v1::PostalAddress& address,
                                                          const std::string& field);

// The preference as stored: channel NONE when unspecified, language as given (unspecified →
// default_language), phone normalised, and the detail the channel needs present unless
// details_from_profile (a citizen's profile supplies them).
absl::StatusOr<common::v1::ContactPreference> NormalizeContactPreference(
    const common::v1::ContactPreference& preference, bool details_from_profile,
    common::v1::Language default_language);

}  // namespace meldpunt::intake
