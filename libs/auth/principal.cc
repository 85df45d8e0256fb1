#include "libs/auth/principal.h"

#include <algorithm>

#include <openssl/pem.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "libs/files/read_file.h"
#include "libs/status/status.h"
#include "meldpunt/common/v1/principal.pb.h"

namespace meldpunt::auth {
namespace {

// A principal on the wire is a few hundred bytes; anything far larger is not one of ours.
constexpr std::size_t kMaxSignedPrincipalBytes = 8 * 1024;

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

absl::Status Unauthenticated(std::string_view reason, std::string_view message) {
  return status::Unauthenticated(reason, message);
}

absl::StatusOr<EvpPkeyPtr> ParsePem(std::string_view pem, bool is_private) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return status::Internal("OPENSSL", "BIO_new_mem_buf failed");
  EVP_PKEY* raw = is_private ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                             : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  EvpPkeyPtr key(raw);
  if (!key) {
    return status::InvalidArgument("KEY_MALFORMED",
                                   is_private ? "not a PEM private key" : "not a PEM public key");
  }
  if (EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519) {
    return status::InvalidArgument("KEY_NOT_ED25519", "principal keys must be Ed25519");
  }
  return key;
}

}  // namespace

absl::StatusOr<std::map<std::string, std::string>> ParseKeySpec(const std::string& spec) {
  std::map<std::string, std::string> out;
  for (absl::string_view entry : absl::StrSplit(spec, ',', absl::SkipWhitespace())) {
    entry = absl::StripAsciiWhitespace(entry);
    auto colon = entry.find(':');
    if (colon == absl::string_view::npos || colon == 0 || colon + 1 == entry.size()) {
      return status::InvalidArgument(
          "INVALID_CONFIGURATION",
          absl::StrCat("key entry \"", entry, "\" is not of the form key-id:/path/to/key.pem"));
    }
    std::string kid(entry.substr(0, colon));
    if (!out.emplace(kid, std::string(entry.substr(colon + 1))).second) {
      return status::InvalidArgument("INVALID_CONFIGURATION", absl::StrCat("key id ", kid, " given twice"));
    }
  }
  if (out.empty()) return status::InvalidArgument("INVALID_CONFIGURATION", "no keys given");
  return out;
}

absl::StatusOr<std::unique_ptr<PrincipalSigner>> PrincipalSigner::Create(
    std::string key_id, std::string_view private_pem) {
  if (key_id.empty()) return status::InvalidArgument("INVALID_CONFIGURATION", "empty key id");
  auto key = ParsePem(private_pem, /*is_private=*/true);
  if (!key.ok()) return key.status();
  return std::unique_ptr<PrincipalSigner>(new PrincipalSigner(std::move(key_id), std::move(*key)));
}

absl::StatusOr<std::unique_ptr<PrincipalSigner>> PrincipalSigner::FromFile(std::string key_id,
                                                                           const std::string& path) {
  auto pem = ReadKeyFile(path);
  if (!pem.ok()) return pem.status();
  auto signer = Create(std::move(key_id), *pem);
  if (!signer.ok()) {
    return status::Annotate(signer.status(), path);
  }
  return signer;
}

absl::StatusOr<std::string> PrincipalSigner::Sign(const Principal& principal) const {
  meldpunt::common::v1::SignedPrincipal signed_principal;
  if (!principal.SerializeToString(signed_principal.mutable_principal())) {
    return status::Internal("PRINCIPAL_SERIALIZE", "cannot serialize principal");
  }
  signed_principal.set_key_id(key_id_);
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  size_t sig_len = 0;
  const auto* msg = reinterpret_cast<const unsigned char*>(signed_principal.principal().data());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &sig_len, msg, signed_principal.principal().size()) != 1) {
    return status::Internal("PRINCIPAL_SIGN", "Ed25519 signing failed");
  }
  std::string sig(sig_len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &sig_len, msg,
                     signed_principal.principal().size()) != 1) {
    return status::Internal("PRINCIPAL_SIGN", "Ed25519 signing failed");
  }
  sig.resize(sig_len);
  signed_principal.set_signature(std::move(sig));
  return signed_principal.SerializeAsString();
}

std::string KeyOwner(std::string_view key_id) {
  const auto at = key_id.rfind('@');
  if (at == std::string_view::npos || at + 1 == key_id.size()) return kGatewayIssuer;
  return std::string(key_id.substr(at + 1));
}

