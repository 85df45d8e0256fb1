#pragma once
// The address file (3F00/DF01/4033): the domicile as the National Register has it.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace meldpunt::identity::eid {

enum AddressTag : uint8_t {
  kTagStreetAndNumber = 1,
  kTagPostalCode = 2,
  kTagMunicipality = 3,
};

struct AddressData {
  std::string street_and_number;  // one field on the card, e.g. "Grote Markt 12 bus 3"
  std::string postal_code;
  std::string municipality;
};

// Decodes an address file (hostile input). All three tags are required; values may be empty
// (a person without a known domicile). INVALID_ARGUMENT with reason EID_FILE_MALFORMED,
// EID_FIELD_MISSING or EID_FIELD_INVALID (metadata "field").
absl::StatusOr<AddressData> DecodeAddressFile(std::string_view file);

}  // namespace meldpunt::identity::eid
