#include "libs/events/envelope.h"

#include "gtest/gtest.h"
#include "libs/status/status.h"

namespace meldpunt::events {
namespace {

constexpr char kId[] = "0b7e4a52-8d7e-4c4e-9f6a-2f1d3c4b5a69";

v1::Event Ping(const std::string& id) {
  v1::Event event;
  event.set_event_id(id);
  event.set_type("TestPing");
  event.mutable_test_ping()->set_seq(7);
  return event;
}

redis::StreamEntry EntryOf(const v1::Event& event) {
  redis::StreamEntry entry;
  entry.id = "1-0";
  entry.fields = {{"event_id", event.event_id()}, {"payload", event.SerializeAsString()}};
  return entry;
}

TEST(EnvelopeTest, XaddCommandCarriesTheFields) {
  OutboxRecord record{1, kId, "44021", "TestPing", "meldpunt:events:x", std::string("\0b", 2)};
  EXPECT_EQ(XaddCommand(record, 5000),
            (std::vector<std::string>{"XADD", "meldpunt:events:x", "MAXLEN", "~", "5000", "*",
                                      "event_id", kId, "type", "TestPing", "tenant_id", "44021",
                                      "payload", std::string("\0b", 2)}));
  EXPECT_EQ(XaddCommand(record, 0),
            (std::vector<std::string>{"XADD", "meldpunt:events:x", "*", "event_id", kId, "type",
                                      "TestPing", "tenant_id", "44021", "payload",
                                      std::string("\0b", 2)}));
}

TEST(EnvelopeTest, DecodesWhatWasEncoded) {
  absl::StatusOr<v1::Event> event = DecodeEntry(EntryOf(Ping(kId)));
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(event->event_id(), kId);
  EXPECT_EQ(event->test_ping().seq(), 7);
}

TEST(EnvelopeTest, MalformedEntries) {
  redis::StreamEntry no_payload;
  no_payload.id = "1-0";
  redis::StreamEntry garbage = EntryOf(Ping(kId));
  garbage.fields[1].second = "\xff\xff\xff garbage";
  redis::StreamEntry mismatched = EntryOf(Ping(kId));
  mismatched.fields[0].second = "0b7e4a52-8d7e-4c4e-9f6a-000000000000";
  redis::StreamEntry deleted;
  deleted.id = "1-0";
  deleted.deleted = true;
  for (const redis::StreamEntry& entry :
       {no_payload, garbage, EntryOf(Ping("not-a-uuid")), mismatched, deleted}) {
    absl::StatusOr<v1::Event> event = DecodeEntry(entry);
    EXPECT_EQ(event.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(status::Reason(event.status()), kReasonEntryMalformed);
  }
}

}  // namespace
}  // namespace meldpunt::events
