#pragma once
// Named prepared statements for the statements intake runs on every report. An unnamed statement
// (exec_params) is parsed, analysed and planned again on each call; a named one once per
// connection, which for the create path's larger statements was 0.1–0.4 ms each (BENCHMARKS.md).

#include <utility>

#include <pqxx/connection_base>
#include <pqxx/transaction>

namespace meldpunt::intake {

struct PreparedSql {
  const char* name;  // unique within intake: one definition per name and connection
  const char* sql;
};

// Runs statement on tx's connection. prepare() only records the definition in the connection
// object (no round trip, a no-op when already there); libpqxx 6 sends PREPARE on first use. So
// each pooled connection prepares each statement once, and a connection the pool reopens after a
// break is a new object that prepares again: no bookkeeping of which connection has what.
template <typename... Args>
pqxx::result ExecPrepared(pqxx::work& tx, const PreparedSql& statement, Args&&... args) {
  tx.conn().prepare(statement.name, statement.sql);
  return tx.exec_prepared(statement.name, std::forward<Args>(args)...);
}

// The same for a statement that yields exactly one row (pqxx::unexpected_rows otherwise).
template <typename... Args>
pqxx::row ExecPrepared1(pqxx::work& tx, const PreparedSql& statement, Args&&... args) {
  tx.conn().prepare(statement.name, statement.sql);
  return tx.exec_prepared1(statement.name, std::forward<Args>(args)...);
}

}  // namespace meldpunt::intake
