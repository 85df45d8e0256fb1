#include "services/gateway/src/jwt_verifier.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "services/gateway/src/credentials.h"
#include "services/gateway/src/jws_compact.h"

namespace meldpunt::gateway {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxSubjectBytes = 128;

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct EcdsaSigDeleter {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};

absl::Status Fail(std::string_view reason, std::string_view message) {
  return status::Unauthenticated(reason, message);
}

absl::Status Malformed(std::string_view message) { return Fail("TOKEN_MALFORMED", message); }

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return status::InvalidArgument("KEY_FILE_UNREADABLE", absl::StrCat("cannot read key file ", path));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The raw r||s of JWS ES256 as the DER form OpenSSL verifies.
absl::StatusOr<std::string> Es256ToDer(const std::string& raw) {
  std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return status::Internal("OPENSSL", "cannot build an ECDSA signature");
  }
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return status::Internal("OPENSSL", "cannot encode an ECDSA signature");
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

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

}  // namespace

absl::StatusOr<std::unique_ptr<JwtVerifier>> JwtVerifier::Create(
    const std::map<std::string, std::string>& public_pems, JwtVerifierOptions options) {
  if (public_pems.empty()) {
    return status::InvalidArgument("INVALID_CONFIGURATION", "no token public keys configured");
  }
  if (options.issuer.empty() || options.audience.empty()) {
    return status::InvalidArgument("INVALID_CONFIGURATION", "token issuer and audience must be set");
  }
  std::unique_ptr<JwtVerifier> v(new JwtVerifier(std::move(options)));
  for (const auto& [kid, pem] : public_pems) {
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    auth::EvpPkeyPtr key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key) {
      return status::InvalidArgument("KEY_MALFORMED", absl::StrCat("token key ", kid, ": not a PEM public key"));
    }
    Alg alg;
    if (EVP_PKEY_id(key.get()) == EVP_PKEY_ED25519) {
      alg = Alg::kEdDsa;
    } else if (EVP_PKEY_id(key.get()) == EVP_PKEY_EC) {
      char group[64] = {0};
      size_t len = 0;
      if (EVP_PKEY_get_group_name(key.get(), group, sizeof group, &len) != 1 ||
          std::strcmp(group, "prime256v1") != 0) {
        return status::InvalidArgument("KEY_NOT_SUPPORTED",
                                       absl::StrCat("token key ", kid, ": EC keys must be P-256"));
      }
      alg = Alg::kEs256;
    } else {
      return status::InvalidArgument(
          "KEY_NOT_SUPPORTED", absl::StrCat("token key ", kid, ": must be Ed25519 or EC P-256"));
    }
    v->keys_.emplace(kid, Key{alg, std::move(key)});
  }
  return v;
}

absl::StatusOr<std::unique_ptr<JwtVerifier>> JwtVerifier::FromSpec(const std::string& spec,
                                                                   JwtVerifierOptions options) {
  auto paths = auth::ParseKeySpec(spec);
  if (!paths.ok()) return paths.status();
  std::map<std::string, std::string> pems;
  for (const auto& [kid, path] : *paths) {
    auto pem = ReadFile(path);
    if (!pem.ok()) return pem.status();
    pems.emplace(kid, std::move(*pem));
  }
  return Create(pems, std::move(options));
}

absl::Status JwtVerifier::CheckSignature(const Key& key, std::string_view signing_input,
                                         const std::string& signature) const {
  const absl::Status bad = Fail("TOKEN_BAD_SIGNATURE", "the token's signature does not verify");
  if (signature.size() != 64) return bad;  // both algorithms sign in exactly 64 bytes
  std::string der;
  const std::string* sig = &signature;
  const EVP_MD* md = nullptr;
  if (key.alg == Alg::kEs256) {
    auto converted = Es256ToDer(signature);
    if (!converted.ok()) return converted.status();
    der = std::move(*converted);
    sig = &der;
    md = EVP_sha256();
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key.pkey.get()) != 1) {
    return status::Internal("OPENSSL", "cannot set up token verification");
  }
  if (EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                       reinterpret_cast<const unsigned char*>(signing_input.data()),
                       signing_input.size()) != 1) {
    return bad;
  }
  return absl::OkStatus();
}

absl::StatusOr<UserToken> JwtVerifier::Verify(std::string_view token, absl::Time now) const {
  auto parts = SplitCompactJws(token);
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
  auto key = keys_.find(kid->get<std::string>());
  if (key == keys_.end()) return Fail("TOKEN_UNKNOWN_KEY", "the token is signed with an unknown key");
  const char* key_alg = key->second.alg == Alg::kEdDsa ? "EdDSA" : "ES256";
  if (alg_name != key_alg) {
    return Fail("TOKEN_ALG_NOT_ALLOWED", "the token's alg does not match its key");
  }

  // 2. Signature over "header.claims" exactly as sent. Nothing in the claims is read before this.
  if (absl::Status s = CheckSignature(key->second, parts->signing_input, parts->signature); !s.ok()) {
    return s;
  }

  // 3. Claims.
  auto claims = ParseJsonObject(parts->claims_json, "claims");
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
  out.expires_at = absl::FromUnixSeconds(static_cast<int64_t>(std::min(*exp, 4e12)));
  return out;
}

}  // namespace meldpunt::gateway
