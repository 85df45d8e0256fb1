#include "services/identity/src/citizens/profile_validation.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "libs/contact/contact_details.h"
#include "libs/status/status.h"

namespace meldpunt::identity {
namespace {

namespace c = common::v1;

constexpr char kDomain[] = "identity.meldpunt";

absl::Status Invalid(const char* reason, std::string_view field, std::string_view message) {
  return status::InvalidField(reason, field, message, kDomain);
}

bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }
bool IsLower(char ch) { return ch >= 'a' && ch <= 'z'; }

bool IsCode(std::string_view text, std::string_view extra) {
  if (text.size() < 2 || text.size() > 64) return false;
  for (char ch : text) {
    if (!IsLower(ch) && !IsDigit(ch) && extra.find(ch) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

bool IsProfessionCode(std::string_view code) {
  return IsCode(code, "_-") && IsLower(code.front());
}

bool IsConsentTopic(std::string_view topic) { return IsCode(topic, "-_."); }

absl::Status ApplyProfileUpdate(const v1::UpdateCitizenProfileRequest& request,
                                bool has_official_address, EditableProfile& profile) {
  EditableProfile next = profile;
  c::ContactPreference& contact = next.contact;

  if (request.has_email()) {
    if (!request.email().empty() && !contact::IsPlausibleEmail(request.email())) {
      return Invalid(kReasonContactDetailInvalid, "email",
                     "an e-mail address such as name@example.be is expected");
    }
    contact.set_email(request.email());
  }
  if (request.has_phone()) {
    if (request.phone().empty()) {
      contact.clear_phone();
    } else {
      auto phone = contact::ValidatePhone(request.phone(), "phone", kDomain);
      if (!phone.ok()) return phone.status();
      contact.set_phone(*phone);
    }
  }
  if (request.has_postal_address()) {
    if (contact::HasAddress(request.postal_address())) {
      auto address = contact::NormalizePostalAddress(request.postal_address(), "postal_address",
                                                     contact::AddressUse::kLetter, kDomain);
      if (!address.ok()) return address.status();
      *contact.mutable_postal_address() = std::move(*address);
    } else {
      contact.clear_postal_address();
    }
  }
  if (!c::ContactChannel_IsValid(request.preferred_channel())) {
    return Invalid(kReasonContactDetailInvalid, "preferred_channel", "unknown channel");
  }
  if (request.preferred_channel() != c::CONTACT_CHANNEL_UNSPECIFIED) {
    contact.set_channel(request.preferred_channel());
  }
  if (!c::Language_IsValid(request.language())) {
    return Invalid(kReasonLanguageInvalid, "language", "unknown language");
  }
  if (request.language() != c::LANGUAGE_UNSPECIFIED) contact.set_language(request.language());
  if (request.has_profession()) {
    if (!request.profession().empty() && !IsProfessionCode(request.profession())) {
      return Invalid(kReasonProfessionInvalid, "profession",
                     "2-64 characters of a-z, 0-9, '_' and '-', starting with a letter");
    }
    next.profession = request.profession();
  }
  if (request.consents_size() > kMaxConsentDecisions) {
    return Invalid(kReasonConsentsTooMany, "consents", "at most 50 decisions per update");
  }
  std::set<std::string> topics;
  for (int i = 0; i < request.consents_size(); ++i) {
    const std::string& topic = request.consents(i).topic();
    const std::string field = absl::StrCat("consents[", i, "].topic");
    if (!IsConsentTopic(topic)) {
      return Invalid(kReasonConsentTopicInvalid, field,
                     "2-64 characters of a-z, 0-9, '-', '_' and '.'");
    }
    if (!topics.insert(topic).second) {
      return Invalid(kReasonConsentTopicInvalid, field, "a topic may be decided once per update");
    }
  }

  auto missing = [](const char* what) {
    return Invalid(kReasonContactDetailMissing, "preferred_channel",
                   absl::StrCat("the chosen channel needs ", what));
  };
  switch (contact.channel()) {
    case c::CONTACT_CHANNEL_EMAIL:
      if (contact.email().empty()) return missing("an e-mail address");
      break;
    case c::CONTACT_CHANNEL_SMS:
      if (contact.phone().empty()) return missing("a mobile phone number");
      break;
    case c::CONTACT_CHANNEL_PHONE:
      if (contact.phone().empty()) return missing("a phone number");
      break;
    case c::CONTACT_CHANNEL_LETTER:
      if (!contact::HasAddress(contact.postal_address()) && !has_official_address) {
        return missing("a postal address");
      }
      break;
    default:
      break;
  }
  profile = std::move(next);
  return absl::OkStatus();
}

}  // namespace meldpunt::identity
