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

}  // namespace
}  // namespace meldpunt::redis
