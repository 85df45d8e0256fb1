#include "services/identity/src/eid/text_field.h"

#include <cstdint>

namespace meldpunt::identity::eid {

std::optional<std::string> CleanText(std::string_view raw) {
  size_t begin = 0;
  size_t end = raw.size();
  while (begin < end && raw[begin] == ' ') ++begin;
  while (end > begin && raw[end - 1] == ' ') --end;
  std::string_view text = raw.substr(begin, end - begin);
  for (char c : text) {
    const auto b = static_cast<uint8_t>(c);
    if (b < 0x20 || b == 0x7F) return std::nullopt;
  }
  if (!IsValidUtf8(text)) return std::nullopt;
  return std::string(text);
}

std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto b = static_cast<uint8_t>(c);
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0F]);
  }
  return out;
}

}  // namespace meldpunt::identity::eid
