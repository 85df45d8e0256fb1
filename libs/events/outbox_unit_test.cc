#include "libs/events/outbox.h"

#include <set>

#include "gtest/gtest.h"
#include "libs/events/uuid.h"
#include "libs/testing/fake_clock.h"

namespace meldpunt::events {
namespace {

using FixedClock = testing::FakeClock;

TEST(UuidTest, FreshIdsAreVersion4AndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    absl::StatusOr<std::string> id = NewUuidV4();
    ASSERT_TRUE(id.ok());
    EXPECT_TRUE(IsUuid(*id)) << *id;
    EXPECT_EQ((*id)[14], '4');
    EXPECT_NE(std::string("89ab").find((*id)[19]), std::string::npos);
    seen.insert(*id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(UuidTest, RecognisesTheCanonicalForm) {
  EXPECT_TRUE(IsUuid("0B7E4A52-8D7E-4C4E-9F6A-2F1D3C4B5A69"));
  EXPECT_FALSE(IsUuid(""));
  EXPECT_FALSE(IsUuid("0b7e4a52-8d7e-4c4e-9f6a-2f1d3c4b5a6"));
  EXPECT_FALSE(IsUuid("0b7e4a52x8d7e-4c4e-9f6a-2f1d3c4b5a69"));
  EXPECT_FALSE(IsUuid("0b7e4a52-8d7e-4c4e-9f6a-2f1d3c4b5a6g"));
  EXPECT_FALSE(IsUuid("{0b7e4a52-8d7e-4c4e-9f6a-2f1d3c4b5a6}"));
}

TEST(NewEventTest, NewEventFillsTheEnvelope) {
  FixedClock clock(absl::FromUnixMicros(1700000000123456));
  absl::StatusOr<v1::Event> event = NewEvent(clock, "44021", "report-1", "intake");
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(IsUuid(event->event_id()));
  EXPECT_EQ(event->tenant_id(), "44021");
  EXPECT_EQ(event->aggregate_id(), "report-1");
  EXPECT_EQ(event->producer(), "intake");
  EXPECT_EQ(event->occurred_at().seconds(), 1700000000);
  EXPECT_EQ(event->occurred_at().nanos(), 123456000);
  EXPECT_EQ(PayloadType(*event), "");
}

TEST(NewEventTest, TimesBefore1970HaveNonNegativeNanos) {
  FixedClock clock(absl::FromUnixMicros(-1500000));
  absl::StatusOr<v1::Event> event = NewEvent(clock, "t", "a", "p");
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->occurred_at().seconds(), -2);
  EXPECT_EQ(event->occurred_at().nanos(), 500000000);
}

TEST(NewEventTest, PayloadTypeIsTheMessageName) {
  v1::Event event;
  event.mutable_test_ping()->set_seq(1);
  EXPECT_EQ(PayloadType(event), "TestPing");
}

TEST(NewEventTest, StreamName) { EXPECT_EQ(StreamName("intake"), "meldpunt:events:intake"); }

}  // namespace
}  // namespace meldpunt::events
