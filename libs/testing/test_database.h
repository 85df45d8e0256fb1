#pragma once
// A fresh PostgreSQL database per test, copied from the cluster's template
// meldpunt_test_template (which has PostGIS), dropped again when the object goes away.
// Test-only: linked by tests through meldpunt_testing, never by a service.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace meldpunt::testing {

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

 private:
  TestDatabase(std::string admin_dsn, std::string name, std::string dsn)
      : admin_dsn_(std::move(admin_dsn)), name_(std::move(name)), dsn_(std::move(dsn)) {}

  std::string admin_dsn_;
  std::string name_;
  std::string dsn_;
  std::string service_role_dsn_;  // set by ServiceRoleDsn()
};

}  // namespace meldpunt::testing
