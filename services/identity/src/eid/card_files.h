#pragma once
// What the app sends: the card's files as the official middleware read them (mirrors
// meldpunt.identity.v1.EidCardFiles and EidCardChallenge, without depending on the protos).

#include <cstddef>
#include <string>

namespace meldpunt::identity::eid {

struct CardFiles {
  std::string identity_file;       // 3F00/DF01/4031, TLV
  std::string identity_signature;  // 4032
  std::string address_file;        // 4033, TLV
  std::string address_signature;   // 4034
  std::string rrn_certificate;     // 3F00/DF00/503C, DER
  std::string photo;               // 4035, JPEG; empty when not sent
};

struct CardChallenge {
  std::string nonce;                  // 32–64 bytes
  std::string basic_public_key_file;  // 3F00/DF01/4040
  std::string signature;              // ECDSA P-384 / SHA-384 over nonce: DER or raw r‖s
};

// Size limits promised in eid.proto; larger input answers EID_FILE_TOO_LARGE.
inline constexpr size_t kMaxCardFileSize = 4 * 1024;
inline constexpr size_t kMaxCertificateSize = 8 * 1024;
inline constexpr size_t kMaxPhotoSize = 64 * 1024;
inline constexpr size_t kMinNonceSize = 32;
inline constexpr size_t kMaxNonceSize = 64;

}  // namespace meldpunt::identity::eid