absl::StatusOr<std::unique_ptr<PrincipalVerifier>> PrincipalVerifier::Create(
    const std::map<std::string, std::string>& public_pems, VerifierOptions options) {
  if (public_pems.empty()) {
    return status::InvalidArgument("INVALID_CONFIGURATION", "no principal public keys configured");
  }
  std::unique_ptr<PrincipalVerifier> verifier(new PrincipalVerifier());
  verifier->options_ = std::move(options);
  for (const auto& [kid, pem] : public_pems) {
    auto key = ParsePem(pem, /*is_private=*/false);
    if (!key.ok()) {
      return status::Annotate(key.status(), absl::StrCat("key ", kid));
    }
    verifier->keys_.emplace(kid, std::move(*key));
  }
  return verifier;
}

absl::StatusOr<std::unique_ptr<PrincipalVerifier>> PrincipalVerifier::FromSpec(
    const std::string& spec, VerifierOptions options) {
  auto paths = ParseKeySpec(spec);
  if (!paths.ok()) return paths.status();
  std::map<std::string, std::string> pems;
  for (const auto& [kid, path] : *paths) {
    auto pem = ReadKeyFile(path);
    if (!pem.ok()) return pem.status();
    pems.emplace(kid, std::move(*pem));
  }
  return Create(pems, std::move(options));
}

absl::StatusOr<Principal> PrincipalVerifier::Verify(std::string_view wire, absl::Time now) const {
  if (wire.empty()) return Unauthenticated("PRINCIPAL_MISSING", "no principal on the call");
  meldpunt::common::v1::SignedPrincipal signed_principal;
  if (wire.size() > kMaxSignedPrincipalBytes ||
      !signed_principal.ParseFromArray(wire.data(), static_cast<int>(wire.size()))) {
    return Unauthenticated("PRINCIPAL_MALFORMED", "the principal cannot be read");
  }
  auto key = keys_.find(signed_principal.key_id());
  if (key == keys_.end()) {
    return Unauthenticated("PRINCIPAL_UNKNOWN_KEY", "the principal is signed with an unknown key");
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  const auto& msg = signed_principal.principal();
  const auto& sig = signed_principal.signature();
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key->second.get()) != 1 ||
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                       reinterpret_cast<const unsigned char*>(msg.data()), msg.size()) != 1) {
    return Unauthenticated("PRINCIPAL_BAD_SIGNATURE", "the principal's signature does not verify");
  }
  Principal principal;
  if (!principal.ParseFromString(msg)) {
    return Unauthenticated("PRINCIPAL_MALFORMED", "the signed principal cannot be read");
  }
  if (principal.tenant_id().empty() || principal.subject().empty() || principal.roles().empty() ||
      !principal.has_expires_at()) {
    return Unauthenticated("PRINCIPAL_INCOMPLETE", "the principal lacks tenant, subject, roles or expiry");
  }
  absl::Time expires = absl::FromUnixSeconds(principal.expires_at().seconds()) +
                       absl::Nanoseconds(principal.expires_at().nanos());
  if (expires <= now) return Unauthenticated("PRINCIPAL_EXPIRED", "the principal has expired");
  if (expires > now + options_.max_lifetime) {
    return Unauthenticated("PRINCIPAL_LIFETIME_TOO_LONG",
                           "the principal claims to be valid for longer than a principal may be");
  }
  const std::string owner = KeyOwner(signed_principal.key_id());
  const bool for_itself = principal.kind() == common::v1::PRINCIPAL_KIND_SERVICE ||
                          std::find(principal.roles().begin(), principal.roles().end(),
                                    common::v1::ROLE_SERVICE) != principal.roles().end();
  if (principal.issuer() != owner || (for_itself ? principal.subject() != owner
                                                 : owner != kGatewayIssuer)) {
    return Unauthenticated("PRINCIPAL_ISSUER_MISMATCH",
                           "the principal's signer may not vouch for this caller");
  }
  if (!options_.audience.empty() && principal.audience() != options_.audience) {
    return Unauthenticated("PRINCIPAL_WRONG_AUDIENCE", "the principal is meant for another service");
  }
  return principal;
}

absl::StatusOr<std::string> ReadKeyFile(const std::string& path) {
  auto pem = files::ReadFile(path, 1 << 20);
  if (!pem.ok()) return status::InvalidArgument("KEY_FILE_UNREADABLE", std::string(pem.status().message()));
  return pem;
}

}  // namespace meldpunt::auth
