// The status projection: case events from the dispatch stream (written here straight to a test
// Redis, as dispatch's relay will) update the report's status once, in the right tenant only.
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "libs/events/consumer.h"
#include "libs/events/envelope.h"
#include "libs/events/outbox.h"
#include "libs/events/uuid.h"
#include "libs/redis/hiredis_client.h"
#include "libs/testing/test_redis.h"
#include "services/intake/src/events/pg_status_projection.h"
#include "services/intake/tests/intake_fixture.h"

namespace meldpunt::intake::testing {
namespace {

class StatusProjectionConsumerTest : public ReportsTest {
 protected:
  void Seed() override {
    auto server = meldpunt::testing::TestRedis::Create();
    ASSERT_TRUE(server.ok()) << server.status();
    redis_server_ = std::move(*server);
    redis_ = redis_server_->NewClient(std::chrono::milliseconds(2000));
    events::ConsumerOptions co;
    co.stream = events::StreamName("dispatch");
    co.group = kStatusProjectionGroup;
    co.consumer = "test";
    co.block = std::chrono::milliseconds(50);
    auto consumer = events::EventConsumer::Create(*pool_, *redis_, handler_, co);
    ASSERT_TRUE(consumer.ok()) << consumer.status();
    consumer_ = std::move(*consumer);

    st_ = MustCreate(AsCitizen(kSintTruiden, "cit-1"), NewReport("st", "zwerfvuil", GroteMarkt()));
    other_ = MustCreate(AsCitizen(kSintTruiden, "cit-1"), NewReport("st-2", "zwerfvuil", Offset(GroteMarkt(), 100, 0)));
    hs_ = MustCreate(AsCitizen(kHasselt, "cit-2"), NewReport("hs", "zwerfvuil", PointIn(kHasselt, "71022A")));
  }

  void TearDown() override {
    consumer_.reset();
    redis_.reset();
    redis_server_.reset();
    IntakeTest::TearDown();
  }

  // An event as dispatch will publish it, occurred at now + offset.
  events::v1::Event Event(const std::string& tenant, const std::string& aggregate,
                          absl::Duration offset = absl::ZeroDuration()) {
    auto e = events::NewEvent(time::DefaultClock(), tenant, aggregate, "dispatch");
    EXPECT_TRUE(e.ok());
    const absl::Time at = absl::Now() + offset;
    e->mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(at));
    e->mutable_occurred_at()->set_nanos(static_cast<int>(absl::ToUnixMicros(at) % 1000000) * 1000);
    return *e;
  }

  void Publish(events::v1::Event e) {
    e.set_type(events::PayloadType(e));
    events::OutboxRecord record;
    record.event_id = e.event_id();
    record.tenant_id = e.tenant_id();
    record.type = e.type();
    record.stream = events::StreamName("dispatch");
    record.payload = e.SerializeAsString();
    auto added = redis_->Command(events::XaddCommand(record, 0));
    ASSERT_TRUE(added.ok()) << added.status();
  }

  // Polls until everything published is acknowledged.
  void Drain() {
    const absl::Time deadline = absl::Now() + absl::Seconds(20);
    while (absl::Now() < deadline) {
      auto round = consumer_->PollOnce();
      ASSERT_TRUE(round.ok()) << round.status();
      auto lag = consumer_->Lag();
      ASSERT_TRUE(lag.ok()) << lag.status();
      if (lag->pending == 0 && lag->lag.value_or(1) == 0) return;
    }
    FAIL() << "the consumer did not catch up";
  }

