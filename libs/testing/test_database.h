#pragma once
// A fresh PostgreSQL database per test, copied from the cluster's template
// meldpunt_test_template (which has PostGIS), dropped again when the object goes away.
// Test-only: linked by tests through meldpunt_testing, never by a service.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/postgres/migrator.h"
#include "libs/postgres/pool.h"

namespace meldpunt::testing {

// One component's migrations ("events", "intake" …), as ServiceMain applies them.
struct NamedMigrations {
  std::string component;
  std::vector<pg::Migration> files;
};

// What a service's tests work on, as every deployment has it: the runtime role's DSN, a pool as
// that role (four connections; owns nothing, so row-level security binds it and it cannot change
// the schema), the migration role's DSN (owns the schema), and a pool as the superuser (one
// connection, for checks and set-up the service itself may not make).
struct ServiceStore {
  std::string dsn;
  std::string migrate_dsn;
  std::unique_ptr<pg::Pool> pool;
  std::unique_ptr<pg::Pool> admin_pool;
};

class TestDatabase {
 public:
  // Reads MELDPUNT_TEST_PG_ADMIN_DSN (a superuser DSN of a throwaway cluster, set by
  // `tools/meldpunt test`). FAILED_PRECONDITION saying how to run the tests when it is unset.
  static absl::StatusOr<std::unique_ptr<TestDatabase>> Create();

  // Drops the database, disconnecting whoever is still on it.
  ~TestDatabase();

  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& dsn() const { return dsn_; }              // superuser, on this database
  const std::string& admin_dsn() const { return admin_dsn_; }  // superuser, as given
  const std::string& name() const { return name_; }            // t_<random hex>

  // Kills every session on this database and waits until they are gone, as a server restart
  // would: for tests of reconnect behaviour.
  absl::Status TerminateBackends();

  // The two login roles every service has (tools/meldpunt and the e2e tests make them the same
  // way, meldpunt_postgres.create_service_database), each made on first use and dropped with the
  // database:
  //  - "<name>_owner", the migration role: owns the database and so schema public (PostgreSQL 15:
  //    pg_database_owner), creates every table; its default privileges give the runtime role
  //    SELECT, INSERT, UPDATE, DELETE on its tables and USAGE on its sequences, so every later
  //    migration's tables are usable without a grant in the migration.
  //  - "<name>_app", the runtime role: CONNECT only; owns nothing, may not create anything. Tests
  //    run as it: a superuser or an owner could bypass or switch off row-level security and would
  //    hide a missing tenant filter.
  absl::StatusOr<std::string> OwnerRoleDsn();
  absl::StatusOr<std::string> ServiceRoleDsn();

  // The database as a deployment has it: each set migrated as the owner in order, then the two
  // pools.
  absl::StatusOr<ServiceStore> OpenAsService(const std::vector<NamedMigrations>& sets);

 private:
  TestDatabase(std::string admin_dsn, std::string name, std::string dsn)
      : admin_dsn_(std::move(admin_dsn)), name_(std::move(name)), dsn_(std::move(dsn)) {}

  // This database's DSN as role (password "pw").
  absl::StatusOr<std::string> RoleDsn(const std::string& role) const;

  std::string admin_dsn_;
  std::string name_;
  std::string dsn_;
  std::string owner_role_dsn_;    // set by OwnerRoleDsn()
  std::string service_role_dsn_;  // set by ServiceRoleDsn()
};

}  // namespace meldpunt::testing
