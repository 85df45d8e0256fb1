// The database side of migrations: lock, bookkeeping table, one transaction per file.
#include "libs/postgres/migrator.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <pqxx/connection>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include "libs/postgres/conninfo.h"
#include "libs/postgres/errors.h"
#include "libs/status/status.h"

namespace meldpunt::pg {
namespace {

constexpr char kCreateTable[] = R"sql(
CREATE TABLE IF NOT EXISTS meldpunt_schema_migrations (
  component  text        NOT NULL,
  version    integer     NOT NULL,
  name       text        NOT NULL,
  checksum   text        NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (component, version)
))sql";

constexpr char kSelectApplied[] =
    "SELECT version, name, checksum FROM meldpunt_schema_migrations WHERE component = $1";

constexpr char kInsertApplied[] =
    "INSERT INTO meldpunt_schema_migrations (component, version, name, checksum) "
    "VALUES ($1, $2, $3, $4)";

// Changes when the file's SQL ends the transaction we opened (COMMIT, ROLLBACK, BEGIN).
constexpr char kCurrentXact[] = "SELECT pg_current_xact_id()::text";

struct Applied {
  std::string name;
  std::string checksum;
};

// One advisory-lock key for every component on a database: derived from a fixed name so every
// build of every service agrees on it without a registry of numbers.
std::int64_t LockKey() {
  const std::string hex = MigrationChecksum("meldpunt_migrations");
  return static_cast<std::int64_t>(std::stoull(hex.substr(0, 16), nullptr, 16));
}

std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// "<component>/<file>: <PostgreSQL's error>", with the code the error itself maps to (so a lost
// connection stays UNAVAILABLE). The full text is kept: LINE and HINT help the author, and a
// migration's SQL holds no client data.
absl::Status FileFailed(std::string_view component, const std::string& file,
                        const std::string& error, absl::StatusCode code) {
  return status::Error(code, kReasonMigrationFailed,
                       std::string(component) + "/" + file + ": " + Trimmed(error));
}

// Our own connection, not a pooled one: the advisory lock belongs to the session, and file
// transactions run on the same session so they can never outlive the lock.
absl::StatusOr<std::unique_ptr<pqxx::connection>> Connect(const std::string& dsn) {
  absl::StatusOr<ConnParams> params = ParseConnInfo(dsn);
  if (!params.ok()) return params.status();
  if (params->count("application_name") == 0) (*params)["application_name"] = "meldpunt-migrate";
  // NOTICEs ("relation already exists, skipping") would go to stderr on every run.
  std::string& startup = (*params)["options"];
  if (!startup.empty()) startup += ' ';
  startup += "-c client_min_messages=warning";
  try {
    auto conn = std::make_unique<pqxx::connection>(FormatConnInfo(*params));
    // A silent libpqxx reconnect would continue without the advisory lock.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    conn->inhibit_reactivation(true);
#pragma GCC diagnostic pop
    return conn;
  } catch (const pqxx::broken_connection& e) {
    return status::Unavailable(kReasonConnectFailed,
                               "cannot connect to PostgreSQL: " + Trimmed(e.what()));
  } catch (const std::exception& e) {
    return MapException(e);
  }
}

std::map<int, Applied> LockAndReadApplied(pqxx::connection& conn, std::string_view component) {
  pqxx::nontransaction tx(conn);
  // Blocks while another runner migrates; it then finds the work done.
  tx.exec_params("SELECT pg_advisory_lock($1)", LockKey());
  tx.exec(kCreateTable);
  std::map<int, Applied> applied;
  for (const auto& row : tx.exec_params(kSelectApplied, std::string(component))) {
    applied[row[0].as<int>()] = {row[1].as<std::string>(), row[2].as<std::string>()};
  }
  return applied;
}

// Applies one file and records it in one transaction; on any error nothing of it remains.
absl::Status ApplyFile(pqxx::connection& conn, std::string_view component, const Migration& m,
                       int version) {
  try {
    pqxx::work tx(conn);
    const std::string xact = tx.exec(kCurrentXact)[0][0].as<std::string>();
    tx.exec(m.sql);  // simple-query protocol: the whole file, many statements, in one go
    if (tx.exec(kCurrentXact)[0][0].as<std::string>() != xact) {
      return FileFailed(component, m.name,
                        "the file ends the migration's transaction itself (COMMIT, ROLLBACK or "
                        "BEGIN); migrations must not control transactions",
                        absl::StatusCode::kFailedPrecondition);
    }
    tx.exec_params(kInsertApplied, std::string(component), version, m.name,
                   MigrationChecksum(m.sql));
    tx.commit();
    return absl::OkStatus();
  } catch (const std::exception& e) {
    return FileFailed(component, m.name, e.what(), MapException(e).code());
  }
}

}  // namespace

absl::StatusOr<MigrationReport> Migrate(const std::string& dsn, std::string_view component,
                                        const std::vector<Migration>& migrations) {
  if (component.empty()) {
    return status::InvalidArgument(kReasonMigrationBadName, "migration component is empty");
  }
  if (absl::Status valid = ValidateMigrations(migrations); !valid.ok()) return valid;

  absl::StatusOr<std::unique_ptr<pqxx::connection>> conn = Connect(dsn);
  if (!conn.ok()) return conn.status();

  std::map<int, Applied> applied;
  try {
    applied = LockAndReadApplied(**conn, component);
  } catch (const std::exception& e) {
    return MapException(e);
  }

  // History is checked in full before anything is applied.
  MigrationReport report;
  for (const Migration& m : migrations) {
    const int version = *MigrationVersion(m.name);
    auto it = applied.find(version);
    if (it == applied.end()) continue;
    const std::string checksum = MigrationChecksum(m.sql);
    if (it->second.checksum != checksum || it->second.name != m.name) {
      return status::Error(absl::StatusCode::kFailedPrecondition, kReasonChecksumMismatch,
                           std::string(component) + "/" + m.name + ": differs from the version " +
                               std::to_string(version) + " applied as " + it->second.name +
                               " (checksum " + it->second.checksum + ", file now " + checksum +
                               "); applied migrations are never edited, add a new one");
    }
    ++report.already_applied;
  }

  for (const Migration& m : migrations) {
    const int version = *MigrationVersion(m.name);
    if (applied.count(version) != 0) continue;
    if (absl::Status s = ApplyFile(**conn, component, m, version); !s.ok()) return s;
    report.applied.push_back(m.name);
  }
  // Closing the connection releases the advisory lock.
  return report;
}

}  // namespace meldpunt::pg
