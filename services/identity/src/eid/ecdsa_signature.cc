#include "services/identity/src/eid/ecdsa_signature.h"

#include <openssl/ecdsa.h>

#include <cstdint>

#include "services/identity/src/eid/openssl_ptr.h"

namespace meldpunt::identity::eid {

std::optional<size_t> DerSequenceLength(std::string_view data) {
  if (data.size() < 2 || static_cast<uint8_t>(data[0]) != 0x30) return std::nullopt;
  const auto first = static_cast<uint8_t>(data[1]);
  size_t header = 2;
  size_t length = 0;
  if (first < 0x80) {
    length = first;
  } else {
    const size_t count = first & 0x7F;
    // Two length bytes reach 64 KiB, far past any signature or key file we accept.
    if (count == 0 || count > 2 || data.size() < 2 + count) return std::nullopt;
    for (size_t i = 0; i < count; ++i) length = (length << 8) | static_cast<uint8_t>(data[2 + i]);
    header += count;
  }
  if (length > data.size() - header) return std::nullopt;
  return header + length;
}

std::optional<std::string_view> TrimDerSignature(std::string_view signature) {
  std::optional<size_t> length = DerSequenceLength(signature);
  if (!length) return std::nullopt;
  return signature.substr(0, *length);
}

std::optional<std::string> RawEcdsaToDer(std::string_view raw, size_t component_size) {
  if (component_size == 0 || raw.size() != 2 * component_size) return std::nullopt;
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  BignumPtr r(BN_bin2bn(bytes, static_cast<int>(component_size), nullptr));
  BignumPtr s(BN_bin2bn(bytes + component_size, static_cast<int>(component_size), nullptr));
  EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return std::nullopt;
  r.release();  // owned by sig now
  s.release();
  const int len = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (len <= 0) return std::nullopt;
  std::string der(static_cast<size_t>(len), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_ECDSA_SIG(sig.get(), &out) != len) return std::nullopt;
  return der;
}

}  // namespace meldpunt::identity::eid
