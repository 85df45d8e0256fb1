#pragma once
// A named SQL statement, embedded from services/<svc>/sql/<area>/<name>.sql at build time
// (meldpunt_embed_sql), and how to run it as a prepared statement. An unnamed statement
// (exec_params) is parsed, analysed and planned again on each call; a prepared one once per
// connection, which for intake's create path saved 0.1–0.4 ms per statement (BENCHMARKS.md).

#include <utility>

#include <pqxx/connection_base>
#include <pqxx/transaction>

namespace meldpunt::pg {

struct Statement {
  const char* name;  // the file's stem: unique within a service, so one definition per connection
  const char* text;
};

// Runs statement prepared on tx's connection. prepare() only records the definition in the
// connection object (no round trip, a no-op when already there); libpqxx 6 sends PREPARE on first
// use. So each pooled connection prepares each statement once, and a connection the pool reopens
// after a break is a new object that prepares again: no bookkeeping of which connection has what.
template <typename... Args>
pqxx::result ExecPrepared(pqxx::transaction_base& tx, const Statement& statement, Args&&... args) {
  tx.conn().prepare(statement.name, statement.text);
  return tx.exec_prepared(statement.name, std::forward<Args>(args)...);
}

// The same for a statement that yields exactly one row (pqxx::unexpected_rows otherwise).
template <typename... Args>
pqxx::row ExecPrepared1(pqxx::transaction_base& tx, const Statement& statement, Args&&... args) {
  tx.conn().prepare(statement.name, statement.text);
  return tx.exec_prepared1(statement.name, std::forward<Args>(args)...);
}

// Runs statement unnamed: planned anew for its parameters, for a query whose best plan depends on
// them (a prepared statement's generic plan can be much worse, e.g. intake's duplicate search).
template <typename... Args>
pqxx::result ExecUnnamed(pqxx::transaction_base& tx, const Statement& statement, Args&&... args) {
  return tx.exec_params(statement.text, std::forward<Args>(args)...);
}

// The same for a statement that yields exactly one row (pqxx::unexpected_rows otherwise).
template <typename... Args>
pqxx::row ExecUnnamed1(pqxx::transaction_base& tx, const Statement& statement, Args&&... args) {
  return tx.exec_params1(statement.text, std::forward<Args>(args)...);
}

}  // namespace meldpunt::pg
