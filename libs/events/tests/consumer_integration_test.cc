// The consumer applies each event once, acknowledges it, skips duplicates, parks what it cannot
// handle, and survives Redis losing its data.
#include "libs/events/consumer.h"

#include "absl/strings/str_cat.h"
#include "libs/events/tests/harness.h"
#include "libs/status/status.h"

namespace meldpunt::events::testing {
namespace {

class ConsumerTest : public EventsTest {
 protected:
  std::unique_ptr<EventConsumer> MakeConsumer(EventHandler& handler, const std::string& name,
                                              ConsumerOptions options) {
    options.consumer = name;
    absl::StatusOr<std::unique_ptr<EventConsumer>> consumer =
        EventConsumer::Create(*conn_.pool, *conn_.redis, handler, options);
    EXPECT_TRUE(consumer.ok()) << consumer.status();
    return consumer.ok() ? *std::move(consumer) : nullptr;
  }
  std::unique_ptr<EventConsumer> MakeConsumer(EventHandler& handler, const std::string& name) {
    return MakeConsumer(handler, name, FastConsumerOptions(name));
  }

  // Produces [from, to) and publishes all of it.
  void Publish(std::int64_t from, std::int64_t to) {
    Produce(from, to);
    OutboxRelay relay(*conn_.pool, *conn_.redis, FastRelayOptions());
    absl::StatusOr<PublishRound> round;
    do {
      round = relay.PublishOnce();
      ASSERT_TRUE(round.ok()) << round.status();
    } while (round->published > 0);
  }

  // Runs PollOnce until cond holds (bounded).
  bool PollUntil(EventConsumer& consumer, const std::function<bool()>& cond) {
    return WaitFor([&] {
      absl::StatusOr<int> round = consumer.PollOnce();
      if (!round.ok()) ADD_FAILURE() << round.status();
      return cond();
    });
  }

  std::int64_t Applied() { return Scalar("SELECT count(*) FROM applied"); }
  std::int64_t Parked() { return Scalar("SELECT count(*) FROM meldpunt_parked_events"); }
  std::int64_t Pending() {
    absl::StatusOr<redis::RedisReply> reply = conn_.redis->Command({"XPENDING", kStream, kGroup});
    EXPECT_TRUE(reply.ok()) << reply.status();
    if (!reply.ok() || !reply->is_array() || reply->elements.empty()) return -1;
    return reply->elements[0].integer;
  }

