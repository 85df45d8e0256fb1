#pragma once
// Test cards made at test time from self-made roots: nothing is downloaded and no real card data
// is used. One trusted RSA-2048 root and one trusted EC P-384 root each issue an RRN certificate;
// a foreign root with the same name as the RSA root issues nothing we trust. Cards of both
// generations are signed like the real ones (docs/eid.md): RSA PKCS#1 v1.5 with SHA-256 or SHA-1,
// or ECDSA P-384/SHA-384 with the DER signature padded.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "services/identity/src/eid/card_files.h"
#include "services/identity/src/eid/openssl_ptr.h"

namespace meldpunt::identity::eid::testing {

enum class CardKind { kRsaSha256, kRsaSha1, kEcP384 };

enum class CertProblem {
  kNone,
  kForeignRoot,       // issued by a root that is not trusted (same name as the trusted one)
  kExpired,           // valid 2015–2025-01-01, before TestNow()
  kNotYetValid,       // valid from 2026
  kWrongSubject,      // CN=Citizen CA instead of RRN
  kNoNonRepudiation,  // key usage digitalSignature only
};

// Which hash the address signature uses on RSA cards (an address change may re-sign with the
// other one).
enum class AddressHash { kSameAsIdentity, kSha1, kSha256 };

// 2025-06-01 12:00 UTC: every test judges validity at this time.
absl::Time TestNow();

// The two trusted test roots as one PEM bundle, the root of one card generation alone (which
// spares EC tests the RSA key generation), and the foreign root alone.
std::string TrustedRootsPem();
std::string TrustedRootPem(CardKind kind);
std::string ForeignRootPem();

using Fields = std::map<uint8_t, std::string>;

// A Belgian identity card of a man born 30 July 1985 (national number 85.07.30-033.28), valid
// 2020-02-01 to 2030-02-01; tags 17 (photo hash) and 26 (basic key hash) are added by MakeCard.
Fields DefaultIdentityFields();
// Grote Markt 12 bus 3, 3800 Sint-Truiden.
Fields DefaultAddressFields();
// JPEG-shaped bytes (SOI, JFIF header, a little data, EOI); `variant` changes the content.
std::string TestPhoto(char variant = 'A');

// TLV encoding as on the card: optional version field (tag 0) first, fields in tag order, lengths
// in the 7-bit form, then `padding` 0x00 bytes.
std::string EncodeTlv(const Fields& fields, bool with_version = true, size_t padding = 0);

struct CardSpec {
  CardKind kind = CardKind::kRsaSha256;
  CertProblem cert = CertProblem::kNone;
  AddressHash address_hash = AddressHash::kSameAsIdentity;
  Fields identity = DefaultIdentityFields();
  Fields address = DefaultAddressFields();
  std::string photo = TestPhoto();
  bool basic_key = false;          // give the card a basic key (tag 26); EC cards only
  size_t identity_padding = 0;     // 0x00 bytes after the identity file, signed with it
  size_t address_padding = 16;     // 0x00 bytes after the address file (not signed)
};

struct TestCard {
  CardFiles files;
  std::shared_ptr<EVP_PKEY> basic_key;  // set when CardSpec::basic_key
  std::string basic_key_file;           // DER SubjectPublicKeyInfo of the basic key

  // The card's answer to a challenge: ECDSA P-384/SHA-384 over `nonce`, DER or raw r‖s.
  CardChallenge SignChallenge(std::string_view nonce, bool raw = false) const;
};

TestCard MakeCard(const CardSpec& spec = {});

}  // namespace meldpunt::identity::eid::testing
