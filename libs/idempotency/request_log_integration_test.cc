// Pruning of the request log on a real database, as the service's own role (so row-level
// security applies as in production).
#include <sstream>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "libs/idempotency/request_log.h"
#include "libs/idempotency/request_log_pruner.h"
#include "libs/testing/sql_probe.h"
#include "libs/testing/test_database.h"
#include "migrations/idempotency.h"

namespace meldpunt::idempotency {
namespace {

class RequestLogPruningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = meldpunt::testing::TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    auto store = db_->OpenAsService({{"idempotency", migrations::idempotency()}});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  // An entry written hours_ago (as the superuser: the test sets the clock back).
  void Entry(const std::string& tenant, const std::string& request_id, int hours_ago) {
    ASSERT_TRUE(meldpunt::testing::ExecSql(
                    *store_.admin_pool,
                    "INSERT INTO meldpunt_request_log (tenant_id, method, request_id, fingerprint,"
                    " response, created_at) VALUES ('" + tenant + "', 'CreateReport', '" +
                        request_id + "', '\\x00', '\\x00', now() - interval '" +
                        std::to_string(hours_ago) + " hours')")
                    .ok());
  }

  std::int64_t Count(const std::string& where = "true") {
    return meldpunt::testing::QueryInt(*store_.admin_pool,
                                       "SELECT count(*) FROM meldpunt_request_log WHERE " + where)
        .value_or(-1);
  }

  std::unique_ptr<meldpunt::testing::TestDatabase> db_;
  meldpunt::testing::ServiceStore store_;
};

TEST_F(RequestLogPruningTest, ExpiredEntriesOfEveryTenantGoAndFreshOnesStay) {
  Entry("71053", "old-1", 25);
  Entry("71022", "old-2", 30);
  Entry("71053", "fresh", 23);
  auto deleted = PruneRequestLog(*store_.pool, 1000);
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_EQ(*deleted, 2);
  EXPECT_EQ(Count(), 1);
  EXPECT_EQ(Count("request_id = 'fresh'"), 1);
}

TEST_F(RequestLogPruningTest, TheServiceRoleCannotDeleteFreshEntriesEvenWithThePrunersSetting) {
  Entry("71053", "fresh", 1);
  absl::Status s = store_.pool->WithConnection([](pqxx::connection& c) -> absl::Status {
    pqxx::work tx(c);
    tx.exec("SELECT set_config('meldpunt.request_log_prune', 'on', true)");
    tx.exec("DELETE FROM meldpunt_request_log");
    tx.commit();
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Count(), 1);
  // Without the setting it sees no tenant's rows at all.
  Entry("71053", "old", 48);
  s = meldpunt::testing::ExecSql(*store_.pool, "DELETE FROM meldpunt_request_log");
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Count(), 2);
}

TEST_F(RequestLogPruningTest, ThePrunerDeletesInBatchesUntilNothingIsLeft) {
  for (int i = 0; i < 5; ++i) Entry("71053", "old-" + std::to_string(i), 26 + i);
  std::ostringstream log_text;
  observability::StreamLogger log(log_text, observability::LogLevel::kInfo);
  RequestLogPrunerOptions options;
  options.batch = 2;
  RequestLogPruner pruner(store_.pool.get(), &log, "testing", options);
  auto pruned = pruner.PruneNow();
  ASSERT_TRUE(pruned.ok()) << pruned.status();
  EXPECT_EQ(*pruned, 5);
  EXPECT_EQ(Count(), 0);
}

}  // namespace
}  // namespace meldpunt::idempotency
