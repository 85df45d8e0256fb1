#include "libs/testing/runtime_role.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace meldpunt::testing {
namespace {

// The shared libraries' tables, seeded when the store has them. Parked events carry no tenant
// column: the runtime role may only add them (libs/events/migrations/0002_*).
struct LibrarySeed {
  const char* table;
  const char* sql;
};
constexpr LibrarySeed kLibrarySeeds[] = {
    {"meldpunt_outbox",
     "INSERT INTO meldpunt_outbox (event_id, tenant_id, type, stream, payload) VALUES "
     "(gen_random_uuid(), '{tenant}', 'ReportSubmitted', 'meldpunt:events:test', '\\x00')"},
    {"meldpunt_request_log",
     "INSERT INTO meldpunt_request_log (tenant_id, method, request_id, fingerprint, response) "
     "VALUES ('{tenant}', 'Test', 'seed', '\\x00', '\\x00')"},
    {"meldpunt_parked_events",
     "INSERT INTO meldpunt_parked_events (consumer, stream, stream_id, error) VALUES "
     "('test', 'meldpunt:events:test', '{tenant}-0', 'seeded')"},
};
constexpr char kParked[] = "meldpunt_parked_events";

struct Table {
  std::string name;
  bool row_security = false;
  bool has_tenant_id = false;
};

std::string Quoted(const std::string& text) {
  return "'" + absl::StrReplaceAll(text, {{"'", "''"}}) + "'";
}

std::string ForTenant(const std::string& sql, const std::string& tenant) {
  return absl::StrReplaceAll(sql, {{"{tenant}", tenant}});
}

// Runs fn in a transaction that is always rolled back; the error text when it throws, "" when
// it does not.
std::string ErrorOf(pqxx::connection& conn, const std::function<void(pqxx::work&)>& fn) {
  try {
    pqxx::work tx(conn);
    fn(tx);
    tx.abort();
    return "";
  } catch (const std::exception& e) {
    return e.what()[0] == '\0' ? "error" : e.what();
  }
}

std::int64_t Count(pqxx::work& tx, const std::string& sql) {
  return tx.exec1(sql)[0].as<std::int64_t>();
}

void Scope(pqxx::work& tx, const std::string& tenant) {
  tx.exec("SELECT set_config('meldpunt.tenant_id', " + Quoted(tenant) + ", true)");
}

}  // namespace

