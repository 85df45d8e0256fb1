// The relay publishes outbox rows to the stream in order, marks exactly those it published,
// keeps everything while Redis is down, and yields to another relay holding the lock.
#include "libs/events/relay.h"

#include <atomic>

#include <pqxx/connection>
#include <pqxx/nontransaction>

#include "libs/events/envelope.h"
#include "libs/events/tests/harness.h"
#include "libs/redis/errors.h"
#include "libs/redis/streams.h"

namespace meldpunt::events::testing {
namespace {

// Passes commands through until `allowed` XADDs have gone, then fails XADDs as if Redis had
// gone away.
class FlakyRedis final : public redis::RedisClient {
 public:
  FlakyRedis(redis::RedisClient& real, int allowed) : real_(real), allowed_(allowed) {}
  absl::StatusOr<redis::RedisReply> Command(const std::vector<std::string>& args) override {
    if (args[0] == "XADD" && allowed_-- <= 0) return redis::UnavailableError("injected");
    return real_.Command(args);
  }

 private:
  redis::RedisClient& real_;
  std::atomic<int> allowed_;
};

class RelayTest : public EventsTest {
 protected:
  std::vector<redis::StreamEntry> ReadStream() {
    absl::StatusOr<redis::RedisReply> reply = conn_.redis->Command({"XRANGE", kStream, "-", "+"});
    EXPECT_TRUE(reply.ok()) << reply.status();
    std::vector<redis::StreamEntry> entries;
    if (!reply.ok()) return entries;
    for (const redis::RedisReply& item : reply->elements) {
      absl::StatusOr<redis::StreamEntry> entry = redis::ParseStreamEntry(item);
      EXPECT_TRUE(entry.ok()) << entry.status();
      if (entry.ok()) entries.push_back(*entry);
    }
    return entries;
  }
  std::int64_t Unpublished() {
    return Scalar("SELECT count(*) FROM meldpunt_outbox WHERE published_at IS NULL");
  }
};

TEST_F(RelayTest, PublishesInOrderWithTheEnvelopeFields) {
  Produce(0, 120);
  OutboxRelay relay(*conn_.pool, *conn_.redis, FastRelayOptions());
  absl::StatusOr<PublishRound> round = relay.PublishOnce();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_EQ(round->published, 50);
  EXPECT_TRUE(round->full);
  while (round.ok() && round->published > 0) round = relay.PublishOnce();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_EQ(Unpublished(), 0);
  EXPECT_EQ(relay.Stats().published, 120u);

  std::vector<redis::StreamEntry> entries = ReadStream();
  ASSERT_EQ(entries.size(), 120u);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    absl::StatusOr<v1::Event> event = DecodeEntry(entries[i]);
    ASSERT_TRUE(event.ok()) << event.status();
    EXPECT_EQ(event->test_ping().seq(), static_cast<std::int64_t>(i));
    EXPECT_EQ(*entries[i].Field("type"), "TestPing");
    EXPECT_EQ(*entries[i].Field("tenant_id"), "44021");
    EXPECT_EQ(*entries[i].Field("event_id"), event->event_id());
  }
}

TEST_F(RelayTest, RedisDownLeavesEverythingInTheOutbox) {
  Produce(0, 30);
  ASSERT_TRUE(redis_server_->Stop().ok());
  OutboxRelay relay(*conn_.pool, *conn_.redis, FastRelayOptions());
  absl::StatusOr<PublishRound> round = relay.PublishOnce();
  EXPECT_EQ(round.status().code(), absl::StatusCode::kUnavailable) << round.status();
  EXPECT_EQ(Unpublished(), 30);
  EXPECT_FALSE(relay.Stats().last_error.empty());
  absl::StatusOr<OutboxBacklog> backlog = relay.Backlog();
  ASSERT_TRUE(backlog.ok()) << backlog.status();
  EXPECT_EQ(backlog->unpublished, 30);

  ASSERT_TRUE(redis_server_->Start().ok());
  relay.Start();
  ASSERT_TRUE(WaitFor([&] { return Unpublished() == 0; }));
  relay.Stop();
  EXPECT_EQ(ReadStream().size(), 30u);
  EXPECT_TRUE(relay.Stats().last_error.empty());
}

TEST_F(RelayTest, FailureMidBatchMarksOnlyWhatWasPublished) {
  Produce(0, 20);
  FlakyRedis flaky(*conn_.redis, 7);
  OutboxRelay relay(*conn_.pool, flaky, FastRelayOptions());
  absl::StatusOr<PublishRound> round = relay.PublishOnce();
  EXPECT_EQ(round.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(Unpublished(), 13);
  EXPECT_EQ(ReadStream().size(), 7u);
  // The first unpublished row is the one whose XADD failed: order is kept.
  EXPECT_EQ(Scalar("SELECT min(id) FROM meldpunt_outbox WHERE published_at IS NULL"),
            Scalar("SELECT max(id) FROM meldpunt_outbox WHERE published_at IS NOT NULL") + 1);
}

TEST_F(RelayTest, AnotherRelayHoldingTheLockIsLeftAlone) {
  Produce(0, 5);
  pqxx::connection other(db_->dsn());
  pqxx::work holder(other);
  ASSERT_TRUE(holder
                  .exec1("SELECT pg_try_advisory_xact_lock("
                         "hashtextextended('meldpunt_outbox_relay', 0))")[0]
                  .as<bool>());
  OutboxRelay relay(*conn_.pool, *conn_.redis, FastRelayOptions());
  absl::StatusOr<PublishRound> round = relay.PublishOnce();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_TRUE(round->lock_busy);
  EXPECT_EQ(round->published, 0);
  EXPECT_EQ(Unpublished(), 5);
  holder.commit();  // releases the lock
  round = relay.PublishOnce();
  ASSERT_TRUE(round.ok()) << round.status();
  EXPECT_EQ(round->published, 5);
  EXPECT_EQ(relay.Stats().lock_busy, 1u);
}

TEST_F(RelayTest, BackgroundThreadPublishesOnWake) {
  RelayOptions options = FastRelayOptions();
  options.poll_interval = std::chrono::milliseconds(60000);  // only Wake() can explain progress
  OutboxRelay relay(*conn_.pool, *conn_.redis, options);
  relay.Start();
  // The first round runs at start; what is produced afterwards needs a Wake().
  ASSERT_TRUE(WaitFor([&] { return relay.Stats().rounds >= 1; }));
  Produce(0, 10, 10, &relay);
  ASSERT_TRUE(WaitFor([&] { return Unpublished() == 0; }));
  relay.Stop();
  EXPECT_EQ(ReadStream().size(), 10u);
}

TEST_F(RelayTest, BacklogReportsCountAndAge) {
  Produce(0, 3);
  ASSERT_EQ(Scalar("WITH u AS (UPDATE meldpunt_outbox SET created_at = now() - "
                   "interval '90 seconds' RETURNING 1) SELECT count(*) FROM u"), 3);
  OutboxRelay relay(*conn_.pool, *conn_.redis, FastRelayOptions());
  absl::StatusOr<OutboxBacklog> backlog = relay.Backlog();
  ASSERT_TRUE(backlog.ok()) << backlog.status();
  EXPECT_EQ(backlog->unpublished, 3);
  EXPECT_GE(backlog->oldest_age, std::chrono::milliseconds(90000));
  ASSERT_TRUE(relay.PublishOnce().ok());
  backlog = relay.Backlog();
  ASSERT_TRUE(backlog.ok());
  EXPECT_EQ(backlog->unpublished, 0);
  EXPECT_EQ(backlog->oldest_age, std::chrono::milliseconds(0));
}

TEST_F(RelayTest, StreamIsTrimmedApproximately) {
  Produce(0, 1000, 100);
  RelayOptions options = FastRelayOptions();
  options.batch_size = 1000;
  options.stream_maxlen = 100;
  OutboxRelay relay(*conn_.pool, *conn_.redis, options);
  ASSERT_TRUE(relay.PublishOnce().ok());
  std::int64_t length = Redis({"XLEN", kStream});
  EXPECT_GE(length, 100);
  EXPECT_LT(length, 1000);
}

TEST_F(RelayTest, PruneDeletesOnlyOldPublishedRows) {
  Produce(0, 6);
  OutboxRelay relay(*conn_.pool, *conn_.redis, FastRelayOptions());
  ASSERT_TRUE(relay.PublishOnce().ok());
  Produce(6, 8);  // unpublished: never pruned
  ASSERT_EQ(Scalar("WITH u AS (UPDATE meldpunt_outbox SET published_at = now() - "
                   "interval '8 days' WHERE id IN (SELECT id FROM meldpunt_outbox "
                   "WHERE published_at IS NOT NULL ORDER BY id LIMIT 4) RETURNING 1) "
                   "SELECT count(*) FROM u"), 4);
  absl::StatusOr<std::int64_t> pruned = relay.PrunePublished();
  ASSERT_TRUE(pruned.ok()) << pruned.status();
  EXPECT_EQ(*pruned, 4);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_outbox"), 4);
  EXPECT_EQ(Unpublished(), 2);
}

}  // namespace
}  // namespace meldpunt::events::testing
