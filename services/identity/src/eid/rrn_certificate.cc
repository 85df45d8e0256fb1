#include "services/identity/src/eid/rrn_certificate.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "services/identity/src/eid/reasons.h"
#include "services/identity/src/eid/tlv.h"

namespace meldpunt::identity::eid {
namespace {

absl::Status Unauthenticated(const char* reason, std::string_view message) {
  return status::Unauthenticated(reason, message);
}

// The value of a name entry as UTF-8, or "" when it cannot be converted.
std::string EntryText(const X509_NAME_ENTRY* entry) {
  unsigned char* utf8 = nullptr;
  const int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry));
  if (len < 0) return "";
  std::string out(reinterpret_cast<const char*>(utf8), static_cast<size_t>(len));
  OPENSSL_free(utf8);
  return out;
}

bool SubjectIsRrn(X509* cert) {
  const X509_NAME* name = X509_get_subject_name(cert);
  if (name == nullptr || X509_NAME_entry_count(name) != 3) return false;
  bool cn = false, o = false, c = false;
  for (int i = 0; i < 3; ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    const int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
    const std::string value = EntryText(e);
    if (nid == NID_commonName && value == "RRN") cn = true;
    if (nid == NID_organizationName && value == "RRN") o = true;
    if (nid == NID_countryName && value == "BE") c = true;
  }
  return cn && o && c;
}

absl::Status CheckKey(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "RSA")) {
    if (EVP_PKEY_get_bits(key) < 2048) {
      return Unauthenticated(kCertKeyUnsupported, "RRN certificate RSA key shorter than 2048 bits");
    }
    return absl::OkStatus();
  }
  if (EVP_PKEY_is_a(key, "EC")) {
    char group[64] = {0};
    size_t group_len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                       &group_len) != 1 ||
        std::string(group, group_len) != "secp384r1") {
      return Unauthenticated(kCertKeyUnsupported, "RRN certificate EC key is not on P-384");
    }
    return absl::OkStatus();
  }
  return Unauthenticated(kCertKeyUnsupported, "RRN certificate key is neither RSA nor EC");
}

}  // namespace

absl::StatusOr<EvpPkeyPtr> CheckRrnCertificate(std::string_view der, const TrustedRoots& roots,
                                               absl::Time now) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert) {
    ERR_clear_error();
    return status::InvalidArgument(kCertMalformed, "RRN certificate is not a DER certificate");
  }
  const size_t used = static_cast<size_t>(p - reinterpret_cast<const unsigned char*>(der.data()));
  if (!TrimTrailingZeros(der.substr(used)).empty()) {
    return status::InvalidArgument(kCertMalformed, "RRN certificate has trailing data");
  }

  X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!ctx || X509_STORE_CTX_init(ctx.get(), roots.store(), cert.get(), nullptr) != 1) {
    return status::Internal("OPENSSL", "could not set up certificate verification");
  }
  X509_STORE_CTX_set_time(ctx.get(), 0, absl::ToTimeT(now));
  const bool chain_ok = X509_verify_cert(ctx.get()) == 1;
  const int error = X509_STORE_CTX_get_error(ctx.get());
  const int depth = X509_STORE_CTX_get_error_depth(ctx.get());
  ERR_clear_error();
  if (!chain_ok) {
    if (depth == 0 && error == X509_V_ERR_CERT_HAS_EXPIRED) {
      return Unauthenticated(kCertExpired, "RRN certificate has expired");
    }
    if (depth == 0 && error == X509_V_ERR_CERT_NOT_YET_VALID) {
      return Unauthenticated(kCertNotYetValid, "RRN certificate is not yet valid");
    }
    return Unauthenticated(kCertUntrusted,
                           absl::StrCat("RRN certificate does not chain to a trusted root: ",
                                        X509_verify_cert_error_string(error)));
  }
  // Leaf and root, nothing between: the RRN certificate is issued by a root directly.
  if (sk_X509_num(X509_STORE_CTX_get0_chain(ctx.get())) != 2) {
    return Unauthenticated(kCertUntrusted, "RRN certificate is not issued directly by a root");
  }
  if (!SubjectIsRrn(cert.get())) {
    return Unauthenticated(kCertSubject, "certificate subject is not CN=RRN, O=RRN, C=BE");
  }
  const uint32_t needed = KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION;
  if ((X509_get_extension_flags(cert.get()) & EXFLAG_KUSAGE) == 0 ||
      (X509_get_key_usage(cert.get()) & needed) != needed) {
    return Unauthenticated(kCertKeyUsage,
                           "RRN certificate key usage lacks digitalSignature or nonRepudiation");
  }
  EvpPkeyPtr key(X509_get_pubkey(cert.get()));
  if (!key) return status::InvalidArgument(kCertMalformed, "RRN certificate public key unreadable");
  if (absl::Status s = CheckKey(key.get()); !s.ok()) return s;
  return key;
}

}  // namespace meldpunt::identity::eid
