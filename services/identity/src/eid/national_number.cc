#include "services/identity/src/eid/national_number.h"

#include <cstdint>

#include "libs/status/status.h"
#include "services/identity/src/eid/reasons.h"

namespace meldpunt::identity::eid {
namespace {

absl::Status Invalid(std::string_view message) {
  return status::InvalidArgument(kNationalNumberInvalid, message);
}

int TwoDigits(const std::string& s, size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

}  // namespace

std::string NationalNumber::Formatted() const {
  if (digits.size() != 11) return digits;
  return digits.substr(0, 2) + "." + digits.substr(2, 2) + "." + digits.substr(4, 2) + "-" +
         digits.substr(6, 3) + "." + digits.substr(9, 2);
}

absl::StatusOr<NationalNumber> ParseNationalNumber(std::string_view text) {
  if (text.size() > 32) return Invalid("national number too long");
  NationalNumber n;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      n.digits.push_back(c);
    } else if (c != '.' && c != '-' && c != ' ') {
      return Invalid("national number has a character other than digits and separators");
    }
  }
  if (n.digits.size() != 11) return Invalid("national number must have 11 digits");

  uint64_t first_nine = 0;
  for (size_t i = 0; i < 9; ++i) first_nine = first_nine * 10 + (n.digits[i] - '0');
  const int check = TwoDigits(n.digits, 9);
  if (97 - static_cast<int>(first_nine % 97) == check) {
    n.century = 1900;
  } else if (97 - static_cast<int>((2000000000ULL + first_nine) % 97) == check) {
    n.century = 2000;
  } else {
    return Invalid("national number checksum does not match");
  }

  int month = TwoDigits(n.digits, 2);
  const int day = TwoDigits(n.digits, 4);
  const int counter = (n.digits[6] - '0') * 100 + TwoDigits(n.digits, 7);
  Gender by_parity = counter % 2 == 1 ? Gender::kMale : Gender::kFemale;
  n.gender = by_parity;
  if (month >= 40) {
    n.bis = true;
    month -= 40;
  } else if (month >= 20) {
    n.bis = true;
    month -= 20;
    n.gender = Gender::kUnknown;
  }
  if (month > 12) return Invalid("national number month out of range");
  if (day > 31) return Invalid("national number day out of range");

  const int yy = TwoDigits(n.digits, 0);
  if (yy == 0 && month == 0 && day == 1) {
    n.birth_date = PartialDate{};  // the register's "birth date unknown"
    return n;
  }
  n.birth_date.year = n.century + yy;
  if (month != 0) {
    n.birth_date.month = month;
    if (day > DaysInMonth(n.birth_date.year, month)) {
      return Invalid("national number day does not exist in its month");
    }
    n.birth_date.day = day;
  }
  return n;
}

absl::Status CheckConsistency(const NationalNumber& number, const PartialDate& card_birth_date,
                              Gender card_gender) {
  if (!Compatible(number.birth_date, card_birth_date)) {
    return status::Unauthenticated(kDataInconsistent,
                                   "the card's date of birth contradicts its national number");
  }
  if (number.gender != Gender::kUnknown && card_gender != Gender::kUnknown &&
      number.gender != card_gender) {
    return status::Unauthenticated(kDataInconsistent,
                                   "the card's gender contradicts its national number");
  }
  return absl::OkStatus();
}

}  // namespace meldpunt::identity::eid
