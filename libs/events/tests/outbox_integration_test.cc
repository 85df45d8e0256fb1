// AppendToOutbox writes within the caller's transaction: the event exists exactly when the
// state change does.
#include "libs/events/outbox.h"

#include <pqxx/binarystring>
#include <pqxx/nontransaction>

#include "libs/events/tests/harness.h"
#include "libs/status/status.h"

namespace meldpunt::events::testing {
namespace {

class OutboxTest : public EventsTest {
 protected:
  v1::Event Ping(std::int64_t seq) {
    absl::StatusOr<v1::Event> event = NewEvent(time::DefaultClock(), "44021", "agg-1", "test");
    EXPECT_TRUE(event.ok());
    event->mutable_test_ping()->set_seq(seq);
    return *event;
  }
};

TEST_F(OutboxTest, EventCommitsWithTheStateChange) {
  v1::Event event = Ping(1);
  absl::Status status = pg::Transact(*conn_.pool, [&](pqxx::work& tx) -> absl::Status {
    tx.exec0("INSERT INTO produced (seq) VALUES (1)");
    return AppendToOutbox(tx, kStream, event);
  });
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(Scalar("SELECT count(*) FROM produced"), 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_outbox WHERE published_at IS NULL"), 1);

  std::string payload;
  ASSERT_TRUE(conn_.pool->WithConnection([&](pqxx::connection& c) -> absl::Status {
    pqxx::nontransaction tx(c);
    pqxx::row row = tx.exec1(
        "SELECT event_id::text, tenant_id, type, stream, payload FROM meldpunt_outbox");
    EXPECT_EQ(row[0].as<std::string>(), event.event_id());
    EXPECT_EQ(row[1].as<std::string>(), "44021");
    EXPECT_EQ(row[2].as<std::string>(), "TestPing");
    EXPECT_EQ(row[3].as<std::string>(), kStream);
    payload = pqxx::binarystring(row[4]).str();
    return absl::OkStatus();
  }).ok());
  v1::Event stored;
  ASSERT_TRUE(stored.ParseFromString(payload));
  EXPECT_EQ(stored.type(), "TestPing");  // filled in from the payload
  EXPECT_EQ(stored.test_ping().seq(), 1);
  EXPECT_EQ(stored.event_id(), event.event_id());
}

TEST_F(OutboxTest, RollbackTakesTheEventWithIt) {
  absl::Status status = pg::Transact(*conn_.pool, [&](pqxx::work& tx) -> absl::Status {
    tx.exec0("INSERT INTO produced (seq) VALUES (1)");
    if (absl::Status s = AppendToOutbox(tx, kStream, Ping(1)); !s.ok()) return s;
    return absl::AbortedError("the state change failed after all");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(Scalar("SELECT count(*) FROM produced"), 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_outbox"), 0);
}

TEST_F(OutboxTest, ReusedEventIdIsAlreadyExists) {
  v1::Event event = Ping(1);
  ASSERT_TRUE(pg::Transact(*conn_.pool, [&](pqxx::work& tx) {
                return AppendToOutbox(tx, kStream, event);
              }).ok());
  absl::Status again = pg::Transact(*conn_.pool, [&](pqxx::work& tx) {
    return AppendToOutbox(tx, kStream, event);
  });
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists) << again;
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_outbox"), 1);
}

TEST_F(OutboxTest, InvalidEventsAreRefusedBeforeTheDatabase) {
  v1::Event no_payload = Ping(1);
  no_payload.clear_payload();
  v1::Event bad_id = Ping(1);
  bad_id.set_event_id("42");
  v1::Event wrong_type = Ping(1);
  wrong_type.set_type("ReportSubmitted");
  v1::Event not_utf8 = Ping(1);
  not_utf8.mutable_test_ping()->set_text("\xff\xfe");
  for (const auto& [event, stream] : std::vector<std::pair<v1::Event, std::string>>{
           {no_payload, kStream}, {bad_id, kStream}, {wrong_type, kStream}, {Ping(1), ""},
           {not_utf8, kStream}}) {
    absl::Status status = pg::Transact(*conn_.pool, [&](pqxx::work& tx) {
      return AppendToOutbox(tx, stream, event);
    });
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
    EXPECT_EQ(status::Reason(status), kReasonEventInvalid);
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_outbox"), 0);
}

TEST_F(OutboxTest, RequeuePublishedSendsRowsAgain) {
  Produce(0, 5);
  ASSERT_EQ(Scalar("WITH u AS (UPDATE meldpunt_outbox SET published_at = now() - "
                   "interval '1 hour' WHERE id IN (SELECT id FROM meldpunt_outbox ORDER BY id "
                   "LIMIT 2) RETURNING 1) SELECT count(*) FROM u"), 2);
  ASSERT_EQ(Scalar("WITH u AS (UPDATE meldpunt_outbox SET published_at = now() "
                   "WHERE published_at IS NULL RETURNING 1) SELECT count(*) FROM u"), 3);
  absl::StatusOr<std::int64_t> requeued =
      RequeuePublished(*conn_.pool, absl::Now() - absl::Minutes(10));
  ASSERT_TRUE(requeued.ok()) << requeued.status();
  EXPECT_EQ(*requeued, 3);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_outbox WHERE published_at IS NULL"), 3);
}

}  // namespace
}  // namespace meldpunt::events::testing
