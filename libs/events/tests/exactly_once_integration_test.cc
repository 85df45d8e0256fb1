// The acceptance criteria of the events pipeline: outbox → relay → Redis Streams → consumer
// loses nothing and applies each event's effect exactly once when
//   (a) Redis is stopped and restarted mid-stream (with its data kept, and without), flushed
//       (FLUSHALL), or trims entries before a group read them,
//   (b) the relay process dies between publishing (XADD) and marking the row sent,
//   (c) a consumer process dies between committing the handler's effect and XACK.
// Processes "die" with _exit() in a forked child at exactly the point under test. Poison events
// (d) are in consumer_test.cc.
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "libs/events/outbox.h"
#include "libs/events/tests/harness.h"

namespace meldpunt::events::testing {
namespace {

class ExactlyOnceTest : public EventsTest {
 protected:
  std::unique_ptr<EventConsumer> NewConsumer(EventHandler& handler, ConsumerOptions options,
                                             Connections* conn = nullptr) {
    if (conn == nullptr) conn = &conn_;
    absl::StatusOr<std::unique_ptr<EventConsumer>> consumer =
        EventConsumer::Create(*conn->pool, *conn->redis, handler, options);
    EXPECT_TRUE(consumer.ok()) << consumer.status();
    return consumer.ok() ? *std::move(consumer) : nullptr;
  }
  std::int64_t Applied() { return Scalar("SELECT count(*) FROM applied"); }
  std::int64_t Unpublished() {
    return Scalar("SELECT count(*) FROM meldpunt_outbox WHERE published_at IS NULL");
  }
  std::int64_t Pending() {
    absl::StatusOr<redis::RedisReply> reply = conn_.redis->Command({"XPENDING", kStream, kGroup});
    if (!reply.ok() || !reply->is_array() || reply->elements.empty()) return -1;
    return reply->elements[0].integer;
  }
  void PublishAll() {
    OutboxRelay relay(*conn_.pool, *conn_.redis, FastRelayOptions());
    absl::StatusOr<PublishRound> round;
    do {
      round = relay.PublishOnce();
      ASSERT_TRUE(round.ok()) << round.status();
    } while (round->published > 0);
  }
};

// Parameter: true = Redis crashes (SIGKILL, with appendfsync always so it loses nothing it
// acknowledged); false = a clean shutdown (SIGTERM, the append-only file is flushed).
class DurableRedisTest : public ExactlyOnceTest, public ::testing::WithParamInterface<bool> {
 protected:
  meldpunt::testing::TestRedisOptions RedisOptions() const override {
    meldpunt::testing::TestRedisOptions options;
    options.appendonly = true;
    options.fsync_always = GetParam();
    return options;
  }
};

// (a) Redis keeps its data (append-only file) and restarts while the relay and the consumer
// are both busy; events written during the outage wait in the outbox.
TEST_P(DurableRedisTest, RedisRestartMidStreamAppliesEveryEventOnce) {
  constexpr std::int64_t kN = 500;
  CountingHandler handler;
  OutboxRelay relay(*conn_.pool, *conn_.redis, FastRelayOptions());
  auto consumer = NewConsumer(handler, FastConsumerOptions("c1"));
  relay.Start();
  consumer->Start();

  Produce(0, kN / 2, 10, &relay);
  ASSERT_TRUE(WaitFor([&] { return Applied() >= 100; }));
  const std::uint64_t relay_failures = relay.Stats().failures;
  const std::uint64_t outages = consumer->Stats().outages;
  ASSERT_TRUE((GetParam() ? redis_server_->Kill() : redis_server_->Stop()).ok());
  Produce(kN / 2, kN, 10, &relay);
  // Both sides have run into the outage before Redis comes back.
  ASSERT_TRUE(WaitFor([&] {
    return relay.Stats().failures > relay_failures && consumer->Stats().outages > outages;
  }));
  EXPECT_GT(Unpublished(), 0);
  ASSERT_TRUE(redis_server_->Start().ok());

  ASSERT_TRUE(WaitFor([&] { return Applied() >= kN && Unpublished() == 0 && Pending() == 0; },
                      absl::Seconds(60)));
  relay.Stop();
  consumer->Stop();
  ExpectAppliedExactlyOnce(kN);
  EXPECT_GE(Redis({"XLEN", kStream}), kN);  // more when the relay had to publish some twice
}

INSTANTIATE_TEST_SUITE_P(StopOrCrash, DurableRedisTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Crash" : "CleanStop";
                         });

// (a) Redis restarts EMPTY (no persistence). The outbox still holds everything not yet
// published, and the relay publishes it; the consumer recreates its group. Events that had been
// published but not yet consumed (seq 100..249) were only in Redis's memory: the relay notices
// that the entry it published last is gone and sends every row it still keeps again; the
// consumer skips the 100 it had applied.
TEST_F(ExactlyOnceTest, RedisRestartEmptyRepublishesWhatWasLost) {
  CountingHandler handler;
  OutboxRelay relay(*conn_.pool, *conn_.redis, FastRelayOptions());
  relay.Start();
  auto consumer = NewConsumer(handler, FastConsumerOptions("c1"));
  consumer->Start();

  // 0..99 consumed; 100..249 published while the consumer is away, so they sit in Redis only.
  Produce(0, 100, 10, &relay);
  ASSERT_TRUE(WaitFor([&] { return Applied() == 100; }));
  consumer->Stop();
  Produce(100, 250, 10, &relay);
  ASSERT_TRUE(WaitFor([&] { return Unpublished() == 0; }));

  // Redis goes down and loses everything; 250..499 are written meanwhile.
  const std::uint64_t relay_failures = relay.Stats().failures;
  ASSERT_TRUE(redis_server_->Kill().ok());
  Produce(250, 500, 10, &relay);
  ASSERT_TRUE(WaitFor([&] { return relay.Stats().failures > relay_failures; }));
  ASSERT_TRUE(redis_server_->Start().ok());
  consumer = NewConsumer(handler, FastConsumerOptions("c1"));
  consumer->Start();

  ASSERT_TRUE(WaitFor([&] { return Applied() == 500 && Unpublished() == 0 && Pending() == 0; },
                      absl::Seconds(60)));
  relay.Stop();
  consumer->Stop();
  ExpectAppliedExactlyOnce(500);
  EXPECT_EQ(consumer->Stats().duplicates, 100u);  // 0..99, sent again with the rest
  EXPECT_EQ(relay.Stats().recoveries, 1u);
  EXPECT_EQ(relay.Stats().requeued, 250u);  // 0..249; 250..499 had never been published
}

// FLUSHALL after events were published, some consumed and some not: the relay republishes what
// the outbox keeps, the consumer makes its group again, and every event is applied once.
// Parameter: whether the consumer keeps running through the flush (it then meets NOGROUP) or
// comes back after it.
class FlushAllTest : public ExactlyOnceTest, public ::testing::WithParamInterface<bool> {};

TEST_P(FlushAllTest, EveryEventIsHandledOnce) {
  const bool consumer_runs_through = GetParam();
  CountingHandler handler;
  std::vector<StreamRecovery> recoveries;
  absl::Mutex mu;
  RelayOptions relay_options = FastRelayOptions();
  relay_options.on_recovery = [&](const StreamRecovery& recovery) {
    absl::MutexLock lock(&mu);
    recoveries.push_back(recovery);
  };
  OutboxRelay relay(*conn_.pool, *conn_.redis, relay_options);
  relay.Start();
  auto consumer = NewConsumer(handler, FastConsumerOptions("c1"));
  consumer->Start();
  Produce(0, 100, 10, &relay);
  ASSERT_TRUE(WaitFor([&] { return Applied() == 100; }));
  if (!consumer_runs_through) consumer->Stop();
  Produce(100, 250, 10, &relay);
  ASSERT_TRUE(WaitFor([&] { return Unpublished() == 0; }));

  absl::StatusOr<redis::RedisReply> flushed = conn_.redis->Command({"FLUSHALL"});
  ASSERT_TRUE(flushed.ok()) << flushed.status();
  Produce(250, 300, 10, &relay);
  if (!consumer_runs_through) {
    consumer = NewConsumer(handler, FastConsumerOptions("c1"));
    consumer->Start();
  }

  ASSERT_TRUE(WaitFor([&] { return Applied() == 300 && Unpublished() == 0 && Pending() == 0; },
                      absl::Seconds(60)));
  relay.Stop();
  consumer->Stop();
  ExpectAppliedExactlyOnce(300);
  EXPECT_EQ(relay.Stats().recoveries, 1u);
  absl::MutexLock lock(&mu);
  ASSERT_EQ(recoveries.size(), 1u);
  EXPECT_EQ(recoveries[0].stream, kStream);
  EXPECT_EQ(recoveries[0].requeued, 250);
  EXPECT_FALSE(recoveries[0].cause.empty());
}

INSTANTIATE_TEST_SUITE_P(ConsumerRunningOrNot, FlushAllTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "ConsumerRunsThrough" : "ConsumerComesBack";
                         });

