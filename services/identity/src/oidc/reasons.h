#pragma once
// ErrorInfo reasons of ID-token verification (LoginWithOidc; domain "identity.meldpunt", filled
// in at the RPC edge). Input that is missing or too large is INVALID_ARGUMENT; a token that does
// not prove an identity is UNAUTHENTICATED, with the reason naming the check that failed.
// Messages never carry claim values (names, national numbers): they may be logged. Metadata
// "claim" names the claim where one is at fault.

namespace meldpunt::identity::oidc {

// INVALID_ARGUMENT.
inline constexpr char kProviderMissing[] = "OIDC_PROVIDER_MISSING";
inline constexpr char kTokenMissing[] = "OIDC_TOKEN_MISSING";
inline constexpr char kTokenTooLarge[] = "OIDC_TOKEN_TOO_LARGE";  // over 16 KiB
inline constexpr char kNonceMissing[] = "OIDC_NONCE_MISSING";
inline constexpr char kNonceInvalid[] = "OIDC_NONCE_INVALID";  // over 512 bytes

// UNAUTHENTICATED.
// No configured issuer for the provider (and the named issuer, or the provider's default).
inline constexpr char kIssuerUnknown[] = "OIDC_ISSUER_UNKNOWN";
inline constexpr char kTokenMalformed[] = "OIDC_TOKEN_MALFORMED";
// The token's kid names none of the issuer's configured keys (or it has no kid and the issuer
// has several): often the provider rotated its keys and the JWKS file is out of date.
inline constexpr char kKeyUnknown[] = "OIDC_KEY_UNKNOWN";
// Bad signature, or an alg that is not the key's ("none", HS256, a key-type swap).
inline constexpr char kSignatureInvalid[] = "OIDC_SIGNATURE_INVALID";
inline constexpr char kWrongIssuer[] = "OIDC_WRONG_ISSUER";
inline constexpr char kWrongAudience[] = "OIDC_WRONG_AUDIENCE";
inline constexpr char kTokenExpired[] = "OIDC_TOKEN_EXPIRED";
inline constexpr char kTokenNotYetValid[] = "OIDC_TOKEN_NOT_YET_VALID";  // iat or nbf ahead
inline constexpr char kNonceMismatch[] = "OIDC_NONCE_MISMATCH";
inline constexpr char kClaimMissing[] = "OIDC_CLAIM_MISSING";  // metadata "claim"
inline constexpr char kClaimInvalid[] = "OIDC_CLAIM_INVALID";  // metadata "claim"
inline constexpr char kNationalNumberInvalid[] = "OIDC_NATIONAL_NUMBER_INVALID";
// Birth date or gender in the token contradict the national number.
inline constexpr char kDataInconsistent[] = "OIDC_DATA_INCONSISTENT";

// Start-up configuration (not a client error): the issuers file or a JWKS file is unusable.
inline constexpr char kConfigInvalid[] = "OIDC_CONFIG_INVALID";

}  // namespace meldpunt::identity::oidc