  // An entry the way the relay writes it, for an arbitrary payload.
  void AddRawEntry(const std::vector<std::string>& fields) {
    std::vector<std::string> command = {"XADD", kStream, "*"};
    command.insert(command.end(), fields.begin(), fields.end());
    ASSERT_TRUE(conn_.redis->Command(command).ok());
  }
};

TEST_F(ConsumerTest, AppliesEachEventOnceAndAcknowledges) {
  Publish(0, 40);
  CountingHandler handler;
  auto consumer = MakeConsumer(handler, "c1");
  ASSERT_TRUE(PollUntil(*consumer, [&] { return Applied() == 40; }));
  ExpectAppliedExactlyOnce(40);
  EXPECT_EQ(Pending(), 0);
  ConsumerStats stats = consumer->Stats();
  EXPECT_EQ(stats.handled, 40u);
  EXPECT_EQ(stats.acked, 40u);
  EXPECT_EQ(stats.duplicates, 0u);
  absl::StatusOr<ConsumerLag> lag = consumer->Lag();
  ASSERT_TRUE(lag.ok()) << lag.status();
  EXPECT_EQ(lag->pending, 0);
  ASSERT_TRUE(lag->lag.has_value());
  EXPECT_EQ(*lag->lag, 0);
}

TEST_F(ConsumerTest, LagCountsWhatIsNotYetRead) {
  CountingHandler handler;
  auto consumer = MakeConsumer(handler, "c1");
  ASSERT_TRUE(consumer->PollOnce().ok());  // creates the group
  Publish(0, 7);
  absl::StatusOr<ConsumerLag> lag = consumer->Lag();
  ASSERT_TRUE(lag.ok()) << lag.status();
  EXPECT_EQ(lag->lag, 7);
}

TEST_F(ConsumerTest, DuplicateEntriesAreSkipped) {
  Publish(0, 10);
  // Publish the same rows a second time, as a relay that died before marking them would.
  ASSERT_EQ(Scalar("WITH u AS (UPDATE meldpunt_outbox SET published_at = NULL RETURNING 1) "
                   "SELECT count(*) FROM u"), 10);
  Publish(10, 10);
  ASSERT_EQ(Redis({"XLEN", kStream}), 20);
  CountingHandler handler;
  auto consumer = MakeConsumer(handler, "c1");
  ASSERT_TRUE(PollUntil(*consumer, [&] { return consumer->Stats().acked == 20; }));
  ExpectAppliedExactlyOnce(10);
  EXPECT_EQ(consumer->Stats().duplicates, 10u);
  EXPECT_EQ(handler.calls(), 10);
}

// Acceptance (d): a poison event is retried max_attempts times, parked and acknowledged;
// unparseable entries are parked at once; everything else flows on.
TEST_F(ConsumerTest, PoisonEventsAreParkedAndOthersContinue) {
  Publish(0, 10);
  AddRawEntry({"event_id", "not-a-uuid", "type", "TestPing", "payload", "\xff\x01garbage"});
  AddRawEntry({"note", "no payload at all"});
  Publish(10, 20);
  CountingHandler handler({7});
  auto consumer = MakeConsumer(handler, "c1");
  ASSERT_TRUE(PollUntil(*consumer, [&] { return Applied() == 19 && Parked() == 3; }));
  EXPECT_EQ(Pending(), 0);
  EXPECT_EQ(Scalar("SELECT count(DISTINCT seq) FROM applied"), 19);
  EXPECT_EQ(Scalar("SELECT count(*) FROM applied WHERE seq = 7"), 0);
  // seq 7: three failed attempts, then parked with its payload and marked as parked.
  EXPECT_EQ(Scalar("SELECT attempts FROM meldpunt_event_failures"), 3);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_parked_events WHERE attempts = 3 "
                   "AND event_id IS NOT NULL AND type = 'TestPing' AND payload IS NOT NULL "
                   "AND error LIKE '%poison seq 7%'"), 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_processed_events WHERE outcome = 'parked'"), 1);
  // The unparseable entries: parked at once, without an event id.
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_parked_events WHERE event_id IS NULL "
                   "AND attempts = 0"), 2);
  EXPECT_EQ(handler.calls(), 19 + 3);

  // A later duplicate of the poison event is skipped rather than retried and parked again.
  ASSERT_EQ(Scalar("WITH u AS (UPDATE meldpunt_outbox SET published_at = NULL WHERE id = "
                   "(SELECT id FROM meldpunt_outbox ORDER BY id OFFSET 7 LIMIT 1) RETURNING 1) "
                   "SELECT count(*) FROM u"), 1);
  Publish(20, 20);
  ASSERT_TRUE(PollUntil(*consumer, [&] { return consumer->Stats().duplicates == 1; }));
  EXPECT_EQ(Parked(), 3);
  EXPECT_EQ(handler.calls(), 19 + 3);
  EXPECT_EQ(Pending(), 0);
}