// The stream is trimmed (MAXLEN ~ 100) while its group is away, so most of 300 events are gone
// before the group reads them: the relay's trim check finds the group behind the stream's first
// entry and sends the trimmed ones again. (The second relay does not trim, so what it sends
// stays; a relay that trims while a group stays further behind than stream_maxlen sends the
// same events round again and again, see RelayOptions::stream_maxlen.)
TEST_F(ExactlyOnceTest, EntriesTrimmedBeforeTheGroupReadThemAreSentAgain) {
  constexpr std::int64_t kN = 300;
  CountingHandler handler;
  auto consumer = NewConsumer(handler, FastConsumerOptions("c1"));
  ASSERT_TRUE(consumer->PollOnce().ok());  // the group exists, at the stream's start
  RelayOptions trimming = FastRelayOptions();
  trimming.stream_maxlen = 100;
  trimming.trim_check_interval = std::chrono::milliseconds(0);
  {
    OutboxRelay relay(*conn_.pool, *conn_.redis, trimming);
    Produce(0, kN);
    absl::StatusOr<PublishRound> round;
    do {
      round = relay.PublishOnce();
      ASSERT_TRUE(round.ok()) << round.status();
    } while (round->published > 0);
  }
  const std::int64_t kept = Redis({"XLEN", kStream});
  ASSERT_LT(kept, kN);

  RelayOptions checking = FastRelayOptions();
  checking.stream_maxlen = 0;
  checking.trim_check_interval = std::chrono::milliseconds(1);
  OutboxRelay relay(*conn_.pool, *conn_.redis, checking);
  // The check runs before the group reads on: a group that reads past the trimmed gap between
  // two checks jumps over it unnoticed (a documented limit, README), which a race between the
  // relay's first round and the consumer's first read would otherwise decide.
  auto first = relay.PublishOnce();
  ASSERT_TRUE(first.ok()) << first.status();
  relay.Start();
  consumer->Start();
  ASSERT_TRUE(WaitFor([&] { return Applied() == kN && Unpublished() == 0 && Pending() == 0; }));
  relay.Stop();
  consumer->Stop();
  ExpectAppliedExactlyOnce(kN);
  EXPECT_GE(relay.Stats().recoveries, 1u);
  EXPECT_GE(relay.Stats().requeued, static_cast<std::uint64_t>(kN - kept));
}

