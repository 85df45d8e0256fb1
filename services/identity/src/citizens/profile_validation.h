#pragma once
// Checks and normalisation of what a citizen may change in their profile
// (UpdateCitizenProfile): contact details as ContactPreference documents them, the profession
// code and consent topics as citizen.proto defines them. Pure: no I/O. Messages name the field,
// never its value (it is personal data).

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "libs/contact/contact_fields.h"
#include "meldpunt/common/v1/contact.pb.h"
#include "meldpunt/identity/v1/identity_service.pb.h"

namespace meldpunt::identity {

// INVALID_ARGUMENT reasons (metadata "field" names the field).
inline constexpr char kReasonContactDetailMissing[] = "CONTACT_DETAIL_MISSING";
// Phone and postal address are checked by libs/contact, with its reasons.
using contact::kReasonAddressInvalid;
using contact::kReasonContactDetailInvalid;
inline constexpr char kReasonLanguageInvalid[] = "LANGUAGE_INVALID";
inline constexpr char kReasonProfessionInvalid[] = "PROFESSION_INVALID";
inline constexpr char kReasonConsentTopicInvalid[] = "CONSENT_TOPIC_INVALID";
inline constexpr char kReasonConsentsTooMany[] = "CONSENTS_TOO_MANY";

// Consent decisions accepted in one update.
inline constexpr int kMaxConsentDecisions = 50;

// Profession code: 2–64 characters of a-z, 0-9, '_' and '-', starting with a letter
// ("student", "self_employed").
bool IsProfessionCode(std::string_view code);

// Consent topic: 2–64 characters of a-z, 0-9, '-', '_' and '.' (citizen.proto Consent.topic).
bool IsConsentTopic(std::string_view topic);

// The part of a profile UpdateCitizenProfile changes.
struct EditableProfile {
  // channel, language, email, phone, postal_address (an empty postal address: letters go to the
  // official address).
  common::v1::ContactPreference contact;
  std::string profession;
};

// Validates request and applies its set fields to profile (unchanged on error). Consent
// decisions are checked (topic format, no topic twice, at most kMaxConsentDecisions) but
// recorded by the caller. has_official_address: a LETTER preference is satisfied by the official
// address when no postal address is given. The detail the resulting channel needs must be there
// (CONTACT_DETAIL_MISSING).
absl::Status ApplyProfileUpdate(const v1::UpdateCitizenProfileRequest& request,
                                bool has_official_address, EditableProfile& profile);

}  // namespace meldpunt::identity
