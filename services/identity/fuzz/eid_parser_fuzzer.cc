// libFuzzer target for everything in the eID code that reads unauthenticated bytes: the TLV
// parser, the identity and address decoders, the date, national number, card number and street
// parsers, and the ECDSA signature encodings. Each input goes through all of them. Build and run:
// see services/identity/README.md.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "services/identity/src/eid/address_file.h"
#include "services/identity/src/eid/card_dates.h"
#include "services/identity/src/eid/card_number.h"
#include "services/identity/src/eid/ecdsa_signature.h"
#include "services/identity/src/eid/identity_file.h"
#include "services/identity/src/eid/national_number.h"
#include "services/identity/src/eid/street_address.h"
#include "services/identity/src/eid/text_field.h"
#include "services/identity/src/eid/tlv.h"

namespace eid = meldpunt::identity::eid;

namespace {

// Invariants whose breach is a bug even without a memory error.
void Require(bool condition) {
  if (!condition) std::abort();
}

void CheckTlv(std::string_view data) {
  auto fields = eid::ParseTlv(data);
  if (!fields.ok()) {
    Require(fields.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  size_t total = 0;
  for (const auto& [tag, value] : *fields) {
    Require(tag != 0);
    total += value.size();
  }
  Require(fields->size() <= eid::kMaxTlvFields);
  Require(total <= data.size());
  Require(eid::TrimTrailingZeros(data).size() <= data.size());
}

void CheckIdentity(std::string_view data) {
  auto id = eid::DecodeIdentityFile(data);
  if (!id.ok()) {
    Require(id.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  Require(eid::IsValidCardNumber(id->card_number));
  Require(eid::IsPlausible(id->birth_date) && id->birth_date.year != 0);
  Require(id->validity_begin <= id->validity_end);
  Require(eid::IsValidUtf8(id->surname) && eid::IsValidUtf8(id->first_names));
  Require(id->photo_hash.empty() || id->photo_hash.size() == 20 || id->photo_hash.size() == 32 ||
          id->photo_hash.size() == 48);
  auto number = eid::ParseNationalNumber(id->national_number);
  if (number.ok()) {
    (void)eid::CheckConsistency(*number, id->birth_date, id->gender);
  }
}

void CheckAddress(std::string_view data) {
  auto address = eid::DecodeAddressFile(data);
  if (!address.ok()) {
    Require(address.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  eid::StreetParts parts = eid::SplitStreetAndNumber(address->street_and_number);
  Require(parts.street.size() <= address->street_and_number.size());
  Require(eid::IsValidUtf8(address->municipality));
}

void CheckText(std::string_view data) {
  if (data.size() > 256) return;  // the parsers below read short card values
  if (auto date = eid::ParseBirthDate(data)) {
    Require(eid::IsPlausible(*date));
    Require(!date->ToIso().empty());
  }
  if (auto day = eid::ParseValidityDate(data)) Require(day->year() >= eid::kMinCardYear);
  auto number = eid::ParseNationalNumber(data);
  if (number.ok()) {
    Require(number->digits.size() == 11);
    Require(eid::IsPlausible(number->birth_date));
    Require(number->Formatted().size() == 15);
  }
  (void)eid::IsValidCardNumber(data);
  (void)eid::SplitStreetAndNumber(data);
  if (auto clean = eid::CleanText(data)) Require(eid::IsValidUtf8(*clean));
}

void CheckEcdsa(std::string_view data) {
  if (auto length = eid::DerSequenceLength(data)) Require(*length <= data.size());
  if (auto der = eid::TrimDerSignature(data)) Require(data.substr(0, der->size()) == *der);
  if (auto der = eid::RawEcdsaToDer(data, 48)) {
    Require(eid::DerSequenceLength(*der) == der->size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string_view data(reinterpret_cast<const char*>(bytes), size);
  CheckTlv(data);
  CheckIdentity(data);
  CheckAddress(data);
  CheckText(data);
  CheckEcdsa(data);
  return 0;
}
