#pragma once
// ErrorInfo reasons of eID card verification (domain "identity.meldpunt", filled in at the RPC
// edge). Codes follow one rule: input that is missing, too large or not in the card's format is
// INVALID_ARGUMENT; well-formed input that does not prove an identity (certificate, signatures,
// photo, national number, consistency, card validity, challenge) is UNAUTHENTICATED.
//
// Messages never carry values from the card: they may be logged, and names, national numbers
// and addresses must never reach a log. Where it helps, metadata names the file or field.

namespace meldpunt::identity::eid {

// INVALID_ARGUMENT.
inline constexpr char kFileMissing[] = "EID_FILE_MISSING";      // metadata "file"
inline constexpr char kFileTooLarge[] = "EID_FILE_TOO_LARGE";   // metadata "file"
inline constexpr char kFileMalformed[] = "EID_FILE_MALFORMED";  // TLV structure
inline constexpr char kFieldMissing[] = "EID_FIELD_MISSING";    // metadata "field"
inline constexpr char kFieldInvalid[] = "EID_FIELD_INVALID";    // metadata "field"
inline constexpr char kCertMalformed[] = "EID_CERT_MALFORMED";
inline constexpr char kChallengeMalformed[] = "EID_CHALLENGE_MALFORMED";
inline constexpr char kChallengeUnsupported[] = "EID_CHALLENGE_UNSUPPORTED";

// UNAUTHENTICATED.
inline constexpr char kCertUntrusted[] = "EID_CERT_UNTRUSTED";
inline constexpr char kCertExpired[] = "EID_CERT_EXPIRED";
inline constexpr char kCertNotYetValid[] = "EID_CERT_NOT_YET_VALID";
inline constexpr char kCertSubject[] = "EID_CERT_SUBJECT";
inline constexpr char kCertKeyUsage[] = "EID_CERT_KEY_USAGE";
inline constexpr char kCertKeyUnsupported[] = "EID_CERT_KEY_UNSUPPORTED";
inline constexpr char kIdentitySignatureInvalid[] = "EID_IDENTITY_SIGNATURE_INVALID";
inline constexpr char kAddressSignatureInvalid[] = "EID_ADDRESS_SIGNATURE_INVALID";
inline constexpr char kPhotoMismatch[] = "EID_PHOTO_MISMATCH";
inline constexpr char kNationalNumberInvalid[] = "EID_NATIONAL_NUMBER_INVALID";
inline constexpr char kDataInconsistent[] = "EID_DATA_INCONSISTENT";
inline constexpr char kCardExpired[] = "EID_CARD_EXPIRED";
inline constexpr char kChallengeKeyMismatch[] = "EID_CHALLENGE_KEY_MISMATCH";
inline constexpr char kChallengeSignatureInvalid[] = "EID_CHALLENGE_SIGNATURE_INVALID";

// Start-up configuration (not a client error): the trusted roots could not be loaded.
inline constexpr char kTrustRootsInvalid[] = "EID_TRUST_ROOTS_INVALID";

}  // namespace meldpunt::identity::eid
