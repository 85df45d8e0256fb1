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

// What a service's tests work on: its role's DSN, a pool as that role (four connections, subject
// to row-level security) and one as the superuser (one connection, for checks and set-up the
// service itself may not make).
struct ServiceStore {
  std::string dsn;
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

  // A login role of its own ("<name>_app") that may create objects in this database, as a
  // service's role does in every deployment, and the DSN that connects as it. Tests migrate and
  // run as this role: a superuser bypasses row-level security and would hide a missing tenant
  // filter. Dropped with the database. At most one per database (a second call returns it).
  absl::StatusOr<std::string> ServiceRoleDsn();

  // The database as a deployment has it: ServiceRoleDsn(), each set migrated as that role in
  // order, then the two pools.
  absl::StatusOr<ServiceStore> OpenAsService(const std::vector<NamedMigrations>& sets);

 private:
  TestDatabase(std::string admin_dsn, std::string name, std::string dsn)
      : admin_dsn_(std::move(admin_dsn)), name_(std::move(name)), dsn_(std::move(dsn)) {}

  std::string admin_dsn_;
  std::string name_;
  std::string dsn_;
  std::string service_role_dsn_;  // set by ServiceRoleDsn()
};

}  // namespace meldpunt::testing
