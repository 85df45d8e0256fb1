#pragma once
// A date of birth as the National Register knows it: the year, and the month and day only when
// they are known.

#include <string>

namespace meldpunt::identity::eid {

struct PartialDate {
  int year = 0;   // 0: unknown (only a national number can say so)
  int month = 0;  // 1–12; 0: unknown
  int day = 0;    // 1–31; 0: unknown. Always 0 when the month is unknown.

  bool operator==(const PartialDate& o) const {
    return year == o.year && month == o.month && day == o.day;
  }
  bool operator!=(const PartialDate& o) const { return !(*this == o); }

  // ISO 8601 as the Citizen message wants it: "YYYY-MM-DD", "YYYY-MM" or "YYYY"; "" when even the
  // year is unknown.
  std::string ToIso() const;
};

// Days in a month of the Gregorian calendar; 0 for a month outside 1–12.
int DaysInMonth(int year, int month);

// True when the parts that are known could be one real date.
bool IsPlausible(const PartialDate& date);

// True when two partial dates do not contradict each other: every part known in both is equal.
bool Compatible(const PartialDate& a, const PartialDate& b);

}  // namespace meldpunt::identity::eid
