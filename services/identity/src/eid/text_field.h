#pragma once
// Text values of the card's files: UTF-8, sometimes padded with spaces. What passes here goes
// into protobuf strings, the database and letters, so it must be valid UTF-8 without control
// characters.

#include <optional>
#include <string>
#include <string_view>

#include "libs/text/text.h"

namespace meldpunt::identity::eid {

// Well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF): libs/text's check.
using text::IsValidUtf8;

// The value without surrounding spaces, or nullopt when it is not valid UTF-8 or holds a control
// character (below U+0020, or DEL).
std::optional<std::string> CleanText(std::string_view raw);

// Lower-case hexadecimal of binary data.
std::string ToHex(std::string_view bytes);

}  // namespace meldpunt::identity::eid