std::vector<std::string> RuntimeRoleFindings(ServiceStore& store,
                                             const RuntimeRoleExpectations& expect) {
  std::vector<std::string> findings;
  auto finding = [&findings](auto&&... parts) { findings.push_back(absl::StrCat(parts...)); };
  const std::string& a = expect.tenant_a;
  const std::string& b = expect.tenant_b;

  std::unique_ptr<pqxx::connection> runtime;
  std::string role;
  try {
    runtime = std::make_unique<pqxx::connection>(store.dsn);
    pqxx::nontransaction tx(*runtime);
    role = tx.exec1("SELECT current_user")[0].as<std::string>();
  } catch (const std::exception& e) {
    return {absl::StrCat("cannot connect as the runtime role: ", e.what())};
  }

  // The catalogue and the seeds, as the superuser.
  std::vector<Table> tables;
  std::vector<std::string> owned;
  absl::Status admin = store.admin_pool->WithConnection([&](pqxx::connection& c) -> absl::Status {
    pqxx::work tx(c);
    for (const auto& row : tx.exec(
             "SELECT c.relname, c.relrowsecurity, EXISTS (SELECT 1 FROM pg_attribute t WHERE "
             "t.attrelid = c.oid AND t.attname = 'tenant_id' AND NOT t.attisdropped) "
             "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT EXISTS ("
             "  SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass "
             "  AND d.objid = c.oid AND d.deptype = 'e') "
             "ORDER BY 1")) {
      tables.push_back({row[0].as<std::string>(), row[1].as<bool>(), row[2].as<bool>()});
    }
    const std::string r = Quoted(role);
    for (const auto& row : tx.exec(
             "SELECT 'relation ' || relname FROM pg_class WHERE relkind IN ('r', 'p', 'S', 'v', "
             "'m', 'f') AND relowner = (SELECT oid FROM pg_roles WHERE rolname = " + r + ") "
             "UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE proowner = "
             "(SELECT oid FROM pg_roles WHERE rolname = " + r + ") "
             "UNION ALL SELECT 'schema ' || nspname FROM pg_namespace WHERE nspowner = "
             "(SELECT oid FROM pg_roles WHERE rolname = " + r + ") "
             "UNION ALL SELECT 'database ' || datname FROM pg_database WHERE datdba = "
             "(SELECT oid FROM pg_roles WHERE rolname = " + r + ") "
             "AND datname = current_database() "
             "UNION ALL SELECT 'role attributes' FROM pg_roles WHERE rolname = " + r +
             " AND (rolsuper OR rolbypassrls OR rolcreatedb OR rolcreaterole)")) {
      owned.push_back(row[0].as<std::string>());
    }
    for (const std::string& tenant : {a, b}) {
      for (const LibrarySeed& seed : kLibrarySeeds) {
        const bool present = std::any_of(tables.begin(), tables.end(),
                                         [&](const Table& t) { return t.name == seed.table; });
        if (present) tx.exec(ForTenant(seed.sql, tenant));
      }
      for (const std::string& sql : expect.seeds) tx.exec(ForTenant(sql, tenant));
    }
    tx.commit();
    return absl::OkStatus();
  });
  if (!admin.ok()) return {absl::StrCat("catalogue or seeds: ", admin.ToString())};
  for (const std::string& what : owned) finding("the runtime role ", role, " owns or may too much: ", what);

  // Nothing may be created: no table, sequence, function, schema, not even a temporary table.
  for (const char* sql : {"CREATE TABLE meldpunt_probe (i int)",
                          "CREATE SEQUENCE meldpunt_probe_seq",
                          "CREATE FUNCTION meldpunt_probe() RETURNS int LANGUAGE sql AS 'SELECT 1'",
                          "CREATE SCHEMA meldpunt_probe",
                          "CREATE TEMPORARY TABLE meldpunt_probe_tmp (i int)"}) {
    if (ErrorOf(*runtime, [&](pqxx::work& tx) { tx.exec(sql); }).empty()) {
      finding("the runtime role may run ", sql);
    }
  }

  for (const Table& t : tables) {
    const std::string& n = t.name;
    // The owner could switch the policies off (or drop them): the runtime role must not.
    if (ErrorOf(*runtime, [&](pqxx::work& tx) {
          tx.exec("ALTER TABLE " + n + " DISABLE ROW LEVEL SECURITY");
        }).empty()) {
      finding(n, ": the runtime role can disable row-level security");
    }
    const bool platform = std::find(expect.platform_tables.begin(), expect.platform_tables.end(),
                                    n) != expect.platform_tables.end();
    if (n == kParked) {
      std::int64_t seeded = 0;
      store.admin_pool->WithConnection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        seeded = Count(tx, "SELECT count(*) FROM " + n);
        return absl::OkStatus();
      }).IgnoreError();
      std::string error = ErrorOf(*runtime, [&](pqxx::work& tx) {
        Scope(tx, a);
        const std::int64_t seen = Count(tx, "SELECT count(*) FROM " + n);
        const auto changed = tx.exec("UPDATE " + n + " SET error = 'x'").affected_rows() +
                             tx.exec("DELETE FROM " + n).affected_rows();
        if (seeded == 0) finding(n, ": not seeded");
        if (seen != 0 || changed != 0) {
          finding(n, ": the runtime role reads ", seen, " and changes ", changed,
                  " parked events; it may only add them");
        }
        // As the consumer parks (libs/events/consumer_store.cc).
        tx.exec(ForTenant(kLibrarySeeds[2].sql, "added") + " ON CONFLICT DO NOTHING");
      });
      if (!error.empty()) finding(n, ": the runtime role cannot park an event: ", error);
      continue;
    }
    if (!t.has_tenant_id || platform) continue;
    if (!t.row_security) {
      finding(n, ": a tenant table without row-level security");
      continue;
    }
    std::int64_t seeded_a = 0, seeded_b = 0;
    store.admin_pool->WithConnection([&](pqxx::connection& c) {
      pqxx::work tx(c);
      seeded_a = Count(tx, "SELECT count(*) FROM " + n + " WHERE tenant_id = " + Quoted(a));
      seeded_b = Count(tx, "SELECT count(*) FROM " + n + " WHERE tenant_id = " + Quoted(b));
      return absl::OkStatus();
    }).IgnoreError();
    if (seeded_a == 0 || seeded_b == 0) {
      finding(n, ": no seeded row of tenant ", seeded_a == 0 ? a : b,
              " (add one to the test's seeds)");
      continue;
    }
    std::string error = ErrorOf(*runtime, [&](pqxx::work& tx) {
      const std::int64_t unscoped = Count(tx, "SELECT count(*) FROM " + n);
      if (unscoped != 0) finding(n, ": ", unscoped, " rows visible with no tenant in scope");
      Scope(tx, a);
      const std::int64_t own = Count(tx, "SELECT count(*) FROM " + n + " WHERE tenant_id = " +
                                             Quoted(a));
      const std::int64_t others = Count(tx, "SELECT count(*) FROM " + n + " WHERE tenant_id <> " +
                                                Quoted(a));
      if (own != seeded_a) finding(n, ": tenant ", a, " sees ", own, " of its ", seeded_a, " rows");
      if (others != 0) finding(n, ": tenant ", a, " sees ", others, " rows of another tenant");
    });
    if (!error.empty()) finding(n, ": reading as tenant ", a, " failed: ", error);
    if (ErrorOf(*runtime, [&](pqxx::work& tx) {
          Scope(tx, a);
          tx.exec("SET LOCAL row_security = off");
          Count(tx, "SELECT count(*) FROM " + n);
        }).empty()) {
      finding(n, ": row_security = off reads past the policy");
    }
    // A row of one's own tenant cannot be moved to another (the policy's WITH CHECK).
    if (ErrorOf(*runtime, [&](pqxx::work& tx) {
          Scope(tx, a);
          if (tx.exec("UPDATE " + n + " SET tenant_id = " + Quoted(b)).affected_rows() == 0) {
            throw std::runtime_error("nothing updated");
          }
        }).empty()) {
      finding(n, ": tenant ", a, " can move its rows to tenant ", b);
    }
  }

  // The relay's declared scope reads every tenant's events (and only in the outbox).
  const bool has_outbox = std::any_of(tables.begin(), tables.end(),
                                      [](const Table& t) { return t.name == "meldpunt_outbox"; });
  if (has_outbox) {
    std::string error = ErrorOf(*runtime, [&](pqxx::work& tx) {
      tx.exec("SELECT set_config('meldpunt.outbox_relay', 'on', true)");
      const std::int64_t tenants = Count(tx, "SELECT count(DISTINCT tenant_id) FROM meldpunt_outbox");
      if (tenants != 2) finding("meldpunt_outbox: the relay sees ", tenants, " tenants, not 2");
    });
    if (!error.empty()) finding("meldpunt_outbox: the relay cannot read it: ", error);
  }
  return findings;
}

}  // namespace meldpunt::testing