// An outage inside the handler (UNAVAILABLE) is not the event's fault: retried without
// counting towards parking.
TEST_F(ConsumerTest, HandlerOutagesAreNotCountedAsAttempts) {
  class FlakyHandler final : public EventHandler {
   public:
    absl::Status Handle(pqxx::work& tx, const v1::Event& event) override {
      if (++calls_ <= 5) return absl::UnavailableError("downstream down");
      return inner_.Handle(tx, event);
    }
    int calls_ = 0;
    CountingHandler inner_;
  } handler;
  Publish(0, 1);
  auto consumer = MakeConsumer(handler, "c1");  // max_attempts 3 < 5 outages
  ASSERT_TRUE(WaitFor([&] {
    (void)consumer->PollOnce();  // UNAVAILABLE rounds are expected here
    return Applied() == 1;
  }));
  EXPECT_EQ(Parked(), 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_event_failures"), 0);
  EXPECT_GE(consumer->Stats().outages, 5u);
}

TEST_F(ConsumerTest, FailedAttemptsAreForgottenOnSuccess) {
  class FailTwice final : public EventHandler {
   public:
    absl::Status Handle(pqxx::work& tx, const v1::Event& event) override {
      if (++calls_ <= 2) return absl::InternalError("not yet");
      return inner_.Handle(tx, event);
    }
    int calls_ = 0;
    CountingHandler inner_;
  } handler;
  Publish(0, 1);
  auto consumer = MakeConsumer(handler, "c1");
  ASSERT_TRUE(PollUntil(*consumer, [&] { return Applied() == 1; }));
  EXPECT_EQ(Parked(), 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_event_failures"), 0);
  EXPECT_EQ(consumer->Stats().failures, 2u);
}

TEST_F(ConsumerTest, GroupIsCreatedAgainAfterRedisLosesItsData) {
  Publish(0, 5);
  CountingHandler handler;
  auto consumer = MakeConsumer(handler, "c1");
  ASSERT_TRUE(PollUntil(*consumer, [&] { return Applied() == 5; }));
  ASSERT_TRUE(conn_.redis->Command({"FLUSHALL"}).ok());
  Publish(5, 8);
  ASSERT_TRUE(WaitFor([&] {
    (void)consumer->PollOnce();  // the first round after the flush answers NOGROUP
    return Applied() == 8;
  }));
  ExpectAppliedExactlyOnce(8);
}

TEST_F(ConsumerTest, TwoConsumersInOneGroupShareTheWork) {
  Publish(0, 200);
  // And all of it a second time, to make the two race for duplicates.
  ASSERT_EQ(Scalar("WITH u AS (UPDATE meldpunt_outbox SET published_at = NULL RETURNING 1) "
                   "SELECT count(*) FROM u"), 200);
  Publish(200, 200);
  CountingHandler handler;
  // No claiming here: each entry goes to exactly one of the two, so the counts add up exactly.
  ConsumerOptions options = FastConsumerOptions("");
  options.claim_min_idle = std::chrono::minutes(10);
  auto a = MakeConsumer(handler, "a", options);
  auto b = MakeConsumer(handler, "b", options);
  a->Start();
  b->Start();
  ASSERT_TRUE(WaitFor([&] { return a->Stats().acked + b->Stats().acked == 400; }));
  a->Stop();
  b->Stop();
  ExpectAppliedExactlyOnce(200);
  EXPECT_EQ(a->Stats().duplicates + b->Stats().duplicates, 200u);
  EXPECT_EQ(Pending(), 0);
}

TEST_F(ConsumerTest, PruneForgetsOnlyOldMarksOfItsOwnGroup) {
  Publish(0, 6);
  CountingHandler handler;
  auto consumer = MakeConsumer(handler, "c1");
  ASSERT_TRUE(PollUntil(*consumer, [&] { return Applied() == 6; }));
  ASSERT_EQ(Scalar("WITH u AS (UPDATE meldpunt_processed_events SET processed_at = now() - "
                   "interval '31 days' WHERE event_id IN (SELECT event_id FROM "
                   "meldpunt_processed_events ORDER BY event_id LIMIT 4) RETURNING 1) "
                   "SELECT count(*) FROM u"), 4);
  ASSERT_EQ(Scalar("WITH u AS (INSERT INTO meldpunt_processed_events (consumer, event_id, "
                   "processed_at) VALUES ('other-group', gen_random_uuid(), now() - "
                   "interval '1 year') RETURNING 1) SELECT count(*) FROM u"), 1);
  absl::StatusOr<std::int64_t> pruned = consumer->PruneProcessed();
  ASSERT_TRUE(pruned.ok()) << pruned.status();
  EXPECT_EQ(*pruned, 4);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_processed_events"), 3);
}

TEST_F(ConsumerTest, CreateRejectsIncompleteOptions) {
  CountingHandler handler;
  ConsumerOptions options;
  EXPECT_EQ(EventConsumer::Create(*conn_.pool, *conn_.redis, handler, options).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.stream = kStream;
  options.group = kGroup;
  absl::StatusOr<std::unique_ptr<EventConsumer>> consumer =
      EventConsumer::Create(*conn_.pool, *conn_.redis, handler, options);
  ASSERT_TRUE(consumer.ok());
  EXPECT_FALSE((*consumer)->consumer_name().empty());  // "<hostname>-<pid>"
}

}  // namespace
}  // namespace meldpunt::events::testing
