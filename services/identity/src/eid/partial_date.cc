#include "services/identity/src/eid/partial_date.h"

#include <cstdio>

namespace meldpunt::identity::eid {

std::string PartialDate::ToIso() const {
  char buf[16];
  if (year <= 0 || year > 9999) return "";
  if (month == 0) {
    std::snprintf(buf, sizeof(buf), "%04d", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof(buf), "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

bool IsPlausible(const PartialDate& date) {
  if (date.year < 0 || date.year > 9999) return false;
  if (date.month < 0 || date.month > 12) return false;
  if (date.month == 0) return date.day == 0;
  if (date.day < 0) return false;
  return date.day == 0 || (date.year > 0 && date.day <= DaysInMonth(date.year, date.month));
}

bool Compatible(const PartialDate& a, const PartialDate& b) {
  if (a.year == 0 || b.year == 0) return true;
  if (a.year != b.year) return false;
  if (a.month == 0 || b.month == 0) return true;
  if (a.month != b.month) return false;
  if (a.day == 0 || b.day == 0) return true;
  return a.day == b.day;
}

}  // namespace meldpunt::identity::eid
