#pragma once
// libpq connection strings come as "key=value ..." or as postgresql:// URIs. To add our own
// settings (application_name, timeouts) or swap the database name we parse with libpq itself
// and render a keyword string again, instead of gluing text onto a string of unknown form.

#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace meldpunt::pg {

// Keyword → value, only the keywords the DSN actually sets.
using ConnParams = std::map<std::string, std::string>;

// INVALID_ARGUMENT (reason "DB_BAD_DSN") when libpq cannot parse dsn.
absl::StatusOr<ConnParams> ParseConnInfo(const std::string& dsn);

// A keyword string libpq reads back to the same params (values quoted and escaped).
std::string FormatConnInfo(const ConnParams& params);

}  // namespace meldpunt::pg
