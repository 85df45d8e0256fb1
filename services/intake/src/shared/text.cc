#include "services/intake/src/shared/text.h"

namespace meldpunt::intake {

std::size_t Utf8Length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xc0) != 0x80;
  return n;
}

bool HasControlCharacters(std::string_view text, bool allow_newlines) {
  for (unsigned char c : text) {
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

bool HasVisibleText(std::string_view text) {
  for (unsigned char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f') return true;
  }
  return false;
}

}  // namespace meldpunt::intake
