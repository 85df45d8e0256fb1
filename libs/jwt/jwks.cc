// PublicKeysFromJwks (keys.h): JWK Sets, RFC 7517 with the key types of RFC 7518 §6 and RFC 8037.

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <set>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "libs/jwt/jws_compact.h"
#include "libs/jwt/keys.h"
#include "libs/jwt/openssl_util.h"
#include "libs/status/status.h"

namespace meldpunt::jwt {
namespace {

using nlohmann::json;

// A provider publishes a handful of keys; a few kilobytes each at most (RSA 8192).
constexpr std::size_t kMaxJwksBytes = 64 * 1024;
constexpr std::size_t kMaxKeys = 100;
constexpr std::size_t kMaxKeyIdBytes = 256;

struct PkeyCtxDeleter {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct ParamBldDeleter {
  void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamDeleter {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct BnDeleter {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnDeleter>;

absl::Status Malformed(std::string_view kid, std::string_view message) {
  return status::InvalidArgument("JWKS_MALFORMED", absl::StrCat("JWK ", std::string(kid), ": ",
                                                                std::string(message)));
}

// A base64url member of a JWK. Tolerates '=' padding, which some publishers add.
absl::StatusOr<std::string> Member(const json& jwk, const char* name, std::string_view kid) {
  auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) {
    return Malformed(kid, absl::StrCat("member \"", name, "\" missing"));
  }
  std::string_view text = it->get_ref<const std::string&>();
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  auto decoded = Base64UrlDecode(text);
  if (!decoded.ok() || decoded->empty()) {
    return Malformed(kid, absl::StrCat("member \"", name, "\" is not base64url"));
  }
  return decoded;
}

// Builds a public EVP_PKEY of the named type from OSSL parameters.
absl::StatusOr<auth::EvpPkeyPtr> FromParams(const char* type, OSSL_PARAM_BLD* bld,
                                            std::string_view kid) {
  std::unique_ptr<OSSL_PARAM, ParamDeleter> params(OSSL_PARAM_BLD_to_param(bld));
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    ERR_clear_error();
    return Malformed(kid, "not a valid public key");
  }
  auth::EvpPkeyPtr key(raw);
  // For EC this proves the point lies on the curve (an invalid-curve point is an attack).
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> check(EVP_PKEY_CTX_new_from_pkey(nullptr, raw, nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    ERR_clear_error();
    return Malformed(kid, "not a valid public key");
  }
  return key;
}

absl::StatusOr<auth::EvpPkeyPtr> RsaKey(const json& jwk, std::string_view kid) {
  auto n = Member(jwk, "n", kid);
  if (!n.ok()) return n.status();
  auto e = Member(jwk, "e", kid);
  if (!e.ok()) return e.status();
  if (e->size() > 8) return Malformed(kid, "exponent too large");
  BnPtr bn_n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()), static_cast<int>(n->size()), nullptr));
  BnPtr bn_e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()), static_cast<int>(e->size()), nullptr));
  if (!bn_n || !bn_e) return status::Internal("OPENSSL", "cannot build RSA numbers");
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldDeleter> bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return status::Internal("OPENSSL", "cannot build RSA parameters");
  }
  return FromParams("RSA", bld.get(), kid);
}

absl::StatusOr<auth::EvpPkeyPtr> P256Key(const json& jwk, std::string_view kid) {
  auto x = Member(jwk, "x", kid);
  if (!x.ok()) return x.status();
  auto y = Member(jwk, "y", kid);
  if (!y.ok()) return y.status();
  // RFC 7518 §6.2.1.2: each coordinate is exactly the size of the field, 32 bytes for P-256.
  if (x->size() != 32 || y->size() != 32) return Malformed(kid, "P-256 coordinates have 32 bytes");
  const std::string point = "\x04" + *x + *y;  // uncompressed SEC1 point
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldDeleter> bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return status::Internal("OPENSSL", "cannot build EC parameters");
  }
  return FromParams("EC", bld.get(), kid);
}

