#include "libs/jwt/openssl_util.h"

#include <openssl/bn.h>
#include <openssl/ecdsa.h>

#include <cstring>

#include "libs/status/status.h"

namespace meldpunt::jwt::internal {
namespace {

struct EcdsaSigDeleter {
  void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};

// RSA keys below 2048 bits are breakable; above 8192 they only make verification a denial of
// service.
constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 8192;
constexpr std::size_t kEs256CoordinateBytes = 32;

}  // namespace

BioPtr MemoryBio(std::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  if (data == nullptr || len <= 0) return "";
  return std::string(data, static_cast<std::size_t>(len));
}

absl::StatusOr<Algorithm> ImpliedAlgorithm(const EVP_PKEY* key) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_ED25519:
      return Algorithm::kEdDsa;
    case EVP_PKEY_EC: {
      char group[64] = {0};
      std::size_t len = 0;
      if (EVP_PKEY_get_group_name(key, group, sizeof group, &len) != 1 ||
          std::strcmp(group, "prime256v1") != 0) {
        return status::InvalidArgument("KEY_NOT_SUPPORTED", "EC keys must be on curve P-256");
      }
      return Algorithm::kEs256;
    }
    case EVP_PKEY_RSA: {
      const int bits = EVP_PKEY_get_bits(key);
      if (bits < kMinRsaBits || bits > kMaxRsaBits) {
        return status::InvalidArgument("KEY_NOT_SUPPORTED", "RSA keys must have 2048 to 8192 bits");
      }
      return Algorithm::kRs256;
    }
    default:
      return status::InvalidArgument("KEY_NOT_SUPPORTED", "keys must be Ed25519, EC P-256 or RSA");
  }
}

absl::StatusOr<std::string> RawEcdsaToDer(std::string_view raw) {
  if (raw.size() != 2 * kEs256CoordinateBytes) {
    return status::InvalidArgument("SIGNATURE_MALFORMED", "an ES256 signature has 64 bytes");
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(bytes, kEs256CoordinateBytes, nullptr);
  BIGNUM* s = BN_bin2bn(bytes + kEs256CoordinateBytes, kEs256CoordinateBytes, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return status::Internal("OPENSSL", "cannot build an ECDSA signature");
  }
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return status::Internal("OPENSSL", "cannot encode an ECDSA signature");
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

absl::StatusOr<std::string> DerEcdsaToRaw(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter> sig(
      d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) return status::Internal("OPENSSL", "cannot decode an ECDSA signature");
  std::string raw(2 * kEs256CoordinateBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, kEs256CoordinateBytes) < 0 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + kEs256CoordinateBytes,
                   kEs256CoordinateBytes) < 0) {
    return status::Internal("OPENSSL", "an ECDSA signature does not fit P-256");
  }
  return raw;
}

}  // namespace meldpunt::jwt::internal
