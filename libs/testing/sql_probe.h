#pragma once
// Reads and writes a test makes next to the service under test, on the superuser pool: what a
// service stored, or a row it must not see. Test-only.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/postgres/pool.h"

namespace meldpunt::testing {

// The first column of the one row sql returns, as text; nullopt for NULL.
absl::StatusOr<std::optional<std::string>> QueryText(pg::Pool& pool, const std::string& sql);

// The same as an integer; NULL reads as 0 (count(), sum() of nothing).
absl::StatusOr<std::int64_t> QueryInt(pg::Pool& pool, const std::string& sql);

// Runs sql outside a transaction.
absl::Status ExecSql(pg::Pool& pool, const std::string& sql);

}  // namespace meldpunt::testing
