#include "services/identity/src/eid/street_address.h"

#include <vector>

namespace meldpunt::identity::eid {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsBoxMarker(std::string_view word) {
  const std::string w = Lower(word);
  return w == "bus" || w == "bte" || w == "bte." || w == "bo\xC3\xAEte" || w == "bt" ||
         w == "box" || w == "b" || w == "b.";
}

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

std::string Join(const std::vector<std::string_view>& words, size_t end) {
  std::string out;
  for (size_t i = 0; i < end; ++i) {
    if (i > 0) out.push_back(' ');
    out.append(words[i]);
  }
  return out;
}

}  // namespace

StreetParts SplitStreetAndNumber(std::string_view street_and_number) {
  StreetParts parts;
  const std::vector<std::string_view> words = Words(street_and_number);
  parts.street = Join(words, words.size());
  // At least a street word and a number.
  if (words.size() < 2) return parts;

  size_t number_at = words.size() - 1;
  std::string box;
  if (words.size() >= 4 && IsBoxMarker(words[words.size() - 2])) {
    box = std::string(words.back());
    number_at = words.size() - 3;
  }
  if (number_at == 0 || !IsDigit(words[number_at][0])) return parts;

  std::string number(words[number_at]);
  if (const size_t slash = number.find('/'); slash != std::string::npos && box.empty()) {
    box = number.substr(slash + 1);
    number.resize(slash);
  }
  if (number.empty()) return parts;
  parts.street = Join(words, number_at);
  parts.house_number = number;
  parts.box = box;
  return parts;
}

}  // namespace meldpunt::identity::eid
