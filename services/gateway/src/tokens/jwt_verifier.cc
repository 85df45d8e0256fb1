#include "services/gateway/src/tokens/jwt_verifier.h"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "libs/auth/assurance.h"
#include "libs/jwt/jws_compact.h"
#include "libs/jwt/keys.h"
#include "libs/status/status.h"
#include "services/gateway/src/admission/credentials.h"
#include "services/gateway/src/tokens/static_key_source.h"

namespace meldpunt::gateway {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxSubjectBytes = 128;
constexpr std::size_t kMaxSessionIdBytes = 128;

absl::Status Fail(std::string_view reason, std::string_view message) {
  return status::Unauthenticated(reason, message);
}

absl::Status Malformed(std::string_view message) { return Fail("TOKEN_MALFORMED", message); }

bool IsPrintable(const std::string& s) {
  for (char c : s) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

std::optional<double> NumberClaim(const json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

absl::Status CheckOptions(const JwtVerifierOptions& options) {
  if (options.issuer.empty() || options.audience.empty()) {
    return status::InvalidArgument("INVALID_CONFIGURATION", "token issuer and audience must be set");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<JwtVerifier>> JwtVerifier::Create(TokenKeySource* keys,
                                                                 SessionRevocations* revocations,
                                                                 JwtVerifierOptions options) {
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  if (keys == nullptr) return status::InvalidArgument("INVALID_CONFIGURATION", "no token key source");
  return std::unique_ptr<JwtVerifier>(new JwtVerifier(keys, revocations, std::move(options)));
}

absl::StatusOr<std::unique_ptr<JwtVerifier>> JwtVerifier::Create(
    const std::map<std::string, std::string>& public_pems, JwtVerifierOptions options) {
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  auto keys = StaticKeySource::Create(public_pems);
  if (!keys.ok()) return keys.status();
  std::unique_ptr<JwtVerifier> v(new JwtVerifier(keys->get(), nullptr, std::move(options)));
  v->owned_keys_ = std::move(*keys);
  return v;
}

absl::StatusOr<std::unique_ptr<JwtVerifier>> JwtVerifier::FromSpec(const std::string& spec,
                                                                   SessionRevocations* revocations,
                                                                   JwtVerifierOptions options) {
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  auto keys = StaticKeySource::FromSpec(spec);
  if (!keys.ok()) return keys.status();
  std::unique_ptr<JwtVerifier> v(new JwtVerifier(keys->get(), revocations, std::move(options)));
  v->owned_keys_ = std::move(*keys);
  return v;
}

absl::StatusOr<UserToken> JwtVerifier::Verify(std::string_view token, absl::Time now) const {
  auto parts = jwt::SplitCompactJws(token);
  if (!parts.ok()) return parts.status();

  // 1. Header: which key, and an algorithm that must match that key.
  const json* header = &parts->header;
  auto alg = header->find("alg");
  if (alg == header->end() || !alg->is_string()) return Malformed("the token header has no alg");
  const std::string alg_name = alg->get<std::string>();
  if (alg_name != "EdDSA" && alg_name != "ES256") {
    return Fail("TOKEN_ALG_NOT_ALLOWED", "only EdDSA and ES256 tokens are accepted");
  }
  if (header->contains("crit")) {
    return Malformed("the token header names critical extensions this gateway does not know");
  }
  auto kid = header->find("kid");
  if (kid == header->end() || !kid->is_string()) return Malformed("the token header has no kid");
  auto found = keys_->Find(kid->get_ref<const std::string&>());
  if (!found.ok()) return found.status();
  const jwt::PublicKey& key = *found->key;
  if (alg_name != jwt::AlgorithmName(key.algorithm)) {
    return Fail("TOKEN_ALG_NOT_ALLOWED", "the token's alg does not match its key");
  }
  if (now + options_.leeway < found->not_before) {
    return Fail("TOKEN_KEY_NOT_YET_VALID", "the token's signing key is not in use yet");
  }
  if (now - options_.leeway > found->not_after) {
    return Fail("TOKEN_KEY_RETIRED", "the token's signing key has been retired");
  }

  // 2. Signature over "header.claims" exactly as sent. Nothing in the claims is read before this.
  if (absl::Status s = jwt::VerifySignature(key, parts->signing_input, parts->signature); !s.ok()) {
    return s;
  }

  // 3. Claims.
  auto claims = jwt::ParseJsonObject(parts->claims_json, "claims");
  if (!claims.ok()) return claims.status();
  auto iss = claims->find("iss");
  if (iss == claims->end() || !iss->is_string() || iss->get<std::string>() != options_.issuer) {
    return Fail("TOKEN_WRONG_ISSUER", "the token was not issued by the configured issuer");
  }
  bool audience_ok = false;
  if (auto aud = claims->find("aud"); aud != claims->end()) {
    if (aud->is_string()) {
      audience_ok = aud->get<std::string>() == options_.audience;
    } else if (aud->is_array()) {
      for (const auto& a : *aud) audience_ok = audience_ok || (a.is_string() && a.get<std::string>() == options_.audience);
    }
  }
  if (!audience_ok) return Fail("TOKEN_WRONG_AUDIENCE", "the token is meant for another audience");

  const double now_s = static_cast<double>(absl::ToUnixMicros(now)) / 1e6;
  const double leeway_s = absl::ToDoubleSeconds(options_.leeway);
  auto exp = NumberClaim(*claims, "exp");
  auto iat = NumberClaim(*claims, "iat");
  if (!exp || !iat) return Fail("TOKEN_CLAIMS_INVALID", "the token lacks a numeric exp or iat");
  if (*exp + leeway_s <= now_s) return Fail("TOKEN_EXPIRED", "the token has expired");
  if (*iat - leeway_s > now_s) return Fail("TOKEN_NOT_YET_VALID", "the token was issued in the future");
  if (claims->contains("nbf")) {
    auto nbf = NumberClaim(*claims, "nbf");
    if (!nbf) return Fail("TOKEN_CLAIMS_INVALID", "the token's nbf is not a number");
    if (*nbf - leeway_s > now_s) return Fail("TOKEN_NOT_YET_VALID", "the token is not valid yet");
  }

  UserToken out;
  auto sub = claims->find("sub");
  if (sub == claims->end() || !sub->is_string() || sub->get<std::string>().empty() ||
      sub->get<std::string>().size() > kMaxSubjectBytes || !IsPrintable(sub->get<std::string>())) {
    return Fail("TOKEN_CLAIMS_INVALID", "the token's sub is missing or malformed");
  }
  out.subject = sub->get<std::string>();
  auto tenant = claims->find("tenant");
  if (tenant == claims->end() || !tenant->is_string() || !IsValidTenantId(tenant->get<std::string>())) {
    return Fail("TOKEN_CLAIMS_INVALID", "the token's tenant is missing or not a NIS code");
  }
  out.tenant_id = tenant->get<std::string>();

  // Only the roles identity hands to people. integrator and platform_admin belong to API
  // clients, service to Meldpunt services: a token claiming them is refused whole.
  static const RoleSet kPersonRoles(common::v1::ROLE_CITIZEN, common::v1::ROLE_WARDEN,
                                    common::v1::ROLE_FRONT_OFFICE, common::v1::ROLE_COORDINATOR,
                                    common::v1::ROLE_DEPARTMENT_AGENT, common::v1::ROLE_ANALYST,
                                    common::v1::ROLE_TENANT_ADMIN);
  auto roles = claims->find("roles");
  if (roles == claims->end() || !roles->is_array() || roles->empty() || roles->size() > 16) {
    return Fail("TOKEN_ROLES_INVALID", "the token's roles must be a non-empty array");
  }
  bool citizen = false;
  for (const auto& r : *roles) {
    if (!r.is_string()) return Fail("TOKEN_ROLES_INVALID", "the token's roles must be names");
    auto role = RoleFromName(r.get<std::string>());
    if (!role || !kPersonRoles.Contains(*role)) {
      return Fail("TOKEN_ROLES_INVALID", "the token carries a role no person may hold");
    }
    citizen = citizen || *role == common::v1::ROLE_CITIZEN;
    bool seen = false;
    for (Role have : out.roles) seen = seen || have == *role;
    if (!seen) out.roles.push_back(*role);
  }
  if (citizen && out.roles.size() > 1) {
    // A citizen's token that also claims a staff role is a bug or a forgery either way.
    return Fail("TOKEN_ROLES_INVALID", "a citizen's token carries no staff roles");
  }
  out.kind = citizen ? common::v1::PRINCIPAL_KIND_CITIZEN : common::v1::PRINCIPAL_KIND_STAFF;
  if (auto acr = claims->find("acr"); acr != claims->end()) {
    // A level identity does not name is a forgery or a version skew; either way it must not
    // pass for some level, so the token is refused rather than read as "none".
    if (acr->is_string() && citizen) out.assurance = auth::AssuranceFromName(acr->get<std::string>());
    if (out.assurance == common::v1::ASSURANCE_LEVEL_UNSPECIFIED) {
      return Fail("TOKEN_CLAIMS_INVALID", "the token's acr is not a citizen's assurance level");
    }
  }
  out.expires_at = absl::FromUnixSeconds(static_cast<int64_t>(std::min(*exp, 4e12)));

  // 4. Revocation, last: only a token that is otherwise good costs a Redis round trip.
  if (auto sid = claims->find("sid"); sid != claims->end()) {
    if (!sid->is_string() || sid->get_ref<const std::string&>().empty() ||
        sid->get_ref<const std::string&>().size() > kMaxSessionIdBytes ||
        !IsPrintable(sid->get<std::string>())) {
      return Fail("TOKEN_CLAIMS_INVALID", "the token's sid is malformed");
    }
    out.session_id = sid->get<std::string>();
    if (revocations_ != nullptr) {
      if (absl::Status s = revocations_->Check(out.session_id); !s.ok()) return s;
    }
  }
  return out;
}

}  // namespace meldpunt::gateway
