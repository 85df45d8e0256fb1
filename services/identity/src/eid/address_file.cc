#include "services/identity/src/eid/address_file.h"

#include <optional>

#include "services/identity/src/eid/field_errors.h"
#include "services/identity/src/eid/text_field.h"
#include "services/identity/src/eid/tlv.h"

namespace meldpunt::identity::eid {
namespace {

absl::Status Read(const TlvFields& fields, uint8_t tag, std::string_view name, std::string& out) {
  auto it = fields.find(tag);
  if (it == fields.end()) return FieldMissing(name);
  std::optional<std::string> clean = CleanText(it->second);
  if (!clean) return FieldInvalid(name, "not UTF-8 text");
  out = std::move(*clean);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<AddressData> DecodeAddressFile(std::string_view file) {
  absl::StatusOr<TlvFields> fields = ParseTlv(file);
  if (!fields.ok()) return fields.status();
  AddressData a;
  if (auto s = Read(*fields, kTagStreetAndNumber, "street_and_number", a.street_and_number);
      !s.ok()) {
    return s;
  }
  if (auto s = Read(*fields, kTagPostalCode, "postal_code", a.postal_code); !s.ok()) return s;
  if (auto s = Read(*fields, kTagMunicipality, "municipality", a.municipality); !s.ok()) return s;
  return a;
}

}  // namespace meldpunt::identity::eid
