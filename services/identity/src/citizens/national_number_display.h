#pragma once
// How a national register number is shown: "YY.MM.DD-SSS.CC" to its owner, "**.**.**-*SS.CC"
// (last four digits) to everyone else. Pure.

#include <string>
#include <string_view>

namespace meldpunt::identity {

// "85.07.30-033.28" from "85073003328" (or from an already formatted number); "" when the input
// does not hold exactly 11 digits.
std::string FormatNationalNumber(std::string_view number);

// "**.**.**-*33.28" from either form; "" when the input does not hold exactly 11 digits.
std::string MaskedNationalNumber(std::string_view number);

}  // namespace meldpunt::identity
