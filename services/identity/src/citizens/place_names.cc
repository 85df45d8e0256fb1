#include "services/identity/src/citizens/place_names.h"

namespace meldpunt::identity {
namespace {

// ASCII for U+00C0..U+00FF (UTF-8 C3 80..C3 BF), lower case; nullptr keeps the character
// (× and ÷).
constexpr const char* kLatin1[64] = {
    "a",  "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // C0-CF
    "d",  "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",  // D0-DF
    "a",  "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // E0-EF
    "d",  "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y",   // F0-FF
};

std::string_view WithoutBracketSuffix(std::string_view name) {
  std::size_t end = name.find_last_not_of(" \t");
  if (end == std::string_view::npos) return {};
  if (name[end] != ')') return name.substr(0, end + 1);
  const std::size_t open = name.rfind('(', end);
  if (open == std::string_view::npos || open == 0) return name.substr(0, end + 1);
  return name.substr(0, open);
}

std::string_view Trim(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const std::size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::string PlaceMatchKey(std::string_view name) {
  const std::string_view base = WithoutBracketSuffix(name);
  std::string folded;
  for (std::size_t i = 0; i < base.size(); ++i) {
    const auto ch = static_cast<unsigned char>(base[i]);
    if (ch >= 'A' && ch <= 'Z') {
      folded += static_cast<char>(ch - 'A' + 'a');
    } else if (ch == '-' || ch == '\'' || ch == '\t' || ch == '.' || ch == ',') {
      folded += ' ';
    } else if (ch == 0xC3 && i + 1 < base.size()) {
      const auto next = static_cast<unsigned char>(base[i + 1]);
      if (next >= 0x80 && next <= 0xBF && kLatin1[next - 0x80] != nullptr) {
        folded += kLatin1[next - 0x80];
        ++i;
      } else {
        folded += base[i];
      }
    } else if (ch == 0xC5 && i + 1 < base.size() &&
               (static_cast<unsigned char>(base[i + 1]) == 0x92 ||
                static_cast<unsigned char>(base[i + 1]) == 0x93)) {
      folded += "oe";  // Œ œ
      ++i;
    } else if (ch == 0xE2 && i + 2 < base.size() &&
               static_cast<unsigned char>(base[i + 1]) == 0x80 &&
               static_cast<unsigned char>(base[i + 2]) == 0x99) {
      folded += ' ';  // ’ (typographic apostrophe)
      i += 2;
    } else {
      folded += base[i];
    }
  }
  std::string key;
  for (char c : folded) {
    if (c == ' ') {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else {
      key += c;
    }
  }
  if (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

std::string DisplayZoneName(std::string_view published_name) {
  return std::string(Trim(WithoutBracketSuffix(published_name)));
}

}  // namespace meldpunt::identity