// (b) The relay process dies right after the XADD of the k-th event, before it marks anything
// published: a fresh relay publishes those k again, the consumer applies each once.
TEST_F(ExactlyOnceTest, RelayKilledBetweenPublishAndMarkSent) {
  constexpr std::int64_t kN = 100;
  constexpr int kDieAfter = 30;
  Produce(0, kN);
  const int wstatus = RunInChild([&] {
    absl::StatusOr<Connections> conn = Connect();
    if (!conn.ok()) return 3;
    class DieAfter final : public PublishObserver {
     public:
      void AfterPublish(const PublishedEvent&) override {
        if (++published_ == kDieAfter) _exit(kDiedOnPurpose);
      }
      int published_ = 0;
    } observer;
    RelayOptions options = FastRelayOptions();
    options.batch_size = kN;
    OutboxRelay relay(*conn->pool, *conn->redis, options, &observer);
    (void)relay.PublishOnce();
    return 4;  // not reached: the observer ends the process
  });
  ASSERT_TRUE(WIFEXITED(wstatus));
  ASSERT_EQ(WEXITSTATUS(wstatus), kDiedOnPurpose);
  EXPECT_EQ(Redis({"XLEN", kStream}), kDieAfter);  // published...
  EXPECT_EQ(Unpublished(), kN);                     // ...but nothing marked sent

  CountingHandler handler;
  OutboxRelay relay(*conn_.pool, *conn_.redis, FastRelayOptions());
  auto consumer = NewConsumer(handler, FastConsumerOptions("c1"));
  relay.Start();
  consumer->Start();
  ASSERT_TRUE(WaitFor([&] {
    return Unpublished() == 0 && consumer->Stats().acked == kN + kDieAfter;
  }));
  relay.Stop();
  consumer->Stop();
  EXPECT_EQ(Redis({"XLEN", kStream}), kN + kDieAfter);  // the first k are in the stream twice
  ExpectAppliedExactlyOnce(kN);
  EXPECT_EQ(consumer->Stats().duplicates, static_cast<std::uint64_t>(kDieAfter));
  EXPECT_EQ(Pending(), 0);
}

