#include "services/intake/src/reports/contact_validation.h"

#include "absl/strings/str_cat.h"
#include "libs/contact/contact_details.h"
#include "libs/status/status.h"

namespace meldpunt::intake {
namespace {

namespace c = common::v1;

}  // namespace

absl::StatusOr<c::ContactPreference> NormalizeContactPreference(const c::ContactPreference& in,
                                                                bool details_from_profile,
                                                                c::Language default_language) {
  c::ContactPreference out = in;
  if (!c::ContactChannel_IsValid(in.channel())) {
    return status::InvalidField(kReasonContactDetailInvalid, "contact_preference.channel", "unknown channel");
  }
  if (out.channel() == c::CONTACT_CHANNEL_UNSPECIFIED) out.set_channel(c::CONTACT_CHANNEL_NONE);
  if (!c::Language_IsValid(in.language())) {
    return status::InvalidField("LANGUAGE_INVALID", "contact_preference.language", "unknown language");
  }
  if (out.language() == c::LANGUAGE_UNSPECIFIED) out.set_language(default_language);

  if (!in.email().empty() && !contact::IsPlausibleEmail(in.email())) {
    return status::InvalidField(kReasonContactDetailInvalid, "contact_preference.email",
                   "an e-mail address such as name@example.be is expected");
  }
  if (!in.phone().empty()) {
    absl::StatusOr<std::string> phone = contact::ValidatePhone(in.phone(), "contact_preference.phone");
    if (!phone.ok()) return phone.status();
    out.set_phone(*phone);
  }
  if (in.has_postal_address()) {
    if (contact::HasAddress(in.postal_address())) {
      auto address =
          contact::NormalizePostalAddress(in.postal_address(), "contact_preference.postal_address");
      if (!address.ok()) return address.status();
      *out.mutable_postal_address() = *address;
    } else {
      out.clear_postal_address();
    }
  }
  if (details_from_profile) return out;

  auto missing = [](const char* what) {
    return status::InvalidField(kReasonContactDetailMissing, "contact_preference",
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
