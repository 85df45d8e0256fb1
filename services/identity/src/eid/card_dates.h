#pragma once
// The two kinds of date on the card: validity dates ("DD.MM.YYYY") and the date of birth, written
// in the card's language ("23.SEP.1982" in German, "23 SEP 1982" or "30 JUN  1967" otherwise,
// sometimes only partly known).

#include <optional>
#include <string_view>

#include "absl/time/civil_time.h"
#include "services/identity/src/eid/partial_date.h"

namespace meldpunt::identity::eid {

// Year bounds for any date on a card; outside them a date is refused as not plausible.
inline constexpr int kMinCardYear = 1850;
inline constexpr int kMaxCardYear = 2199;

// "DD.MM.YYYY", a real calendar date; nullopt otherwise.
std::optional<absl::CivilDay> ParseValidityDate(std::string_view text);

// Day, month token and four-digit year, separated by dots and/or spaces. Month tokens in every
// card language, case-insensitive: JAN; FEV FEB; MARS MAAR MÄR MAR; AVR APR; MAI MEI MAY; JUIN
// JUN; JUIL JUL; AOUT AUG; SEPT SEP; OCT OKT; NOV; DEC DEZ (and a number 1–12). Partial dates:
// "YYYY" alone, a month token and year, or day/month given as 0 or 00 (unknown). A day with an
// unknown month is dropped: it means nothing on its own. nullopt when not a plausible date.
std::optional<PartialDate> ParseBirthDate(std::string_view text);

// The month for a month token (as above), or 0.
int MonthFromToken(std::string_view token);

}  // namespace meldpunt::identity::eid
