#pragma once
// Human report references: "<prefix>-<year>-<counter>", e.g. "STR-2026-000123". The prefix is the
// tenant's (2–5 capital letters), the year the one the report was made in (Europe/Brussels), the
// counter at least six digits and counting from 1 each year per tenant.

#include <cstdint>
#include <string>
#include <string_view>

namespace meldpunt::intake {

std::string FormatReference(std::string_view prefix, int year, std::int64_t counter);

// Whether text has the form above (not whether such a report exists).
bool IsWellFormedReference(std::string_view text);

// 2–5 capital letters A–Z.
bool IsValidReferencePrefix(std::string_view prefix);

}  // namespace meldpunt::intake
