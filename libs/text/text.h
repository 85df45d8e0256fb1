#pragma once
// Small checks on text from outside, shared by every validator. Limits in the contracts are in
// characters (Unicode code points), not bytes: names and descriptions are multilingual.

#include <cstddef>
#include <string_view>

namespace meldpunt::text {

// True for well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Code points in valid UTF-8 (continuation bytes are not counted).
std::size_t Utf8Length(std::string_view text);

// True when text contains a control character (C0 or DEL); with allow_newlines, '\n', '\r' and
// '\t' are allowed.
bool HasControlCharacters(std::string_view text, bool allow_newlines);

// True when text has at least one character that is not white space.
bool HasVisibleText(std::string_view text);

}  // namespace meldpunt::text
