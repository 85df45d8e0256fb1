#include "services/identity/src/eid/card_number.h"

#include <cstdint>

namespace meldpunt::identity::eid {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool IsValidCardNumber(std::string_view card_number) {
  if (card_number.size() == 12 && AllDigits(card_number)) {
    uint64_t first_ten = 0;
    for (size_t i = 0; i < 10; ++i) first_ten = first_ten * 10 + (card_number[i] - '0');
    int expected = static_cast<int>(first_ten % 97);
    if (expected == 0) expected = 97;
    const int check = (card_number[10] - '0') * 10 + (card_number[11] - '0');
    return check == expected;
  }
  if (card_number.size() >= 9 && card_number.size() <= 12 && card_number[0] >= 'A' &&
      card_number[0] <= 'Z') {
    return AllDigits(card_number.substr(1));
  }
  return false;
}

}  // namespace meldpunt::identity::eid
