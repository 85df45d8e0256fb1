#include "libs/postgres/conninfo.h"

#include <libpq-fe.h>

#include "libs/status/status.h"

namespace meldpunt::pg {

absl::StatusOr<ConnParams> ParseConnInfo(const std::string& dsn) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(dsn.c_str(), &error);
  if (options == nullptr) {
    std::string message = error != nullptr ? error : "out of memory";
    if (error != nullptr) PQfreemem(error);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    return status::Error(absl::StatusCode::kInvalidArgument, "DB_BAD_DSN",
                         "cannot parse PostgreSQL connection string: " + message);
  }
  ConnParams params;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val != nullptr) params[o->keyword] = o->val;
  }
  PQconninfoFree(options);
  return params;
}

std::string FormatConnInfo(const ConnParams& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out += ' ';
    out += key;
    out += "='";
    for (char c : value) {
      if (c == '\\' || c == '\'') out += '\\';
      out += c;
    }
    out += '\'';
  }
  return out;
}

}  // namespace meldpunt::pg
