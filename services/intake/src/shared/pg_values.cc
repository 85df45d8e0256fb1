#include "services/intake/src/shared/pg_values.h"

#include "absl/strings/str_format.h"

namespace meldpunt::intake {

std::string SqlFromMicros(const std::string& param) {
  return "(timestamptz 'epoch' + " + param + "::bigint * interval '1 microsecond')";
}

std::string ExactDouble(double value) { return absl::StrFormat("%.17g", value); }

}  // namespace meldpunt::intake
