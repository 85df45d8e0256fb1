#include "services/intake/src/reports/reference.h"

#include "absl/strings/str_format.h"

namespace meldpunt::intake {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool IsValidReferencePrefix(std::string_view prefix) {
  if (prefix.size() < 2 || prefix.size() > 5) return false;
  for (char c : prefix) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

std::string FormatReference(std::string_view prefix, int year, std::int64_t counter) {
  return absl::StrFormat("%s-%04d-%06d", absl::string_view(prefix.data(), prefix.size()), year,
                         counter);
}

bool IsWellFormedReference(std::string_view text) {
  const std::size_t first = text.find('-');
  if (first == std::string_view::npos || !IsValidReferencePrefix(text.substr(0, first))) {
    return false;
  }
  std::string_view rest = text.substr(first + 1);
  if (rest.size() < 4 + 1 + 6 || rest.size() > 4 + 1 + 12 || rest[4] != '-') return false;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (i != 4 && !IsDigit(rest[i])) return false;
  }
  return true;
}

}  // namespace meldpunt::intake
