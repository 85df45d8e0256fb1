#include "services/identity/src/oidc/id_token.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <cmath>

#include "absl/strings/str_cat.h"
#include "libs/jwt/jws_compact.h"
#include "libs/jwt/keys.h"
#include "libs/status/status.h"
#include "services/identity/src/oidc/reasons.h"

namespace meldpunt::identity::oidc {
namespace {

using nlohmann::json;

absl::Status Fail(std::string_view reason, std::string_view message) {
  return status::Unauthenticated(reason, message);
}

absl::Status ClaimMissing(const char* claim) {
  return status::Error(absl::StatusCode::kUnauthenticated, kClaimMissing,
                       absl::StrCat("the ID token has no valid \"", claim, "\" claim"), {},
                       {{"claim", claim}});
}

// The key that must have signed the token: the one its kid names, or the issuer's only key
// when the token names none. The header's alg must be that key's algorithm; the header never
// chooses it.
absl::StatusOr<const jwt::PublicKey*> SelectKey(const OidcIssuer& issuer, const json& header) {
  auto alg = header.find("alg");
  if (alg == header.end() || !alg->is_string()) {
    return Fail(kTokenMalformed, "the ID token header has no alg");
  }
  auto algorithm = jwt::AlgorithmFromName(alg->get_ref<const std::string&>());
  if (!algorithm.ok()) {
    return Fail(kSignatureInvalid, "the ID token's alg is not one of RS256, ES256, EdDSA");
  }
  if (header.contains("crit")) {
    return Fail(kTokenMalformed, "the ID token header names critical extensions");
  }
  const jwt::PublicKey* key = nullptr;
  auto kid = header.find("kid");
  if (kid != header.end()) {
    if (!kid->is_string()) return Fail(kTokenMalformed, "the ID token's kid is not a string");
    for (const jwt::PublicKey& k : issuer.keys) {
      if (k.key_id == kid->get_ref<const std::string&>()) key = &k;
    }
  } else if (issuer.keys.size() == 1) {
    key = &issuer.keys.front();
  }
  if (key == nullptr) {
    return Fail(kKeyUnknown, "the ID token is signed with a key not configured for its issuer");
  }
  if (key->algorithm != *algorithm) {
    return Fail(kSignatureInvalid, "the ID token's alg does not match its key");
  }
  return key;
}

bool AudienceMatches(const json& claims, const std::string& audience) {
  auto aud = claims.find("aud");
  if (aud == claims.end()) return false;
  bool contains = false;
  std::size_t count = 0;
  if (aud->is_string()) {
    contains = aud->get_ref<const std::string&>() == audience;
    count = 1;
  } else if (aud->is_array()) {
    for (const json& a : *aud) {
      if (!a.is_string()) return false;
      contains = contains || a.get_ref<const std::string&>() == audience;
      ++count;
    }
  }
  if (!contains) return false;
  // With several audiences, azp must say the token was issued to us (OIDC Core §3.1.3.7, 4–5).
  auto azp = claims.find("azp");
  if (azp != claims.end()) return azp->is_string() && azp->get_ref<const std::string&>() == audience;
  return count == 1;
}

// Seconds since the epoch of a NumericDate claim; nullopt when absent or not a finite number.
std::optional<double> NumericDate(const json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end() || !it->is_number()) return std::nullopt;
  const double value = it->get<double>();
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

// Equal in time independent of where they differ: both sides hashed to a fixed length first.
bool NonceEquals(std::string_view expected, std::string_view actual) {
  unsigned char a[SHA256_DIGEST_LENGTH];
  unsigned char b[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(expected.data()), expected.size(), a);
  SHA256(reinterpret_cast<const unsigned char*>(actual.data()), actual.size(), b);
  return CRYPTO_memcmp(a, b, sizeof a) == 0;
}

}  // namespace

absl::StatusOr<nlohmann::json> VerifyIdToken(const OidcIssuer& issuer, std::string_view id_token,
                                             std::string_view nonce, absl::Time now) {
  auto parts = jwt::SplitCompactJws(id_token);
  if (!parts.ok()) return Fail(kTokenMalformed, "the ID token is not a well-formed compact JWS");

  // 1. Signature. Nothing in the claims is read before it verifies.
  auto key = SelectKey(issuer, parts->header);
  if (!key.ok()) return key.status();
  if (!jwt::VerifySignature(**key, parts->signing_input, parts->signature).ok()) {
    return Fail(kSignatureInvalid, "the ID token's signature does not verify");
  }
  auto claims = jwt::ParseJsonObject(parts->claims_json, "claims");
  if (!claims.ok()) return Fail(kTokenMalformed, "the ID token's claims are not a JSON object");

  // 2. Who issued it, and for whom.
  auto iss = claims->find("iss");
  if (iss == claims->end() || !iss->is_string() || iss->get_ref<const std::string&>() != issuer.issuer) {
    return Fail(kWrongIssuer, "the ID token was not issued by the configured issuer");
  }
  if (!AudienceMatches(*claims, issuer.audience)) {
    return Fail(kWrongAudience, "the ID token was not issued to this client");
  }
  auto sub = claims->find("sub");
  if (sub == claims->end() || !sub->is_string() || sub->get_ref<const std::string&>().empty()) {
    return ClaimMissing("sub");
  }

  // 3. When. exp and iat are required in an ID token; nbf is optional.
  const double now_s = absl::ToDoubleSeconds(now - absl::UnixEpoch());
  const double leeway_s = absl::ToDoubleSeconds(kClockLeeway);
  auto exp = NumericDate(*claims, "exp");
  if (!exp) return ClaimMissing("exp");
  if (now_s > *exp + leeway_s) return Fail(kTokenExpired, "the ID token has expired");
  auto iat = NumericDate(*claims, "iat");
  if (!iat) return ClaimMissing("iat");
  if (*iat > now_s + leeway_s) return Fail(kTokenNotYetValid, "the ID token is issued in the future");
  if (claims->contains("nbf")) {
    auto nbf = NumericDate(*claims, "nbf");
    if (!nbf) return Fail(kTokenMalformed, "the ID token's nbf is not a number");
    if (*nbf > now_s + leeway_s) return Fail(kTokenNotYetValid, "the ID token is not valid yet");
  }

  // 4. This login's token, not one replayed from another: the nonce the app backend sent.
  auto token_nonce = claims->find("nonce");
  if (token_nonce == claims->end() || !token_nonce->is_string() ||
      !NonceEquals(nonce, token_nonce->get_ref<const std::string&>())) {
    return Fail(kNonceMismatch, "the ID token's nonce is not this login's");
  }
  return std::move(*claims);
}

}  // namespace meldpunt::identity::oidc
