#include "services/intake/src/contact_validation.h"

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "services/intake/src/text.h"

namespace meldpunt::intake {
namespace {

namespace c = common::v1;

constexpr std::size_t kMaxAddressPartChars = 100;
constexpr std::size_t kMaxEmailChars = 254;

absl::Status Invalid(const char* reason, const std::string& field, const std::string& message) {
  return status::Error(absl::StatusCode::kInvalidArgument, reason,
                       absl::StrCat(field, ": ", message), {}, {{"field", field}});
}

bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }

}  // namespace

absl::StatusOr<std::string> NormalizePhone(const std::string& phone) {
  auto invalid = [] {
    return Invalid(kReasonContactDetailInvalid, "contact_preference.phone",
                   "a phone number such as +32470123456 or 0470 12 34 56 is expected");
  };
  if (phone.size() > 40) return invalid();
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char ch = phone[i];
    if (IsDigit(ch)) {
      digits += ch;
    } else if (ch == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (ch != ' ' && ch != '.' && ch != '-' && ch != '/' && ch != '(' && ch != ')') {
      return invalid();
    }
  }
  std::string e164;
  if (plus) {
    e164 = digits;
  } else if (digits.rfind("00", 0) == 0) {
    e164 = digits.substr(2);
  } else if (digits.rfind("0", 0) == 0) {
    e164 = "32" + digits.substr(1);  // a national number: the tenants are Belgian
  } else {
    return invalid();
  }
  if (e164.size() < 8 || e164.size() > 15 || e164[0] == '0') return invalid();
  return "+" + e164;
}

bool IsPlausibleEmail(const std::string& email) {
  if (email.empty() || email.size() > kMaxEmailChars) return false;
  const std::size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || at > 64 || email.find('@', at + 1) != std::string::npos) {
    return false;
  }
  for (unsigned char ch : email) {
    if (ch <= 0x20 || ch == 0x7f || ch == '<' || ch == '>' || ch == ',' || ch == ';' || ch == '"') {
      return false;
    }
  }
  const std::string domain = email.substr(at + 1);
  const std::size_t dot = domain.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == domain.size()) return false;
  return domain.find("..") == std::string::npos && domain.front() != '.';
}

bool HasAddress(const c::PostalAddress& a) {
  return !a.street().empty() || !a.house_number().empty() || !a.box().empty() ||
         !a.postal_code().empty() || !a.municipality().empty() || !a.country().empty();
}

absl::StatusOr<c::PostalAddress> NormalizeAddress(const c::PostalAddress& address,
                                                  const std::string& field) {
  const std::pair<const char*, const std::string*> parts[] = {
      {"street", &address.street()},
      {"house_number", &address.house_number()},
      {"box", &address.box()},
      {"postal_code", &address.postal_code()},
      {"municipality", &address.municipality()}};
  for (const auto& [name, value] : parts) {
    if (Utf8Length(*value) > kMaxAddressPartChars || HasControlCharacters(*value, false)) {
      return Invalid(kReasonAddressInvalid, absl::StrCat(field, ".", name),
                     "at most 100 characters on one line");
    }
  }
  c::PostalAddress out = address;
  if (out.country().empty()) out.set_country("BE");
  const std::string& country = out.country();
  if (country.size() != 2 || country[0] < 'A' || country[0] > 'Z' || country[1] < 'A' ||
      country[1] > 'Z') {
    return Invalid(kReasonAddressInvalid, field + ".country",
                   "an ISO 3166-1 alpha-2 code such as BE is expected");
  }
  return out;
}

absl::StatusOr<c::ContactPreference> NormalizeContactPreference(const c::ContactPreference& in,
                                                                bool details_from_profile,
                                                                c::Language default_language) {
  c::ContactPreference out = in;
  if (!c::ContactChannel_IsValid(in.channel())) {
    return Invalid(kReasonContactDetailInvalid, "contact_preference.channel", "unknown channel");
  }
  if (out.channel() == c::CONTACT_CHANNEL_UNSPECIFIED) out.set_channel(c::CONTACT_CHANNEL_NONE);
  if (!c::Language_IsValid(in.language())) {
    return Invalid("LANGUAGE_INVALID", "contact_preference.language", "unknown language");
  }
  if (out.language() == c::LANGUAGE_UNSPECIFIED) out.set_language(default_language);

  if (!in.email().empty() && !IsPlausibleEmail(in.email())) {
    return Invalid(kReasonContactDetailInvalid, "contact_preference.email",
                   "an e-mail address such as name@example.be is expected");
  }
  if (!in.phone().empty()) {
    absl::StatusOr<std::string> phone = NormalizePhone(in.phone());
    if (!phone.ok()) return phone.status();
    out.set_phone(*phone);
  }
  if (in.has_postal_address()) {
    if (HasAddress(in.postal_address())) {
      auto address = NormalizeAddress(in.postal_address(), "contact_preference.postal_address");
      if (!address.ok()) return address.status();
      *out.mutable_postal_address() = *address;
    } else {
      out.clear_postal_address();
    }
  }
  if (details_from_profile) return out;

  auto missing = [](const char* what) {
    return Invalid(kReasonContactDetailMissing, "contact_preference",
                   absl::StrCat("the chosen channel needs ", what));
  };
  switch (out.channel()) {
    case c::CONTACT_CHANNEL_EMAIL:
      if (out.email().empty()) return missing("an e-mail address");
      break;
    case c::CONTACT_CHANNEL_SMS:
    case c::CONTACT_CHANNEL_PHONE:
      if (out.phone().empty()) return missing("a phone number");
      break;
    case c::CONTACT_CHANNEL_LETTER: {
      const auto& a = out.postal_address();
      if (a.street().empty() || a.postal_code().empty() || a.municipality().empty()) {
        return missing("a postal address with street, postal code and municipality");
      }
      break;
    }
    default:
      break;
  }
  return out;
}

}  // namespace meldpunt::intake