  v1::Report Get(const std::string& tenant, const std::string& id) {
    v1::GetReportRequest req;
    req.set_id(id);
    v1::GetReportResponse resp;
    grpc::Status s = stub_->GetReport(As(tenant, roles::ROLE_COORDINATOR).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << Reason(s);
    return resp.report();
  }

  std::unique_ptr<meldpunt::testing::TestRedis> redis_server_;
  std::unique_ptr<redis::HiredisClient> redis_;
  StatusProjectionHandler handler_;
  std::unique_ptr<events::EventConsumer> consumer_;
  v1::Report st_, other_, hs_;
};

TEST_F(StatusProjectionConsumerTest, AssignmentStatusChangesAndMergesReachTheReport) {
  auto assigned = Event(kSintTruiden, "case-1", absl::Seconds(1));
  auto* a = assigned.mutable_case_assigned();
  a->set_case_id("case-1");
  a->set_report_id(st_.id());
  a->set_reference(st_.reference());
  a->set_department_id("dep-7");
  auto* name = a->add_department_names();
  name->set_language(roles::LANGUAGE_NL);
  name->set_text("Stadsmagazijn");
  Publish(assigned);
  Drain();
  auto r = Get(kSintTruiden, st_.id());
  EXPECT_EQ(r.status(), v1::REPORT_STATUS_IN_TREATMENT);
  EXPECT_EQ(r.case_id(), "case-1");
  EXPECT_EQ(r.department_id(), "dep-7");
  ASSERT_EQ(r.department_names_size(), 1);
  EXPECT_EQ(r.department_names(0).text(), "Stadsmagazijn");
  EXPECT_GT(r.status_updated_at().seconds() * 1000000000LL + r.status_updated_at().nanos(),
            st_.status_updated_at().seconds() * 1000000000LL + st_.status_updated_at().nanos());

  auto resolved = Event(kSintTruiden, "case-1", absl::Seconds(2));
  auto* c = resolved.mutable_case_status_changed();
  c->set_case_id("case-1");
  c->set_report_id(st_.id());
  c->set_from_status(roles::CASE_STATUS_ASSIGNED);
  c->set_to_status(roles::CASE_STATUS_RESOLVED);
  c->set_public_note("De zakken zijn opgehaald.");
  Publish(resolved);
  auto merged = Event(kSintTruiden, "case-1", absl::Seconds(3));
  auto* m = merged.mutable_case_merged();
  m->set_primary_case_id("case-1");
  m->set_primary_report_id(st_.id());
  m->add_merged()->set_report_id(other_.id());
  Publish(merged);
  Drain();
  r = Get(kSintTruiden, st_.id());
  EXPECT_EQ(r.status(), v1::REPORT_STATUS_RESOLVED);
  EXPECT_EQ(r.status_note(), "De zakken zijn opgehaald.");
  EXPECT_EQ(r.department_id(), "dep-7");
  auto dup = Get(kSintTruiden, other_.id());
  EXPECT_EQ(dup.status(), v1::REPORT_STATUS_MERGED);
  EXPECT_EQ(dup.duplicate_of_report_id(), st_.id());
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_processed_events WHERE consumer = 'intake'"), 3);
}

TEST_F(StatusProjectionConsumerTest, AnEventIsAppliedOnceAndALateOneChangesNothing) {
  auto closed = Event(kSintTruiden, "case-1");
  closed.mutable_case_status_changed()->set_report_id(st_.id());
  closed.mutable_case_status_changed()->set_to_status(roles::CASE_STATUS_CLOSED);
  Publish(closed);
  Publish(closed);  // delivered twice, as after a relay crash
  Drain();
  auto r = Get(kSintTruiden, st_.id());
  EXPECT_EQ(r.status(), v1::REPORT_STATUS_CLOSED);
  const auto updated = r.status_updated_at();
  EXPECT_EQ(consumer_->Stats().duplicates, 1u);

  // An assignment that happened before the closing arrives late: the newer status stands.
  auto late = Event(kSintTruiden, "case-1", -absl::Minutes(5));
  late.mutable_case_assigned()->set_report_id(st_.id());
  late.mutable_case_assigned()->set_department_id("dep-late");
  Publish(late);
  Drain();
  r = Get(kSintTruiden, st_.id());
  EXPECT_EQ(r.status(), v1::REPORT_STATUS_CLOSED);
  EXPECT_EQ(r.department_id(), "");
  EXPECT_EQ(r.status_updated_at().seconds(), updated.seconds());
}

TEST_F(StatusProjectionConsumerTest, EventsOfAnotherTenantNeverTouchAReport) {
  // Hasselt's event naming Sint-Truiden's report, and one naming a report that does not exist.
  auto foreign = Event(kHasselt, "case-x");
  foreign.mutable_case_status_changed()->set_report_id(st_.id());
  foreign.mutable_case_status_changed()->set_to_status(roles::CASE_STATUS_REJECTED);
  Publish(foreign);
  auto unknown = Event(kSintTruiden, "case-y");
  unknown.mutable_case_status_changed()->set_report_id("00000000-0000-4000-8000-000000000009");
  unknown.mutable_case_status_changed()->set_to_status(roles::CASE_STATUS_CLOSED);
  Publish(unknown);
  auto own = Event(kHasselt, "case-h");
  own.mutable_case_status_changed()->set_report_id(hs_.id());
  own.mutable_case_status_changed()->set_to_status(roles::CASE_STATUS_IN_PROGRESS);
  Publish(own);
  Drain();
  EXPECT_EQ(Get(kSintTruiden, st_.id()).status(), v1::REPORT_STATUS_RECEIVED);
  EXPECT_EQ(Get(kHasselt, hs_.id()).status(), v1::REPORT_STATUS_IN_TREATMENT);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_parked_events"), 0);
}

}  // namespace
}  // namespace meldpunt::intake::testing
