#include "libs/postgres/sql_params.h"

#include "absl/strings/str_format.h"

namespace meldpunt::pg {

std::string TextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string ExactDouble(double value) { return absl::StrFormat("%.17g", value); }

std::string SqlFromMicros(const std::string& param) {
  return "(timestamptz 'epoch' + " + param + "::bigint * interval '1 microsecond')";
}

}  // namespace meldpunt::pg