// (c) A consumer process dies after committing the handler's effect for event k and before
// XACK. Its entries stay pending; the next consumer finds k already processed and only
// acknowledges it.
class ConsumerKilledTest : public ExactlyOnceTest,
                           public ::testing::WithParamInterface<bool /*same_name*/> {};

TEST_P(ConsumerKilledTest, BetweenCommitAndAck) {
  constexpr std::int64_t kN = 100;
  constexpr std::int64_t kDieAt = 10;
  Produce(0, kN);
  PublishAll();
  const int wstatus = RunInChild([&] {
    absl::StatusOr<Connections> conn = Connect();
    if (!conn.ok()) return 3;
    class DieAfterCommit final : public ConsumerObserver {
     public:
      void AfterCommit(const v1::Event& event, const std::string&) override {
        if (event.test_ping().seq() == kDieAt) _exit(kDiedOnPurpose);
      }
    } observer;
    CountingHandler handler;
    absl::StatusOr<std::unique_ptr<EventConsumer>> consumer = EventConsumer::Create(
        *conn->pool, *conn->redis, handler, FastConsumerOptions("c1"), &observer);
    if (!consumer.ok()) return 5;
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (absl::Now() < deadline) (void)(*consumer)->PollOnce();
    return 4;  // not reached
  });
  ASSERT_TRUE(WIFEXITED(wstatus));
  ASSERT_EQ(WEXITSTATUS(wstatus), kDiedOnPurpose);
  EXPECT_EQ(Applied(), kDieAt + 1);  // 0..k committed
  EXPECT_GE(Pending(), 1);           // k (and the rest of its batch) not acknowledged

  const bool same_name = GetParam();
  ConsumerOptions options = FastConsumerOptions(same_name ? "c1" : "c2");
  if (same_name) options.claim_min_idle = std::chrono::minutes(10);  // must not need claiming
  CountingHandler handler;
  auto consumer = NewConsumer(handler, options);
  consumer->Start();
  ASSERT_TRUE(WaitFor([&] { return Applied() == kN && Pending() == 0; }));
  consumer->Stop();
  ExpectAppliedExactlyOnce(kN);
  EXPECT_EQ(consumer->Stats().duplicates, 1u);  // event k: acknowledged, not applied again
  if (!same_name) {
    EXPECT_GE(consumer->Stats().claimed, 1u);
  }
}

INSTANTIATE_TEST_SUITE_P(SameOrOtherConsumerName, ConsumerKilledTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "SameName" : "OtherName";
                         });

}  // namespace
}  // namespace meldpunt::events::testing
