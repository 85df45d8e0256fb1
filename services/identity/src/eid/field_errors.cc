#include "services/identity/src/eid/field_errors.h"

#include <string>

#include "libs/status/status.h"
#include "services/identity/src/eid/reasons.h"

namespace meldpunt::identity::eid {

absl::Status FieldMissing(std::string_view field) {
  return status::Error(absl::StatusCode::kInvalidArgument, kFieldMissing,
                       std::string(field) + " is missing", {}, {{"field", std::string(field)}});
}

absl::Status FieldInvalid(std::string_view field, std::string_view why) {
  return status::Error(absl::StatusCode::kInvalidArgument, kFieldInvalid,
                       std::string(field) + ": " + std::string(why), {},
                       {{"field", std::string(field)}});
}

}  // namespace meldpunt::identity::eid
