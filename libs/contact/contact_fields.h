#pragma once
// Phone numbers and postal addresses from a request, checked as every service checks them and
// refused as INVALID_ARGUMENT with an ErrorInfo reason and the caller's field name. The
// messages name the field, never its value (it is personal data).

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "meldpunt/common/v1/address.pb.h"

namespace meldpunt::contact {

// INVALID_ARGUMENT reasons (metadata "field" names the field).
inline constexpr char kReasonContactDetailInvalid[] = "CONTACT_DETAIL_INVALID";
inline constexpr char kReasonAddressInvalid[] = "ADDRESS_INVALID";

// NormalizePhone's E.164 form; CONTACT_DETAIL_INVALID naming field otherwise. domain: the
// ErrorInfo domain, empty to have the serving service's filled in at the edge.
absl::StatusOr<std::string> ValidatePhone(std::string_view phone, std::string_view field,
                                          std::string_view domain = {});

// What the address is for. A letter cannot be delivered without street, postal code and
// municipality; an address that places a report or only accompanies a preference may be partial.
enum class AddressUse { kAny, kLetter };

// Each part at most 100 characters on one line; for kLetter street, postal code and
// municipality not blank; country two capital letters, empty → "BE". ADDRESS_INVALID naming
// "<field>.<part>".
absl::StatusOr<common::v1::PostalAddress> NormalizePostalAddress(
    const common::v1::PostalAddress& address, std::string_view field,
    AddressUse use = AddressUse::kAny, std::string_view domain = {});

}  // namespace meldpunt::contact