absl::StatusOr<auth::EvpPkeyPtr> Ed25519Key(const json& jwk, std::string_view kid) {
  auto x = Member(jwk, "x", kid);
  if (!x.ok()) return x.status();
  if (x->size() != 32) return Malformed(kid, "an Ed25519 key has 32 bytes");
  auth::EvpPkeyPtr key(EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(x->data()), x->size()));
  if (!key) {
    ERR_clear_error();
    return Malformed(kid, "not a valid Ed25519 key");
  }
  return key;
}

std::string StringMember(const json& jwk, const char* name) {
  auto it = jwk.find(name);
  return it != jwk.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Whether the JWK is meant for verifying signatures at all (RFC 7517 §4.2, §4.3).
bool MeantForSignatures(const json& jwk) {
  if (auto use = jwk.find("use"); use != jwk.end() && (!use->is_string() || *use != "sig")) {
    return false;
  }
  if (auto ops = jwk.find("key_ops"); ops != jwk.end()) {
    if (!ops->is_array()) return false;
    bool verify = false;
    for (const auto& op : *ops) verify = verify || (op.is_string() && op == "verify");
    return verify;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::vector<PublicKey>> PublicKeysFromJwks(std::string_view jwks_json) {
  if (jwks_json.size() > kMaxJwksBytes) {
    return status::InvalidArgument("JWKS_TOO_LARGE", "a JWK Set is at most 64 KiB");
  }
  json set = json::parse(jwks_json.begin(), jwks_json.end(), nullptr, /*allow_exceptions=*/false);
  if (set.is_discarded() || !set.is_object()) {
    return status::InvalidArgument("JWKS_MALFORMED", "a JWK Set is a JSON object");
  }
  auto keys = set.find("keys");
  if (keys == set.end() || !keys->is_array()) {
    return status::InvalidArgument("JWKS_MALFORMED", "a JWK Set has a \"keys\" array");
  }
  if (keys->size() > kMaxKeys) {
    return status::InvalidArgument("JWKS_TOO_LARGE", "a JWK Set holds at most 100 keys");
  }

  std::vector<PublicKey> out;
  std::set<std::string> seen;
  for (const json& jwk : *keys) {
    if (!jwk.is_object()) return status::InvalidArgument("JWKS_MALFORMED", "a JWK is a JSON object");
    if (!MeantForSignatures(jwk)) continue;
    const std::string kty = StringMember(jwk, "kty");
    const std::string crv = StringMember(jwk, "crv");
    Algorithm algorithm;
    if (kty == "RSA") {
      algorithm = Algorithm::kRs256;
    } else if (kty == "EC" && crv == "P-256") {
      algorithm = Algorithm::kEs256;
    } else if (kty == "OKP" && crv == "Ed25519") {
      algorithm = Algorithm::kEdDsa;
    } else {
      continue;  // a type or curve this library does not verify with
    }
    // An "alg" pins the key to one algorithm; an RSA key for PS256 is not one for RS256.
    if (jwk.contains("alg") && StringMember(jwk, "alg") != AlgorithmName(algorithm)) continue;

    std::string kid = StringMember(jwk, "kid");
    if (kid.empty() || kid.size() > kMaxKeyIdBytes) {
      return status::InvalidArgument("JWKS_MALFORMED", "every signing JWK needs a kid");
    }
    absl::StatusOr<auth::EvpPkeyPtr> pkey = algorithm == Algorithm::kRs256   ? RsaKey(jwk, kid)
                                            : algorithm == Algorithm::kEs256 ? P256Key(jwk, kid)
                                                                             : Ed25519Key(jwk, kid);
    if (!pkey.ok()) return pkey.status();
    auto implied = internal::ImpliedAlgorithm(pkey->get());
    if (!implied.ok()) return status::Annotate(implied.status(), absl::StrCat("JWK ", kid));
    if (!seen.insert(kid).second) {
      return status::InvalidArgument("JWKS_MALFORMED", absl::StrCat("kid ", kid, " appears twice"));
    }
    out.push_back(PublicKey{std::move(kid), *implied, std::move(*pkey)});
  }
  if (out.empty()) {
    return status::InvalidArgument("JWKS_NO_USABLE_KEY", "the JWK Set has no key to verify with");
  }
  return out;
}

}  // namespace meldpunt::jwt
