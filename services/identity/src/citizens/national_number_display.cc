#include "services/identity/src/citizens/national_number_display.h"

#include "services/identity/src/citizens/citizen_repository.h"

namespace meldpunt::identity {
namespace {

// The 11 digits of either form; "" when there are not exactly 11 or other characters appear.
std::string Digits(std::string_view number) {
  std::string digits;
  for (char c : number) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != '.' && c != '-' && c != ' ') {
      return "";
    }
  }
  return digits.size() == 11 ? digits : "";
}

std::string Layout(const std::string& d) {
  return d.substr(0, 2) + "." + d.substr(2, 2) + "." + d.substr(4, 2) + "-" + d.substr(6, 3) +
         "." + d.substr(9, 2);
}

}  // namespace

std::string FormatNationalNumber(std::string_view number) {
  const std::string digits = Digits(number);
  return digits.empty() ? "" : Layout(digits);
}

std::string MaskedNationalNumber(std::string_view number) {
  std::string digits = Digits(number);
  if (digits.empty()) return "";
  for (std::size_t i = 0; i < 7; ++i) digits[i] = '*';
  return Layout(digits);
}

void MaskNationalNumber(v1::Citizen& citizen) {
  citizen.set_national_number(MaskedNationalNumber(citizen.national_number()));
}

}  // namespace meldpunt::identity
