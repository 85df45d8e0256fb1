#pragma once
// Shared set-up of the events library's integration tests: each test gets its own database
// (TestDatabase, migrated with the "events" component and a small test schema) and its own
// redis-server (TestRedis), plus a producer of TestPing events and an idempotent handler whose
// effects can be counted.
//
// The test schema: produced(seq) is the producer's state change; applied(seq, event_id) has
// deliberately no unique key, so a second application of an event shows up as a second row;
// counters('applied') is incremented once per application.

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "libs/events/consumer.h"
#include "libs/events/relay.h"
#include "libs/postgres/pool.h"
#include "libs/redis/hiredis_client.h"
#include "libs/testing/test_database.h"
#include "libs/testing/test_redis.h"

namespace meldpunt::events::testing {

inline constexpr char kStream[] = "meldpunt:events:test";
inline constexpr char kGroup[] = "test-consumer";

// Polls cond until it holds or timeout passes; true when it held. Never a fixed sleep.
bool WaitFor(const std::function<bool()>& cond, absl::Duration timeout = absl::Seconds(30));

// Applies TestPing events: inserts into applied and bumps the counter. Events whose seq is in
// poison always fail (a handler bug, not an outage).
class CountingHandler final : public EventHandler {
 public:
  explicit CountingHandler(std::set<std::int64_t> poison = {}) : poison_(std::move(poison)) {}
  absl::Status Handle(pqxx::work& tx, const v1::Event& event) override;
  int calls() const;

 private:
  std::set<std::int64_t> poison_;
  mutable absl::Mutex mu_;
  int calls_ ABSL_GUARDED_BY(mu_) = 0;
};

struct Connections {
  std::unique_ptr<pg::Pool> pool;
  std::unique_ptr<redis::HiredisClient> redis;
};

// Short delays everywhere so tests finish quickly; the logic is the production one.
RelayOptions FastRelayOptions();
ConsumerOptions FastConsumerOptions(const std::string& consumer_name);

class EventsTest : public ::testing::Test {
 protected:
  // Whether this test's Redis keeps its data across a restart.
  virtual meldpunt::testing::TestRedisOptions RedisOptions() const { return {}; }

  void SetUp() override;

  // New connections to this test's database and Redis. In a forked child, call this rather
  // than use the parent's: a connection must never be shared across processes.
  absl::StatusOr<Connections> Connect() const;

  // Writes events with seq in [from, to), per_tx of them per transaction, each transaction
  // also inserting the produced rows (the state change). Wakes relay if given.
  void Produce(std::int64_t from, std::int64_t to, int per_tx = 10, OutboxRelay* relay = nullptr);

  // A query's single integer result.
  std::int64_t Scalar(const std::string& sql) const;
  std::int64_t Redis(const std::vector<std::string>& command) const;

  // Every seq in [0, n) applied exactly once, and nothing else.
  void ExpectAppliedExactlyOnce(std::int64_t n) const;

  std::unique_ptr<meldpunt::testing::TestDatabase> db_;
  std::unique_ptr<meldpunt::testing::TestRedis> redis_server_;
  Connections conn_;
};

// Runs body in a forked child process and returns its exit status (as from waitpid). Fork is
// only safe while the test has started no threads: call it before starting relays/consumers.
int RunInChild(const std::function<int()>& body);

// Exit code a child uses when it dies on purpose at the point under test.
inline constexpr int kDiedOnPurpose = 42;

}  // namespace meldpunt::events::testing
