#include "libs/events/tests/harness.h"

#include <pqxx/nontransaction>
#include <pqxx/result>

#include <sys/wait.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/events/outbox.h"
#include "libs/postgres/migrator.h"
#include "migrations/events.h"

namespace meldpunt::events::testing {
namespace {

constexpr char kTestSchema[] = R"sql(
CREATE TABLE produced (seq bigint PRIMARY KEY);
CREATE TABLE applied (seq bigint NOT NULL, event_id uuid NOT NULL);
CREATE TABLE counters (name text PRIMARY KEY, n bigint NOT NULL);
INSERT INTO counters VALUES ('applied', 0);
)sql";

}  // namespace

bool WaitFor(const std::function<bool()>& cond, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    if (cond()) return true;
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(absl::Milliseconds(10));
  }
}

absl::Status CountingHandler::Handle(pqxx::work& tx, const v1::Event& event) {
  {
    absl::MutexLock lock(&mu_);
    ++calls_;
  }
  const std::int64_t seq = event.test_ping().seq();
  if (poison_.count(seq) > 0) return absl::InternalError(absl::StrCat("poison seq ", seq));
  tx.exec_params("INSERT INTO applied (seq, event_id) VALUES ($1, $2::uuid)", seq,
                 event.event_id());
  tx.exec0("UPDATE counters SET n = n + 1 WHERE name = 'applied'");
  return absl::OkStatus();
}

int CountingHandler::calls() const {
  absl::MutexLock lock(&mu_);
  return calls_;
}

RelayOptions FastRelayOptions() {
  RelayOptions options;
  options.batch_size = 50;
  options.poll_interval = std::chrono::milliseconds(20);
  options.backoff = {std::chrono::milliseconds(10), std::chrono::milliseconds(200), 2.0, 0.2};
  return options;
}

ConsumerOptions FastConsumerOptions(const std::string& consumer_name) {
  ConsumerOptions options;
  options.stream = kStream;
  options.group = kGroup;
  options.consumer = consumer_name;
  options.block = std::chrono::milliseconds(200);
  options.claim_min_idle = std::chrono::milliseconds(200);
  options.claim_interval = std::chrono::milliseconds(100);
  options.max_attempts = 3;
  options.retry_backoff = {std::chrono::milliseconds(5), std::chrono::milliseconds(50), 2.0, 0.0};
  options.outage_backoff = {std::chrono::milliseconds(10), std::chrono::milliseconds(200), 2.0,
                            0.2};
  return options;
}

void EventsTest::SetUp() {
  absl::StatusOr<std::unique_ptr<meldpunt::testing::TestDatabase>> db =
      meldpunt::testing::TestDatabase::Create();
  ASSERT_TRUE(db.ok()) << db.status();
  db_ = *std::move(db);
  absl::StatusOr<pg::MigrationReport> migrated =
      pg::Migrate(db_->dsn(), "events", meldpunt::migrations::events());
  ASSERT_TRUE(migrated.ok()) << migrated.status();
  migrated = pg::Migrate(db_->dsn(), "events_test", {{"0001_test.sql", kTestSchema}});
  ASSERT_TRUE(migrated.ok()) << migrated.status();

  absl::StatusOr<std::unique_ptr<meldpunt::testing::TestRedis>> redis =
      meldpunt::testing::TestRedis::Create(RedisOptions());
  ASSERT_TRUE(redis.ok()) << redis.status();
  redis_server_ = *std::move(redis);

  absl::StatusOr<Connections> conn = Connect();
  ASSERT_TRUE(conn.ok()) << conn.status();
  conn_ = *std::move(conn);
}

absl::StatusOr<Connections> EventsTest::Connect() const {
  Connections conn;
  pg::PoolOptions pool_options;
  pool_options.dsn = db_->dsn();
  pool_options.size = 4;
  absl::StatusOr<std::unique_ptr<pg::Pool>> pool = pg::CreatePool(pool_options);
  if (!pool.ok()) return pool.status();
  conn.pool = *std::move(pool);
  redis::RedisOptions redis_options;
  redis_options.host = redis_server_->host();
  redis_options.port = redis_server_->port();
  redis_options.connect_timeout = std::chrono::milliseconds(500);
  redis_options.command_timeout = std::chrono::milliseconds(2000);
  absl::StatusOr<std::unique_ptr<redis::HiredisClient>> client =
      redis::HiredisClient::Create(redis_options);
  if (!client.ok()) return client.status();
  conn.redis = *std::move(client);
  return conn;
}

void EventsTest::Produce(std::int64_t from, std::int64_t to, int per_tx, OutboxRelay* relay) {
  for (std::int64_t start = from; start < to; start += per_tx) {
    absl::Status status = pg::Transact(*conn_.pool, [&](pqxx::work& tx) -> absl::Status {
      for (std::int64_t seq = start; seq < std::min<std::int64_t>(to, start + per_tx); ++seq) {
        tx.exec_params("INSERT INTO produced (seq) VALUES ($1)", seq);
        absl::StatusOr<v1::Event> event = NewEvent(time::DefaultClock(), "44021", "agg", "test");
        if (!event.ok()) return event.status();
        event->mutable_test_ping()->set_seq(seq);
        event->mutable_test_ping()->set_text(absl::StrCat("ping ", seq));
        if (absl::Status s = AppendToOutbox(tx, kStream, *event); !s.ok()) return s;
      }
      return absl::OkStatus();
    });
    ASSERT_TRUE(status.ok()) << status;
    if (relay != nullptr) relay->Wake();
  }
}

std::int64_t EventsTest::Scalar(const std::string& sql) const {
  std::int64_t value = -1;
  absl::Status status = conn_.pool->WithConnection([&](pqxx::connection& c) -> absl::Status {
    pqxx::nontransaction tx(c);
    pqxx::row row = tx.exec1(sql);
    value = row[0].is_null() ? 0 : row[0].as<std::int64_t>();
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << sql << ": " << status;
  return value;
}

std::int64_t EventsTest::Redis(const std::vector<std::string>& command) const {
  absl::StatusOr<redis::RedisReply> reply = conn_.redis->Command(command);
  if (!reply.ok()) reply = conn_.redis->Command(command);  // once more after a stale connection
  EXPECT_TRUE(reply.ok()) << command[0] << ": " << reply.status();
  if (!reply.ok()) return -1;
  EXPECT_TRUE(reply->is_integer()) << reply->DebugString();
  return reply->integer;
}

void EventsTest::ExpectAppliedExactlyOnce(std::int64_t n) const {
  EXPECT_EQ(Scalar("SELECT count(*) FROM applied"), n);
  EXPECT_EQ(Scalar("SELECT count(DISTINCT seq) FROM applied"), n);
  EXPECT_EQ(Scalar("SELECT count(*) FROM applied WHERE seq < 0 OR seq >= " + std::to_string(n)),
            0);
  EXPECT_EQ(Scalar("SELECT n FROM counters WHERE name = 'applied'"), n);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_processed_events"), n);
}

int RunInChild(const std::function<int()>& body) {
  pid_t pid = fork();
  if (pid == 0) {
    int code = 1;
    try {
      code = body();
    } catch (...) {
      code = 2;
    }
    _exit(code);  // never back into the test framework, and no destructors of the parent's state
  }
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  return wstatus;
}

}  // namespace meldpunt::events::testing
