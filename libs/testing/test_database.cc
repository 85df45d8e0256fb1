#include "libs/testing/test_database.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include <pqxx/connection>
#include <pqxx/nontransaction>

#include "libs/postgres/conninfo.h"
#include "libs/postgres/errors.h"
#include "libs/status/status.h"

namespace meldpunt::testing {
namespace {

constexpr char kEnv[] = "MELDPUNT_TEST_PG_ADMIN_DSN";
constexpr char kTemplate[] = "meldpunt_test_template";

std::string RandomName() {
  std::random_device device;
  std::uint64_t bits = (static_cast<std::uint64_t>(device()) << 32) ^ device();
  char name[2 + 16 + 1];
  std::snprintf(name, sizeof(name), "t_%016llx", static_cast<unsigned long long>(bits));
  return name;
}

// CREATE/DROP DATABASE cannot run inside a transaction block, hence nontransaction.
absl::Status AdminExec(const std::string& admin_dsn, const std::string& sql) {
  try {
    pqxx::connection conn(admin_dsn);
    pqxx::nontransaction tx(conn);
    tx.exec(sql);
    return absl::OkStatus();
  } catch (const std::exception& e) {
    return pg::MapException(e);
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<TestDatabase>> TestDatabase::Create() {
  const char* admin = std::getenv(kEnv);
  if (admin == nullptr || *admin == '\0') {
    return status::Error(absl::StatusCode::kFailedPrecondition, "TEST_ENV_MISSING",
                         "integration tests need MELDPUNT_TEST_PG_ADMIN_DSN; run them with "
                         "tools/meldpunt test");
  }
  absl::StatusOr<pg::ConnParams> params = pg::ParseConnInfo(admin);
  if (!params.ok()) return params.status();

  const std::string name = RandomName();  // [a-z0-9_] only: safe as an identifier
  absl::Status created = AdminExec(admin, "CREATE DATABASE " + name + " TEMPLATE " + kTemplate);
  if (!created.ok()) {
    return status::Error(created.code(), status::Reason(created),
                         "creating test database " + name + " from template " + kTemplate + ": " +
                             std::string(created.message()));
  }
  (*params)["dbname"] = name;
  return std::unique_ptr<TestDatabase>(new TestDatabase(admin, name, pg::FormatConnInfo(*params)));
}

TestDatabase::~TestDatabase() {
  // WITH (FORCE) ends sessions a test left open (a pool still alive, a killed child's backend).
  absl::Status dropped =
      AdminExec(admin_dsn_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  if (!dropped.ok()) {
    std::fprintf(stderr, "TestDatabase: could not drop %s: %s\n", name_.c_str(),
                 dropped.ToString().c_str());
  }
  // The roles had objects and default privileges only in the database just dropped, so they
  // can go now.
  for (const auto& [dsn, suffix] : {std::make_pair(&service_role_dsn_, "_app"),
                                    std::make_pair(&owner_role_dsn_, "_owner")}) {
    if (dsn->empty()) continue;
    absl::Status role = AdminExec(admin_dsn_, "DROP ROLE IF EXISTS " + name_ + suffix);
    if (!role.ok()) {
      std::fprintf(stderr, "TestDatabase: could not drop role %s%s: %s\n", name_.c_str(), suffix,
                   role.ToString().c_str());
    }
  }
}

absl::StatusOr<std::string> TestDatabase::RoleDsn(const std::string& role) const {
  absl::StatusOr<pg::ConnParams> params = pg::ParseConnInfo(dsn_);
  if (!params.ok()) return params.status();
  (*params)["user"] = role;
  (*params)["password"] = "pw";
  return pg::FormatConnInfo(*params);
}

absl::StatusOr<std::string> TestDatabase::OwnerRoleDsn() {
  if (!owner_role_dsn_.empty()) return owner_role_dsn_;
  const std::string role = name_ + "_owner";  // [a-z0-9_] only, like name_
  for (const std::string& sql : {"CREATE ROLE " + role + " LOGIN PASSWORD 'pw'",
                                 "ALTER DATABASE " + name_ + " OWNER TO " + role}) {
    if (absl::Status s = AdminExec(admin_dsn_, sql); !s.ok()) return s;
  }
  absl::StatusOr<std::string> dsn = RoleDsn(role);
  if (!dsn.ok()) return dsn.status();
  owner_role_dsn_ = *dsn;
  return owner_role_dsn_;
}

absl::StatusOr<std::string> TestDatabase::ServiceRoleDsn() {
  if (!service_role_dsn_.empty()) return service_role_dsn_;
  if (absl::StatusOr<std::string> owner = OwnerRoleDsn(); !owner.ok()) return owner.status();
  const std::string role = name_ + "_app";
  const std::string owner = name_ + "_owner";
  // PUBLIC's default TEMPORARY would let it create (temporary) tables.
  for (const std::string& sql : {"CREATE ROLE " + role + " LOGIN PASSWORD 'pw'",
                                 "REVOKE ALL ON DATABASE " + name_ + " FROM PUBLIC",
                                 "GRANT CONNECT ON DATABASE " + name_ + " TO " + role}) {
    if (absl::Status s = AdminExec(admin_dsn_, sql); !s.ok()) return s;
  }
  // Default privileges are per database: set on a connection to this one, for the owner's
  // future objects (the same statements meldpunt_postgres.create_service_database runs).
  for (const std::string& sql :
       {"ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public GRANT SELECT, INSERT, "
        "UPDATE, DELETE ON TABLES TO " + role,
        "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public GRANT USAGE ON "
        "SEQUENCES TO " + role}) {
    if (absl::Status s = AdminExec(dsn_, sql); !s.ok()) return s;
  }
  absl::StatusOr<std::string> dsn = RoleDsn(role);
  if (!dsn.ok()) return dsn.status();
  service_role_dsn_ = *dsn;
  return service_role_dsn_;
}

absl::StatusOr<ServiceStore> TestDatabase::OpenAsService(const std::vector<NamedMigrations>& sets) {
  ServiceStore store;
  absl::StatusOr<std::string> dsn = ServiceRoleDsn();
  if (!dsn.ok()) return dsn.status();
  store.dsn = *dsn;
  store.migrate_dsn = owner_role_dsn_;  // made by ServiceRoleDsn()
  for (const NamedMigrations& set : sets) {
    auto migrated = pg::Migrate(store.migrate_dsn, set.component, set.files);
    if (!migrated.ok()) return status::Annotate(migrated.status(), set.component + ": ");
  }
  pg::PoolOptions po;
  po.dsn = store.dsn;
  po.size = 4;
  auto pool = pg::CreatePool(po);
  if (!pool.ok()) return pool.status();
  store.pool = std::move(*pool);
  po.dsn = dsn_;
  po.size = 1;
  auto admin_pool = pg::CreatePool(po);
  if (!admin_pool.ok()) return admin_pool.status();
  store.admin_pool = std::move(*admin_pool);
  return store;
}

absl::Status TestDatabase::TerminateBackends() {
  try {
    pqxx::connection conn(admin_dsn_);
    pqxx::nontransaction tx(conn);
    // The timeout makes pg_terminate_backend wait until each backend has exited, so the
    // clients' sockets are already closed when this returns.
    tx.exec_params(
        "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity "
        "WHERE datname = $1 AND pid <> pg_backend_pid()",
        name_);
    return absl::OkStatus();
  } catch (const std::exception& e) {
    return pg::MapException(e);
  }
}

}  // namespace meldpunt::testing
