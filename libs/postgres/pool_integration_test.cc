// Pool and Transact against a real PostgreSQL (a fresh database per test).
#include <future>
#include <thread>

#include <gtest/gtest.h>
#include <pqxx/nontransaction>

#include "libs/postgres/errors.h"
#include "libs/postgres/pool.h"
#include "libs/status/status.h"
#include "libs/testing/test_database.h"

namespace meldpunt::pg {
namespace {

using meldpunt::testing::TestDatabase;

class PoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<TestDatabase>> db = TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
  }

  std::unique_ptr<Pool> MakePool(PoolOptions options = {}) {
    options.dsn = db_->dsn();
    absl::StatusOr<std::unique_ptr<Pool>> pool = CreatePool(options);
    EXPECT_TRUE(pool.ok()) << pool.status();
    return pool.ok() ? *std::move(pool) : nullptr;
  }

  static absl::Status Exec(Pool& pool, const std::string& sql) {
    return Transact(pool, [&](pqxx::work& tx) {
      tx.exec(sql);
      return absl::OkStatus();
    });
  }

  static absl::StatusOr<long> Count(Pool& pool, const std::string& table) {
    long n = -1;
    absl::Status s = Transact(pool, [&](pqxx::work& tx) {
      n = tx.exec("SELECT count(*) FROM " + table)[0][0].as<long>();
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    return n;
  }

  std::unique_ptr<TestDatabase> db_;
};

TEST_F(PoolTest, RunsQueriesWithSessionSettings) {
  PoolOptions options;
  options.statement_timeout = std::chrono::milliseconds(1234);
  options.application_name = "pool-test";
  std::unique_ptr<Pool> pool = MakePool(options);
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->Stats().open, 1u);  // the eager first connection

  absl::Status s = pool->WithConnection([](pqxx::connection& conn) {
    pqxx::nontransaction tx(conn);
    EXPECT_EQ(tx.exec_params("SELECT $1::int + 1", 41)[0][0].as<int>(), 42);
    EXPECT_EQ(tx.exec("SHOW statement_timeout")[0][0].as<std::string>(), "1234ms");
    EXPECT_EQ(tx.exec("SHOW application_name")[0][0].as<std::string>(), "pool-test");
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  PoolStats stats = pool->Stats();
  EXPECT_EQ(stats.size, 8u);
  EXPECT_EQ(stats.in_use, 0u);
  EXPECT_EQ(stats.reconnects, 0u);
}

TEST_F(PoolTest, ReturnsFnStatusUnchanged) {
  std::unique_ptr<Pool> pool = MakePool();
  ASSERT_NE(pool, nullptr);
  absl::Status s = pool->WithConnection(
      [](pqxx::connection&) { return status::NotFound("REPORT_NOT_FOUND", "no such report"); });
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status::Reason(s), "REPORT_NOT_FOUND");
}

TEST_F(PoolTest, ExhaustedPoolAnswersUnavailable) {
  PoolOptions options;
  options.size = 1;
  options.acquire_timeout = std::chrono::milliseconds(50);
  std::unique_ptr<Pool> pool = MakePool(options);
  ASSERT_NE(pool, nullptr);

  std::promise<void> holding;
  std::promise<void> release;
  std::thread holder([&] {
    absl::Status s = pool->WithConnection([&](pqxx::connection&) {
      holding.set_value();
      release.get_future().wait();
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
  });
  holding.get_future().wait();

  bool ran = false;
  absl::Status s = pool->WithConnection([&](pqxx::connection&) {
    ran = true;
    return absl::OkStatus();
  });
  EXPECT_FALSE(ran);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << s;
  EXPECT_EQ(status::Reason(s), kReasonPoolExhausted);
  EXPECT_EQ(pool->Stats().in_use, 1u);

  release.set_value();
  holder.join();
  EXPECT_TRUE(Exec(*pool, "SELECT 1").ok());  // the freed connection serves the next caller
}

TEST_F(PoolTest, WaiterGetsConnectionWhenItIsReleased) {
  PoolOptions options;
  options.size = 1;
  options.acquire_timeout = std::chrono::minutes(1);
  std::unique_ptr<Pool> pool = MakePool(options);
  ASSERT_NE(pool, nullptr);

  std::promise<void> holding;
  std::promise<void> release;
  std::thread holder([&] {
    EXPECT_TRUE(pool->WithConnection([&](pqxx::connection&) {
                      holding.set_value();
                      release.get_future().wait();
                      return absl::OkStatus();
                    })
                    .ok());
  });
  holding.get_future().wait();
  std::future<absl::Status> waiter =
      std::async(std::launch::async, [&] { return Exec(*pool, "SELECT 1"); });
  // Bounded poll until the waiter is queued, then let the holder go.
  for (int i = 0; i < 10000 && pool->Stats().waiting == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(pool->Stats().waiting, 1u);
  release.set_value();
  EXPECT_TRUE(waiter.get().ok());
  holder.join();
}

TEST_F(PoolTest, StatementTimeoutIsDeadlineExceeded) {
  PoolOptions options;
  options.statement_timeout = std::chrono::milliseconds(100);
  std::unique_ptr<Pool> pool = MakePool(options);
  ASSERT_NE(pool, nullptr);
  absl::Status s = Exec(*pool, "SELECT pg_sleep(60)");
  EXPECT_EQ(s.code(), absl::StatusCode::kDeadlineExceeded) << s;
  EXPECT_EQ(status::Reason(s), kReasonStatementTimeout);
  // The connection survives a cancelled statement.
  EXPECT_TRUE(Exec(*pool, "SELECT 1").ok());
  EXPECT_EQ(pool->Stats().reconnects, 0u);
}

TEST_F(PoolTest, UniqueViolationIsAlreadyExists) {
  std::unique_ptr<Pool> pool = MakePool();
  ASSERT_NE(pool, nullptr);
  ASSERT_TRUE(Exec(*pool, "CREATE TABLE citizens (email text PRIMARY KEY)").ok());
  auto insert = [&] {
    return Transact(*pool, [](pqxx::work& tx) {
      tx.exec_params("INSERT INTO citizens VALUES ($1)", std::string("jan@example.be"));
      return absl::OkStatus();
    });
  };
  ASSERT_TRUE(insert().ok());
  absl::Status s = insert();
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists) << s;
  EXPECT_EQ(status::Reason(s), kReasonUniqueViolation);
  EXPECT_EQ(s.message().find("jan@example.be"), std::string::npos) << s;
}

TEST_F(PoolTest, PermissionDeniedIsMapped) {
  std::unique_ptr<Pool> pool = MakePool();
  ASSERT_NE(pool, nullptr);
  ASSERT_TRUE(Exec(*pool, "CREATE TABLE secrets (x int)").ok());
  absl::Status s = Transact(*pool, [](pqxx::work& tx) {
    tx.exec("SET LOCAL ROLE pg_monitor");  // a built-in role without rights on our table
    tx.exec("SELECT * FROM secrets");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << s;
  EXPECT_EQ(status::Reason(s), kReasonPermissionDenied);
}

TEST_F(PoolTest, ReconnectsAfterBackendsAreTerminated) {
  std::unique_ptr<Pool> pool = MakePool();
  ASSERT_NE(pool, nullptr);
  int first_pid = 0;
  ASSERT_TRUE(pool->WithConnection([&](pqxx::connection& conn) {
                    first_pid = conn.backendpid();
                    return absl::OkStatus();
                  })
                  .ok());
  const std::uint64_t before = pool->Stats().reconnects;

  ASSERT_TRUE(db_->TerminateBackends().ok());

  int second_pid = 0;
  absl::Status s = pool->WithConnection([&](pqxx::connection& conn) {
    pqxx::nontransaction tx(conn);
    second_pid = tx.exec("SELECT pg_backend_pid()")[0][0].as<int>();
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_NE(second_pid, first_pid);
  EXPECT_EQ(pool->Stats().reconnects, before + 1);
  EXPECT_EQ(pool->Stats().open, 1u);
}

TEST_F(PoolTest, ConnectionLostWhileFnRunsIsUnavailableAndNotRetried) {
  std::unique_ptr<Pool> pool = MakePool();
  ASSERT_NE(pool, nullptr);
  int calls = 0;
  absl::Status s = pool->WithConnection([&](pqxx::connection& conn) {
    ++calls;
    pqxx::nontransaction tx(conn);
    tx.exec("SELECT pg_terminate_backend(pg_backend_pid())");
    return absl::OkStatus();
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << s;
  EXPECT_EQ(status::Reason(s), kReasonConnectionLost);
  EXPECT_EQ(pool->Stats().open, 0u);  // the dead connection was dropped, not pooled
  EXPECT_TRUE(Exec(*pool, "SELECT 1").ok());
  EXPECT_EQ(pool->Stats().reconnects, 1u);
}

TEST_F(PoolTest, TransactCommitsOnOkAndRollsBackOtherwise) {
  std::unique_ptr<Pool> pool = MakePool();
  ASSERT_NE(pool, nullptr);
  ASSERT_TRUE(Exec(*pool, "CREATE TABLE items (id int PRIMARY KEY)").ok());

  EXPECT_TRUE(Transact(*pool, [](pqxx::work& tx) {
                tx.exec("INSERT INTO items VALUES (1)");
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(*Count(*pool, "items"), 1);

  absl::Status refused = Transact(*pool, [](pqxx::work& tx) {
    tx.exec("INSERT INTO items VALUES (2)");
    return status::InvalidArgument("NOPE", "changed my mind");
  });
  EXPECT_EQ(status::Reason(refused), "NOPE");
  EXPECT_EQ(*Count(*pool, "items"), 1);

  absl::Status thrown = Transact(*pool, [](pqxx::work& tx) {
    tx.exec("INSERT INTO items VALUES (3)");
    tx.exec("INSERT INTO items VALUES (1)");  // duplicate: throws
    return absl::OkStatus();
  });
  EXPECT_EQ(thrown.code(), absl::StatusCode::kAlreadyExists) << thrown;
  EXPECT_EQ(*Count(*pool, "items"), 1);  // 3 went with the rollback
}

TEST(PoolCreate, UnreachableServerFailsAtStartWithReason) {
  PoolOptions options;
  options.dsn = "host=127.0.0.1 port=1 dbname=none";  // nothing listens on port 1
  absl::StatusOr<std::unique_ptr<Pool>> pool = CreatePool(options);
  EXPECT_EQ(pool.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status::Reason(pool.status()), kReasonConnectFailed);
}

TEST(PoolCreate, BadDsnIsInvalidArgument) {
  PoolOptions options;
  options.dsn = "this is not a dsn";
  EXPECT_EQ(CreatePool(options).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace meldpunt::pg
