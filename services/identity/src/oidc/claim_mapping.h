#pragma once
// Verified ID-token claims → VerifiedIdentity, per provider.
//
// FAS (federal authentication service): "egovNRN" (national number), "givenName", "surname",
// "prefLanguage" (nl/fr/de/en), "acr" → assurance: urn:be:fedict:iam:fas:Level500 → FAS_EID,
// Level450 → FAS_ITSME, anything lower, unknown or absent → FAS_LOW.
// itsme: "given_name", "family_name", "birthdate", "gender" (male/female), "address" (OIDC
// address claim: street_address, postal_code, locality, country), "locale", and the national
// number in "http://itsme.services/v2/claim/BENationalNumber" → ITSME.
//
// The national number is checked with the eID library's rules (checksum, century, BIS). Birth
// date and gender come from the number when the token lacks them and must agree with it when
// present. An address the service cannot map onto a PostalAddress is left out rather than
// refusing the login; names and the national number are required.

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "services/identity/src/citizens/verified_identity.h"

namespace meldpunt::identity::oidc {

inline constexpr char kItsmeNationalNumberClaim[] = "http://itsme.services/v2/claim/BENationalNumber";

// UNAUTHENTICATED OIDC_CLAIM_MISSING / OIDC_CLAIM_INVALID (metadata "claim"),
// OIDC_NATIONAL_NUMBER_INVALID, OIDC_DATA_INCONSISTENT.
absl::StatusOr<VerifiedIdentity> MapFasClaims(const nlohmann::json& claims);
absl::StatusOr<VerifiedIdentity> MapItsmeClaims(const nlohmann::json& claims);

}  // namespace meldpunt::identity::oidc
