#pragma once

#include <string_view>

namespace meldpunt::identity::eid {

// The card number (identity file tag 1). Belgian cards carry 12 digits whose last two are the
// first ten mod 97 (97 when that is 0). Foreigner cards carry a letter and digits (e.g.
// "B012345678"); their check digits are not documented in our sources, so they are accepted when
// they are a capital letter followed by 8–11 digits.
bool IsValidCardNumber(std::string_view card_number);

}  // namespace meldpunt::identity::eid
