#pragma once
// Verification of a Belgian eID card's files, as the VerifyEid RPC needs it: the RRN certificate
// against the configured roots, both signatures, the photo hash, the national number and its
// agreement with the card, the card's validity, and optionally the card challenge. The RPC maps
// VerifiedCard onto the Citizen message and records the assurance level.

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/identity/src/eid/address_file.h"
#include "services/identity/src/eid/card_files.h"
#include "services/identity/src/eid/identity_file.h"
#include "services/identity/src/eid/national_number.h"
#include "services/identity/src/eid/rrn_signature.h"
#include "services/identity/src/eid/trusted_roots.h"

namespace meldpunt::identity::eid {

// Mirrors meldpunt.common.v1.AssuranceLevel's eID values.
enum class AssuranceLevel {
  kEidData,       // ASSURANCE_LEVEL_EID_DATA: authentic files, card presence not proven
  kEidChallenge,  // ASSURANCE_LEVEL_EID_CHALLENGE: the card's basic key signed the nonce
};

struct VerifiedCard {
  IdentityData identity;
  AddressData address;
  // Checked, and consistent with identity.birth_date and identity.gender. Citizen.national_number
  // is national_number.Formatted(); Citizen.birth_date is identity.birth_date.ToIso() (the card's
  // date, more precise than the number's); Citizen.gender is identity.gender.
  NationalNumber national_number;
  AssuranceLevel assurance_level = AssuranceLevel::kEidData;
  SignatureAlgorithm identity_signature_algorithm = SignatureAlgorithm::kRsaPkcs1Sha256;
  SignatureAlgorithm address_signature_algorithm = SignatureAlgorithm::kRsaPkcs1Sha256;
  bool photo_checked = false;  // a photo was sent and matched tag 17
};

// Interface, so that the RPC's tests can substitute a fake.
class CardVerifier {
 public:
  virtual ~CardVerifier() = default;

  // `challenge` may be null (assurance EID_DATA). `now` is injected: certificate and card
  // validity are judged at that time. Failures carry a reason from reasons.h.
  virtual absl::StatusOr<VerifiedCard> Verify(const CardFiles& files,
                                              const CardChallenge* challenge,
                                              absl::Time now) const = 0;
};

class EidVerifier : public CardVerifier {
 public:
  // `trusted_roots_pem`: the roots an RRN certificate may be issued by (production: the Belgium
  // Root CAs). Fails with EID_TRUST_ROOTS_INVALID on a bad configuration.
  static absl::StatusOr<std::unique_ptr<EidVerifier>> Create(std::string_view trusted_roots_pem);

  absl::StatusOr<VerifiedCard> Verify(const CardFiles& files, const CardChallenge* challenge,
                                      absl::Time now) const override;

 private:
  explicit EidVerifier(std::unique_ptr<TrustedRoots> roots) : roots_(std::move(roots)) {}
  std::unique_ptr<TrustedRoots> roots_;
};

}  // namespace meldpunt::identity::eid
