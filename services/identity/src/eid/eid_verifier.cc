#include "services/identity/src/eid/eid_verifier.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "libs/status/status.h"
#include "services/identity/src/eid/card_challenge.h"
#include "services/identity/src/eid/digest.h"
#include "services/identity/src/eid/reasons.h"
#include "services/identity/src/eid/rrn_certificate.h"
#include "services/identity/src/eid/tlv.h"

namespace meldpunt::identity::eid {
namespace {

absl::Status CheckFile(std::string_view name, const std::string& content, size_t max,
                       bool required) {
  if (required && content.empty()) {
    return status::Error(absl::StatusCode::kInvalidArgument, kFileMissing,
                         absl::StrCat(absl::string_view(name.data(), name.size()), " is missing"),
                         {}, {{"file", std::string(name)}});
  }
  if (content.size() > max) {
    return status::Error(absl::StatusCode::kInvalidArgument, kFileTooLarge,
                         absl::StrCat(absl::string_view(name.data(), name.size()), " is ",
                                      content.size(), " bytes; at most ", max, " accepted"),
                         {}, {{"file", std::string(name)}});
  }
  return absl::OkStatus();
}

absl::Status CheckFiles(const CardFiles& f) {
  for (absl::Status s : {
           CheckFile("identity_file", f.identity_file, kMaxCardFileSize, true),
           CheckFile("identity_signature", f.identity_signature, kMaxCardFileSize, true),
           CheckFile("address_file", f.address_file, kMaxCardFileSize, true),
           CheckFile("address_signature", f.address_signature, kMaxCardFileSize, true),
           CheckFile("rrn_certificate", f.rrn_certificate, kMaxCertificateSize, true),
           CheckFile("photo", f.photo, kMaxPhotoSize, false),
       }) {
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

struct Verified {
  std::string_view bytes;  // the exact bytes the signature covers
  SignatureAlgorithm algorithm;
};

// The identity file is signed as read from the card. It is tried as sent and, should the app
// have added padding, without trailing zeros: either way only signed bytes are decoded.
std::optional<Verified> VerifyIdentity(EVP_PKEY* key, const CardFiles& f) {
  const std::string_view sent = f.identity_file;
  if (auto alg = VerifyRrnSignature(key, sent, f.identity_signature)) return Verified{sent, *alg};
  const std::string_view trimmed = TrimTrailingZeros(sent);
  if (trimmed.size() != sent.size()) {
    if (auto alg = VerifyRrnSignature(key, trimmed, f.identity_signature)) {
      return Verified{trimmed, *alg};
    }
  }
  return std::nullopt;
}

// The address signature covers the address file without trailing zeros followed by the identity
// signature, which binds the address to this card's identity file. Our sources do not say
// whether a padded EC identity signature enters as stored or cut to its DER length, so both are
// tried; each still proves the binding.
std::optional<Verified> VerifyAddress(EVP_PKEY* key, const CardFiles& f) {
  const std::string_view address = TrimTrailingZeros(f.address_file);
  std::string message = absl::StrCat(absl::string_view(address.data(), address.size()),
                                     f.identity_signature);
  if (auto alg = VerifyRrnSignature(key, message, f.address_signature)) {
    return Verified{address, *alg};
  }
  std::optional<std::string_view> core = SignatureCore(key, f.identity_signature);
  if (core && core->size() != f.identity_signature.size()) {
    message = absl::StrCat(absl::string_view(address.data(), address.size()),
                           absl::string_view(core->data(), core->size()));
    if (auto alg = VerifyRrnSignature(key, message, f.address_signature)) {
      return Verified{address, *alg};
    }
  }
  return std::nullopt;
}

}  // namespace

absl::StatusOr<std::unique_ptr<EidVerifier>> EidVerifier::Create(
    std::string_view trusted_roots_pem) {
  absl::StatusOr<std::unique_ptr<TrustedRoots>> roots = TrustedRoots::FromPem(trusted_roots_pem);
  if (!roots.ok()) return roots.status();
  return std::unique_ptr<EidVerifier>(new EidVerifier(std::move(*roots)));
}

absl::StatusOr<VerifiedCard> EidVerifier::Verify(const CardFiles& files,
                                                 const CardChallenge* challenge,
                                                 absl::Time now) const {
  if (absl::Status s = CheckFiles(files); !s.ok()) return s;

  absl::StatusOr<EvpPkeyPtr> key = CheckRrnCertificate(files.rrn_certificate, *roots_, now);
  if (!key.ok()) return key.status();

  std::optional<Verified> identity = VerifyIdentity(key->get(), files);
  if (!identity) {
    return status::Unauthenticated(kIdentitySignatureInvalid,
                                   "the identity file's signature does not verify");
  }
  std::optional<Verified> address = VerifyAddress(key->get(), files);
  if (!address) {
    return status::Unauthenticated(
        kAddressSignatureInvalid,
        "the address file's signature does not verify with this card's identity signature");
  }

  VerifiedCard card;
  card.identity_signature_algorithm = identity->algorithm;
  card.address_signature_algorithm = address->algorithm;
  absl::StatusOr<IdentityData> id = DecodeIdentityFile(identity->bytes);
  if (!id.ok()) return status::Annotate(id.status(), "identity file");
  card.identity = std::move(*id);
  absl::StatusOr<AddressData> addr = DecodeAddressFile(address->bytes);
  if (!addr.ok()) return status::Annotate(addr.status(), "address file");
  card.address = std::move(*addr);

  if (!files.photo.empty()) {
    if (!HashMatches(card.identity.photo_hash, files.photo)) {
      return status::Unauthenticated(kPhotoMismatch,
                                     "the photo does not match the identity file's photo hash");
    }
    card.photo_checked = true;
  }

  absl::StatusOr<NationalNumber> number = ParseNationalNumber(card.identity.national_number);
  if (!number.ok()) {
    return status::Unauthenticated(kNationalNumberInvalid, std::string(number.status().message()));
  }
  card.national_number = std::move(*number);
  if (absl::Status s =
          CheckConsistency(card.national_number, card.identity.birth_date, card.identity.gender);
      !s.ok()) {
    return s;
  }

  // The card is valid through its end date. Judged in UTC: at worst a card is accepted for the
  // first hour or two of the day after it expired, Belgian time.
  if (absl::ToCivilDay(now, absl::UTCTimeZone()) > card.identity.validity_end) {
    return status::Unauthenticated(kCardExpired, "the card's validity has ended");
  }

  if (challenge != nullptr) {
    if (absl::Status s = VerifyCardChallenge(*challenge, card.identity.basic_key_hash); !s.ok()) {
      return s;
    }
    card.assurance_level = AssuranceLevel::kEidChallenge;
  }
  return card;
}

}  // namespace meldpunt::identity::eid
