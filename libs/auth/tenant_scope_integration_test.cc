// Row-level security keyed by the transaction's tenant scope, checked against a real PostgreSQL
// as a non-superuser (superusers bypass RLS, services never run as one).
#include "libs/auth/tenant_scope.h"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "libs/postgres/conninfo.h"
#include "libs/postgres/pool.h"
#include "libs/status/status.h"
#include "libs/testing/test_database.h"

namespace meldpunt::auth {
namespace {

class TenantScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = meldpunt::testing::TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    role_ = db_->name() + "_app";
    pqxx::connection admin(db_->dsn());
    pqxx::work tx(admin);
    tx.exec("CREATE ROLE " + tx.quote_name(role_) + " LOGIN PASSWORD 'pw'");
    tx.exec(R"sql(
      CREATE TABLE notes (tenant_id text NOT NULL, body text NOT NULL);
      ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
      ALTER TABLE notes FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON notes
        USING (tenant_id = current_setting('meldpunt.tenant_id', true))
        WITH CHECK (tenant_id = current_setting('meldpunt.tenant_id', true));
      INSERT INTO notes VALUES ('71053', 'sint-truiden'), ('71022', 'hasselt');
    )sql");
    tx.exec("GRANT SELECT, INSERT ON notes TO " + tx.quote_name(role_));
    tx.commit();

    auto params = pg::ParseConnInfo(db_->dsn());
    ASSERT_TRUE(params.ok());
    (*params)["user"] = role_;
    (*params)["password"] = "pw";
    (*params)["host"] = (*params).count("hostaddr") ? (*params)["hostaddr"] : (*params)["host"];
    pg::PoolOptions options;
    options.dsn = pg::FormatConnInfo(*params);
    options.size = 2;
    auto pool = pg::CreatePool(options);
    ASSERT_TRUE(pool.ok()) << pool.status();
    pool_ = std::move(*pool);
  }

  void TearDown() override {
    pool_.reset();
    if (db_) {
      pqxx::connection admin(db_->admin_dsn());
      pqxx::nontransaction tx(admin);
      // The role owns nothing but grants; drop them with it so the cluster stays clean.
      try {
        pqxx::connection on_db(db_->dsn());
        pqxx::nontransaction t2(on_db);
        t2.exec("DROP OWNED BY " + t2.quote_name(role_));
      } catch (...) {
      }
      db_.reset();
      tx.exec("DROP ROLE IF EXISTS " + tx.quote_name(role_));
    }
  }

  std::vector<std::string> Bodies(const std::string& tenant) {
    std::vector<std::string> out;
    absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) {
      if (!tenant.empty()) {
        if (absl::Status scoped = ScopeToTenant(tx, tenant); !scoped.ok()) return scoped;
      }
      // Deliberately no WHERE tenant_id: the policy alone must keep the other tenant out.
      for (const auto& row : tx.exec("SELECT body FROM notes ORDER BY body")) {
        out.push_back(row[0].as<std::string>());
      }
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return out;
  }

  std::unique_ptr<meldpunt::testing::TestDatabase> db_;
  std::unique_ptr<pg::Pool> pool_;
  std::string role_;
};

TEST_F(TenantScopeTest, EachTenantSeesOnlyItsRows) {
  EXPECT_EQ(Bodies("71053"), std::vector<std::string>{"sint-truiden"});
  EXPECT_EQ(Bodies("71022"), std::vector<std::string>{"hasselt"});
}

TEST_F(TenantScopeTest, UnscopedTransactionSeesNothing) {
  EXPECT_TRUE(Bodies("").empty());
}

TEST_F(TenantScopeTest, ScopeDoesNotLeakIntoTheNextTransactionOnThePooledConnection) {
  EXPECT_EQ(Bodies("71053").size(), 1u);
  EXPECT_TRUE(Bodies("").empty());
}

TEST_F(TenantScopeTest, WritingIntoAnotherTenantIsRefused) {
  absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) {
    if (absl::Status scoped = ScopeToTenant(tx, "71053"); !scoped.ok()) return scoped;
    tx.exec_params("INSERT INTO notes VALUES ($1, $2)", std::string("71022"), std::string("sneaky"));
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << s;
  EXPECT_EQ(Bodies("71022"), std::vector<std::string>{"hasselt"});
}

TEST_F(TenantScopeTest, EmptyTenantIsRefused) {
  absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) { return ScopeToTenant(tx, ""); });
  EXPECT_EQ(status::Reason(s), "TENANT_MISSING");
}

}  // namespace
}  // namespace meldpunt::auth
