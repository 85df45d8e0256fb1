#include "libs/contact/contact_details.h"

namespace meldpunt::contact {
namespace {

constexpr std::size_t kMaxPhoneInputChars = 40;
constexpr std::size_t kMaxEmailChars = 254;
constexpr std::size_t kMaxEmailLocalChars = 64;

bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }

}  // namespace

std::optional<std::string> NormalizePhone(std::string_view phone) {
  if (phone.size() > kMaxPhoneInputChars) return std::nullopt;
  std::string digits;
  bool plus = false;
  for (char ch : phone) {
    if (IsDigit(ch)) {
      digits += ch;
    } else if (ch == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (ch != ' ' && ch != '.' && ch != '-' && ch != '/' && ch != '(' && ch != ')') {
      return std::nullopt;
    }
  }
  std::string e164;
  if (plus) {
    e164 = digits;
  } else if (digits.rfind("00", 0) == 0) {
    e164 = digits.substr(2);
  } else if (digits.rfind('0', 0) == 0) {
    e164 = "32" + digits.substr(1);
  } else {
    return std::nullopt;
  }
  if (e164.size() < 8 || e164.size() > 15 || e164[0] == '0') return std::nullopt;
  return "+" + e164;
}

bool IsPlausibleEmail(std::string_view email) {
  if (email.empty() || email.size() > kMaxEmailChars) return false;
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at > kMaxEmailLocalChars ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (unsigned char ch : email) {
    if (ch <= 0x20 || ch == 0x7f || ch == '<' || ch == '>' || ch == ',' || ch == ';' ||
        ch == '"' || ch == '(' || ch == ')' || ch == '[' || ch == ']' || ch == '\\') {
      return false;
    }
  }
  const std::string_view local = email.substr(0, at);
  if (local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = email.substr(at + 1);
  const std::size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) return false;
  return domain.find("..") == std::string_view::npos && domain.front() != '.' &&
         domain.front() != '-';
}

bool HasAddress(const common::v1::PostalAddress& a) {
  return !a.street().empty() || !a.house_number().empty() || !a.box().empty() ||
         !a.postal_code().empty() || !a.municipality().empty() || !a.country().empty();
}

}  // namespace meldpunt::contact
