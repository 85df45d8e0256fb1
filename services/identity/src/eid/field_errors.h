#pragma once
// Errors of the file decoders, naming the field but never its value.

#include <string_view>

#include "absl/status/status.h"

namespace meldpunt::identity::eid {

absl::Status FieldMissing(std::string_view field);
absl::Status FieldInvalid(std::string_view field, std::string_view why);

}  // namespace meldpunt::identity::eid
