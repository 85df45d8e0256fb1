#pragma once
// The national register number (rijksregisternummer) "YYMMDD-SSS-CC" and BIS numbers. SSS is a
// daily counter, odd for men and even for women. CC = 97 − (YYMMDDSSS mod 97) for births before
// 2000 and 97 − (2YYMMDDSSS mod 97) from 2000 on, so the checksum tells the century. BIS numbers
// add 20 (gender unknown) or 40 (gender known) to the month. Month 00 means the month and day
// are not known (or the day's counter ran out); "000001" as YYMMDD means no part of the birth
// date was known.

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/identity/src/eid/gender.h"
#include "services/identity/src/eid/partial_date.h"

namespace meldpunt::identity::eid {

struct NationalNumber {
  std::string digits;      // the 11 digits
  PartialDate birth_date;  // year 0 when no part of the birth date is known
  int century = 1900;      // 1900 or 2000, from the checksum
  bool bis = false;
  Gender gender = Gender::kUnknown;  // unknown only for BIS numbers without gender

  // "YY.MM.DD-SSS.CC", as the Citizen message shows it.
  std::string Formatted() const;
};

// Parses 11 digits; dots, dashes and spaces between them are ignored ("85.07.30-033.28").
// INVALID_ARGUMENT with reason EID_NATIONAL_NUMBER_INVALID when the format, the month/day or the
// checksum is wrong. Messages never repeat the number.
absl::StatusOr<NationalNumber> ParseNationalNumber(std::string_view text);

// Cross-check with what the card says: the birth date parts known on both sides must agree, and
// so must the gender where both are known. UNAUTHENTICATED with reason EID_DATA_INCONSISTENT.
absl::Status CheckConsistency(const NationalNumber& number, const PartialDate& card_birth_date,
                              Gender card_gender);

}  // namespace meldpunt::identity::eid
