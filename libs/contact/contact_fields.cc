#include "libs/contact/contact_fields.h"

#include <optional>
#include <utility>

#include "libs/contact/contact_details.h"
#include "libs/status/status.h"
#include "libs/text/text.h"

namespace meldpunt::contact {
namespace {

namespace c = common::v1;

constexpr std::size_t kMaxAddressPartChars = 100;

bool IsCapital(char ch) { return ch >= 'A' && ch <= 'Z'; }

}  // namespace

absl::StatusOr<std::string> ValidatePhone(std::string_view phone, std::string_view field,
                                          std::string_view domain) {
  std::optional<std::string> normalized = NormalizePhone(phone);
  if (!normalized) {
    return status::InvalidField(kReasonContactDetailInvalid, field, kPhoneExample, domain);
  }
  return *std::move(normalized);
}

absl::StatusOr<c::PostalAddress> NormalizePostalAddress(const c::PostalAddress& address,
                                                        std::string_view field, AddressUse use,
                                                        std::string_view domain) {
  const std::pair<const char*, const std::string*> parts[] = {
      {"street", &address.street()},
      {"house_number", &address.house_number()},
      {"box", &address.box()},
      {"postal_code", &address.postal_code()},
      {"municipality", &address.municipality()}};
  auto invalid = [&](std::string_view part, std::string_view message) {
    return status::InvalidField(kReasonAddressInvalid, std::string(field) + "." + std::string(part), message,
                                domain);
  };
  for (const auto& [name, value] : parts) {
    if (text::Utf8Length(*value) > kMaxAddressPartChars ||
        text::HasControlCharacters(*value, /*allow_newlines=*/false)) {
      return invalid(name, "at most 100 characters on one line");
    }
  }
  if (use == AddressUse::kLetter) {
    // Only spaces left: every other white space is a control character, refused above.
    for (const auto& [name, value] : {parts[0], parts[3], parts[4]}) {
      if (value->find_first_not_of(' ') == std::string::npos) {
        return invalid(name, "a letter needs street, postal code and municipality");
      }
    }
  }
  c::PostalAddress out = address;
  if (out.country().empty()) out.set_country("BE");
  const std::string& country = out.country();
  if (country.size() != 2 || !IsCapital(country[0]) || !IsCapital(country[1])) {
    return invalid("country", "an ISO 3166-1 alpha-2 code such as BE is expected");
  }
  return out;
}

}  // namespace meldpunt::contact
