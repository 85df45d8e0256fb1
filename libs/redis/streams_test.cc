#include "libs/redis/streams.h"

#include "gtest/gtest.h"
#include "libs/redis/reply_reader.h"
#include "libs/status/status.h"

namespace meldpunt::redis {
namespace {

RedisReply S(std::string s) { return RedisReply::String(std::move(s)); }
RedisReply A(std::vector<RedisReply> e) { return RedisReply::Array(std::move(e)); }

RedisReply Entry(std::string id, std::vector<std::string> kv) {
  std::vector<RedisReply> fields;
  for (auto& s : kv) fields.push_back(S(s));
  return A({S(std::move(id)), A(std::move(fields))});
}

TEST(RedisStreamsTest, ParsesXReadGroup) {
  RedisReply reply = A({A({S("s"), A({Entry("1-0", {"event_id", "e1", "payload", std::string("\0x", 2)}),
                                       A({S("2-0"), RedisReply::Nil()})})})});
  absl::StatusOr<std::vector<StreamEntry>> entries = ParseStreamRead(reply);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].id, "1-0");
  ASSERT_NE((*entries)[0].Field("payload"), nullptr);
  EXPECT_EQ(*(*entries)[0].Field("payload"), std::string("\0x", 2));
  EXPECT_EQ((*entries)[0].Field("missing"), nullptr);
  EXPECT_FALSE((*entries)[0].deleted);
  EXPECT_TRUE((*entries)[1].deleted);
}

TEST(RedisStreamsTest, NilIsNoEntries) {
  absl::StatusOr<std::vector<StreamEntry>> entries = ParseStreamRead(RedisReply::Nil());
  ASSERT_TRUE(entries.ok());
  EXPECT_TRUE(entries->empty());
}

TEST(RedisStreamsTest, MalformedShapesAreErrors) {
  for (const RedisReply& bad : {
           RedisReply::Integer(1),
           A({S("s")}),
           A({A({S("s"), RedisReply::Integer(3)})}),
           A({A({S("s"), A({Entry("1-0", {"odd"})})})}),
           A({A({S("s"), A({A({RedisReply::Integer(1), A({})})})})}),
           A({A({S("s"), A({A({S("1-0"), A({S("k"), A({})})})})})}),
       }) {
    absl::StatusOr<std::vector<StreamEntry>> entries = ParseStreamRead(bad);
    EXPECT_FALSE(entries.ok()) << bad.DebugString();
    EXPECT_EQ(status::Reason(entries.status()), kReasonReplyMalformed);
  }
}

TEST(RedisStreamsTest, ParsesAutoClaimOfRedis7) {
  RedisReply reply = A({S("0-0"), A({Entry("5-0", {"k", "v"})}), A({S("4-0")})});
  absl::StatusOr<AutoClaimResult> result = ParseAutoClaim(reply);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next_cursor, "0-0");
  ASSERT_EQ(result->entries.size(), 1u);
  EXPECT_EQ(result->entries[0].id, "5-0");
  EXPECT_EQ(result->deleted_ids, std::vector<std::string>{"4-0"});
}

TEST(RedisStreamsTest, ParsesAutoClaimOfRedis62) {
  RedisReply reply = A({S("7-0"), A({RedisReply::Nil(), Entry("6-0", {"k", "v"})})});
  absl::StatusOr<AutoClaimResult> result = ParseAutoClaim(reply);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->next_cursor, "7-0");
  ASSERT_EQ(result->entries.size(), 1u);
  EXPECT_TRUE(result->deleted_ids.empty());
  EXPECT_FALSE(ParseAutoClaim(A({S("0-0")})).ok());
}

TEST(RedisStreamsTest, ParsesGroupsInfoFromTheWire) {
  // As Redis 7.0 sends it, lag unknown in the second group.
  absl::StatusOr<std::vector<RedisReply>> replies = ParseReplies(
      "*2\r\n"
      "*12\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:2\r\n$7\r\npending\r\n:3\r\n"
      "$17\r\nlast-delivered-id\r\n$3\r\n9-0\r\n$12\r\nentries-read\r\n:9\r\n$3\r\nlag\r\n:4\r\n"
      "*12\r\n$4\r\nname\r\n$1\r\nh\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n"
      "$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n");
  ASSERT_TRUE(replies.ok()) << replies.status();
  absl::StatusOr<std::vector<GroupInfo>> groups = ParseGroupsInfo((*replies)[0]);
  ASSERT_TRUE(groups.ok()) << groups.status();
  ASSERT_EQ(groups->size(), 2u);
  EXPECT_EQ((*groups)[0].name, "g");
  EXPECT_EQ((*groups)[0].consumers, 2);
  EXPECT_EQ((*groups)[0].pending, 3);
  EXPECT_EQ((*groups)[0].last_delivered_id, "9-0");
  EXPECT_EQ((*groups)[0].lag, 4);
  EXPECT_EQ((*groups)[1].name, "h");
  EXPECT_FALSE((*groups)[1].lag.has_value());
  EXPECT_FALSE(ParseGroupsInfo(A({A({S("odd")})})).ok());
}

TEST(RedisStreamsTest, StreamIdsOrderNumerically) {
  std::optional<StreamId> a = ParseStreamId("999-5");
  std::optional<StreamId> b = ParseStreamId("1000-0");
  std::optional<StreamId> c = ParseStreamId("1000");
  ASSERT_TRUE(a && b && c);
  EXPECT_LT(*a, *b);  // "999-5" > "1000-0" as text
  EXPECT_EQ(*b, *c);
  EXPECT_EQ(ParseStreamId("18446744073709551615-7")->ToString(), "18446744073709551615-7");
  for (const char* bad : {"", "-", "1-", "-1", "a-1", "1-b", "+1-0", " 1-0", "1-2-3"}) {
    EXPECT_FALSE(ParseStreamId(bad).has_value()) << bad;
  }
}

TEST(RedisStreamsTest, ParsesXInfoStream) {
  RedisReply reply = A({S("length"), RedisReply::Integer(3), S("last-generated-id"), S("20-1"),
                        S("max-deleted-entry-id"), S("10-0"), S("entries-added"),
                        RedisReply::Integer(7), S("first-entry"), Entry("11-0", {"a", "b"})});
  absl::StatusOr<StreamInfo> info = ParseStreamInfo(reply);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->length, 3);
  EXPECT_EQ(info->last_generated_id, (StreamId{20, 1}));
  EXPECT_EQ(info->max_deleted_entry_id, (StreamId{10, 0}));
  EXPECT_EQ(info->entries_added, 7);
  EXPECT_EQ(info->first_entry_id, (StreamId{11, 0}));

  // Redis 6.2 has no max-deleted-entry-id or entries-added.
  info = ParseStreamInfo(A({S("length"), RedisReply::Integer(0), S("last-generated-id"), S("0-0")}));
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_FALSE(info->max_deleted_entry_id.has_value());
  EXPECT_FALSE(info->entries_added.has_value());
  EXPECT_FALSE(info->first_entry_id.has_value());

  EXPECT_FALSE(ParseStreamInfo(A({S("length"), RedisReply::Integer(0)})).ok());
  EXPECT_FALSE(ParseStreamInfo(A({S("last-generated-id"), S("x")})).ok());
  EXPECT_FALSE(ParseStreamInfo(S("nope")).ok());
}

}  // namespace
}  // namespace meldpunt::redis
