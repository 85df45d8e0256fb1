#pragma once
// Contact details as every service checks them: phone numbers to E.164, plausible e-mail
// addresses, whether a postal address has anything in it. Pure; callers turn a refusal into
// their own error naming their own field.

#include <optional>
#include <string>
#include <string_view>

#include "meldpunt/common/v1/address.pb.h"

namespace meldpunt::contact {

// The example shown to people whose number was refused.
inline constexpr char kPhoneExample[] =
    "a phone number such as +32470123456 or 0470 12 34 56 is expected";

// "+32470123456" from "+32 470 12 34 56", "0470/12.34.56", "0032470123456" (a national number
// is Belgian: the tenants are); nullopt for anything that is not a phone number.
std::optional<std::string> NormalizePhone(std::string_view phone);

// A plain address "local@domain.tld", at most 254 characters, local part at most 64, without
// spaces, quotes, brackets or leading, trailing or doubled dots.
bool IsPlausibleEmail(std::string_view email);

// Any part filled in.
bool HasAddress(const common::v1::PostalAddress& address);

}  // namespace meldpunt::contact
