#pragma once
// Forward-only schema migrations. A component (a service, or a shared library such as events)
// owns an ordered set of numbered SQL files "NNNN_description.sql". Each is applied once, in
// order, in its own transaction, recorded in meldpunt_schema_migrations(component, version, name,
// checksum, applied_at). The whole run holds a PostgreSQL advisory lock, so replicas starting at
// once never race: the second waits, then finds nothing left to do.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace meldpunt::pg {

struct Migration {
  std::string name;  // file name, e.g. "0001_reports.sql"; the version is its leading number
  std::string sql;
};

struct MigrationReport {
  std::vector<std::string> applied;  // names applied by this run, in order
  int already_applied = 0;
};

// Applies what is missing. On failure nothing of the failing file remains (its transaction is
// rolled back) and the status message names the file and PostgreSQL's error. A file already
// applied whose content changed since is refused (FAILED_PRECONDITION): history is not edited.
// Malformed names, duplicate versions → INVALID_ARGUMENT.
absl::StatusOr<MigrationReport> Migrate(const std::string& dsn, std::string_view component,
                                        const std::vector<Migration>& migrations);

// Reads every *.sql file of dir, sorted by name (for the migrate tool and tests).
absl::StatusOr<std::vector<Migration>> LoadMigrationsFromDir(const std::string& dir);

// ErrorInfo reasons of the migrator.
inline constexpr char kReasonMigrationBadName[] = "MIGRATION_BAD_NAME";     // INVALID_ARGUMENT
inline constexpr char kReasonMigrationOrder[] = "MIGRATION_VERSION_ORDER";  // INVALID_ARGUMENT
// FAILED_PRECONDITION
inline constexpr char kReasonChecksumMismatch[] = "MIGRATION_CHECKSUM_MISMATCH";
// With the code of the underlying error (UNAVAILABLE when the connection was lost, ...).
inline constexpr char kReasonMigrationFailed[] = "MIGRATION_FAILED";
// NOT_FOUND or INTERNAL
inline constexpr char kReasonMigrationDir[] = "MIGRATION_DIR_UNREADABLE";

// The version of a file name matching ^[0-9]{4}_[a-z0-9_]+\.sql$; INVALID_ARGUMENT otherwise.
absl::StatusOr<int> MigrationVersion(std::string_view name);

// What Migrate checks before it touches the database: every name well-formed, versions
// strictly increasing in the given order (so no duplicates).
absl::Status ValidateMigrations(const std::vector<Migration>& migrations);

// Lower-case hex SHA-256 of the SQL text, as stored in meldpunt_schema_migrations.checksum.
std::string MigrationChecksum(std::string_view sql);

}  // namespace meldpunt::pg
