#include "services/identity/src/eid/card_dates.h"

#include <string>
#include <vector>

namespace meldpunt::identity::eid {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Value of an all-digit token of 1..max_len digits; -1 otherwise.
int Number(std::string_view token, size_t max_len) {
  if (token.empty() || token.size() > max_len) return -1;
  int value = 0;
  for (char c : token) {
    if (!IsDigit(c)) return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Upper case for ASCII letters and the few non-ASCII letters in month tokens (UTF-8 Ä, É, Û), so
// that "Mär", "MÄR" and "mär" compare equal.
std::string Upper(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (size_t i = 0; i < token.size(); ++i) {
    char c = token[i];
    if (c >= 'a' && c <= 'z') {
      out.push_back(static_cast<char>(c - 'a' + 'A'));
    } else if (c == '\xC3' && i + 1 < token.size()) {
      char next = token[i + 1];
      // Lower-case Latin-1 letters sit 0x20 above their capitals in the second UTF-8 byte.
      if (next >= '\xA0' && next <= '\xBE') next = static_cast<char>(next - 0x20);
      out.push_back(c);
      out.push_back(next);
      ++i;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

struct MonthToken {
  const char* token;
  int month;
};

// Every spelling found on cards (FR, NL, DE) plus the English ones for robustness, and accented
// French spellings a middleware might produce.
constexpr MonthToken kMonthTokens[] = {
    {"JAN", 1},         {"FEV", 2},          {"FEB", 2},         {"F\xC3\x89V", 2},
    {"MARS", 3},        {"MAAR", 3},         {"M\xC3\x84R", 3},  {"MAR", 3},
    {"AVR", 4},         {"APR", 4},          {"MAI", 5},         {"MEI", 5},
    {"MAY", 5},         {"JUIN", 6},         {"JUN", 6},         {"JUIL", 7},
    {"JUL", 7},         {"AOUT", 8},         {"AO\xC3\x9BT", 8}, {"AUG", 8},
    {"SEPT", 9},        {"SEP", 9},          {"OCT", 10},        {"OKT", 10},
    {"NOV", 11},        {"DEC", 12},         {"DEZ", 12},        {"D\xC3\x89" "C", 12},
};

std::vector<std::string_view> Tokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < text.size() && tokens.size() <= 4) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '.')) ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '.') ++i;
    if (i > start) tokens.push_back(text.substr(start, i - start));
  }
  return tokens;
}

}  // namespace

int MonthFromToken(std::string_view token) {
  if (token.empty() || token.size() > 8) return 0;
  if (IsDigit(token[0])) {
    int n = Number(token, 2);
    return n >= 1 && n <= 12 ? n : 0;
  }
  const std::string upper = Upper(token);
  for (const MonthToken& m : kMonthTokens) {
    if (upper == m.token) return m.month;
  }
  return 0;
}

std::optional<absl::CivilDay> ParseValidityDate(std::string_view text) {
  if (text.size() != 10 || text[2] != '.' || text[5] != '.') return std::nullopt;
  const int day = Number(text.substr(0, 2), 2);
  const int month = Number(text.substr(3, 2), 2);
  const int year = Number(text.substr(6, 4), 4);
  if (day < 1 || month < 1 || month > 12 || year < kMinCardYear || year > kMaxCardYear) {
    return std::nullopt;
  }
  if (day > DaysInMonth(year, month)) return std::nullopt;
  return absl::CivilDay(year, month, day);
}

std::optional<PartialDate> ParseBirthDate(std::string_view text) {
  const std::vector<std::string_view> tokens = Tokens(text);
  if (tokens.empty() || tokens.size() > 3) return std::nullopt;

  PartialDate date;
  if (tokens.back().size() != 4) return std::nullopt;
  date.year = Number(tokens.back(), 4);
  if (date.year < kMinCardYear || date.year > kMaxCardYear) return std::nullopt;

  int day = 0;
  int month = 0;
  if (tokens.size() == 3) {
    day = Number(tokens[0], 2);
    if (day < 0) return std::nullopt;
    // A zero month ("00") is a blank month; anything else must be a month token.
    if (Number(tokens[1], 2) != 0) {
      month = MonthFromToken(tokens[1]);
      if (month == 0) return std::nullopt;
    }
  } else if (tokens.size() == 2) {
    // One token before the year: a month token, or a day whose month is blank.
    if (IsDigit(tokens[0][0])) {
      if (Number(tokens[0], 2) < 0) return std::nullopt;
    } else {
      month = MonthFromToken(tokens[0]);
      if (month == 0) return std::nullopt;
    }
  }
  date.month = month;
  date.day = month == 0 ? 0 : day;
  if (day > 31 || !IsPlausible(date)) return std::nullopt;
  return date;
}

}  // namespace meldpunt::identity::eid
