// The decisions of stream_loss.h against scripted Redis replies (the real Redis cases, a
// restart, FLUSHALL and trimming, are in tests/exactly_once_integration_test.cc).
#include "libs/events/stream_loss.h"

#include <deque>

#include "gtest/gtest.h"

namespace meldpunt::events {
namespace {

using redis::RedisReply;
using redis::StreamId;

RedisReply S(std::string s) { return RedisReply::String(std::move(s)); }
RedisReply I(std::int64_t i) { return RedisReply::Integer(i); }
RedisReply A(std::vector<RedisReply> e) { return RedisReply::Array(std::move(e)); }

RedisReply Info(const std::string& last_generated, const std::string& first = "") {
  return A({S("length"), I(1), S("last-generated-id"), S(last_generated),
            S("max-deleted-entry-id"), S("0-0"), S("first-entry"),
            first.empty() ? RedisReply::Nil() : A({S(first), A({S("event_id"), S("x")})})});
}

// Answers commands with the scripted replies in order and records what was asked.
class ScriptedRedis final : public redis::RedisClient {
 public:
  explicit ScriptedRedis(std::deque<RedisReply> replies) : replies_(std::move(replies)) {}
  absl::StatusOr<RedisReply> Command(const std::vector<std::string>& args) override {
    commands.push_back(args[0] + (args.size() > 1 ? " " + args[1] : ""));
    if (replies_.empty()) return absl::InternalError("unscripted command " + args[0]);
    RedisReply reply = std::move(replies_.front());
    replies_.pop_front();
    return reply;
  }
  std::vector<std::string> commands;

 private:
  std::deque<RedisReply> replies_;
};

TEST(CheckLastPublishedTest, EntryStillThereIsNoLoss) {
  ScriptedRedis redis({A({A({S("20-0"), A({S("event_id"), S("x")})})})});
  auto lost = CheckLastPublished(redis, "s", StreamId{20, 0});
  ASSERT_TRUE(lost.ok()) << lost.status();
  EXPECT_FALSE(lost->has_value());
  EXPECT_EQ(redis.commands, std::vector<std::string>{"XRANGE s"});
}

TEST(CheckLastPublishedTest, MissingStreamLosesEverything) {
  ScriptedRedis redis({A({}), I(0)});
  auto lost = CheckLastPublished(redis, "s", StreamId{20, 0});
  ASSERT_TRUE(lost.ok()) << lost.status();
  ASSERT_TRUE(lost->has_value());
  EXPECT_EQ((*lost)->after, StreamId{});
  EXPECT_FALSE((*lost)->through.has_value());
}

TEST(CheckLastPublishedTest, StreamCreatedAgainLosesEverything) {
  // FLUSHALL, then a consumer's MKSTREAM (0-0) or new entries with later ids.
  for (const char* last_generated : {"0-0", "99-0"}) {
    ScriptedRedis redis({A({}), I(1), Info(last_generated)});
    auto lost = CheckLastPublished(redis, "s", StreamId{20, 0});
    ASSERT_TRUE(lost.ok()) << lost.status();
    ASSERT_TRUE(lost->has_value()) << last_generated;
    EXPECT_EQ((*lost)->after, StreamId{}) << last_generated;
    EXPECT_FALSE((*lost)->through.has_value());
  }
}

TEST(CheckLastPublishedTest, StreamRolledBackLosesWhatFollowsItsEnd) {
  // A replica that was behind: it ends at 12-3, before our 20-0.
  ScriptedRedis redis({A({}), I(1), Info("12-3")});
  auto lost = CheckLastPublished(redis, "s", StreamId{20, 0});
  ASSERT_TRUE(lost.ok()) << lost.status();
  ASSERT_TRUE(lost->has_value());
  EXPECT_EQ((*lost)->after, (StreamId{12, 3}));
  EXPECT_FALSE((*lost)->through.has_value());
}

TEST(CheckLastPublishedTest, RedisErrorsComeBack) {
  ScriptedRedis redis({});
  EXPECT_FALSE(CheckLastPublished(redis, "s", StreamId{20, 0}).ok());
}

redis::GroupInfo Group(std::string name, std::string last_delivered) {
  redis::GroupInfo group;
  group.name = std::move(name);
  group.last_delivered_id = std::move(last_delivered);
  return group;
}

TEST(TrimmedUnreadTest, TrimmedPastTheSlowestGroupIsLost) {
  redis::StreamInfo info;
  info.last_generated_id = StreamId{99, 0};
  info.first_entry_id = StreamId{51, 0};
  std::optional<LostEntries> lost =
      TrimmedUnread("s", info, {Group("fast", "90-0"), Group("slow", "30-1")});
  ASSERT_TRUE(lost.has_value());
  EXPECT_EQ(lost->after, (StreamId{30, 1}));
  EXPECT_EQ(lost->through, (StreamId{50, ~std::uint64_t{0}}));  // everything before 51-0
  EXPECT_NE(lost->cause.find("slow"), std::string::npos);

  info.first_entry_id = StreamId{51, 4};
  EXPECT_EQ(TrimmedUnread("s", info, {Group("slow", "30-1")})->through, (StreamId{51, 3}));
  info.first_entry_id.reset();  // empty: everything up to the last id is gone
  EXPECT_EQ(TrimmedUnread("s", info, {Group("slow", "30-1")})->through, (StreamId{99, 0}));
  info.first_entry_id = StreamId{60, 0};
  info.max_deleted_entry_id = StreamId{70, 0};  // XDEL further on
  EXPECT_EQ(TrimmedUnread("s", info, {Group("slow", "30-1")})->through, (StreamId{70, 0}));
}

TEST(TrimmedUnreadTest, WhatEveryGroupReadIsNoLoss) {
  redis::StreamInfo info;
  info.last_generated_id = StreamId{99, 0};
  info.first_entry_id = StreamId{50, 8};
  EXPECT_FALSE(TrimmedUnread("s", info, {Group("a", "50-7"), Group("b", "70-0")}).has_value());
  EXPECT_FALSE(TrimmedUnread("s", info, {}).has_value());  // no group to lose anything
  info.last_generated_id = StreamId{};                      // a new, empty stream
  info.first_entry_id.reset();
  EXPECT_FALSE(TrimmedUnread("s", info, {Group("a", "0-0")}).has_value());
}

TEST(CheckTrimmedUnreadTest, MissingStreamIsLeftToCheckLastPublished) {
  ScriptedRedis redis({I(0)});
  auto lost = CheckTrimmedUnread(redis, "s");
  ASSERT_TRUE(lost.ok()) << lost.status();
  EXPECT_FALSE(lost->has_value());
}

TEST(CheckTrimmedUnreadTest, AsksForStreamAndGroups) {
  ScriptedRedis redis({I(1), Info("90-0", "40-1"),
                       A({A({S("name"), S("g"), S("last-delivered-id"), S("10-0")})})});
  auto lost = CheckTrimmedUnread(redis, "s");
  ASSERT_TRUE(lost.ok()) << lost.status();
  ASSERT_TRUE(lost->has_value());
  EXPECT_EQ((*lost)->after, (StreamId{10, 0}));
  EXPECT_EQ((*lost)->through, (StreamId{40, 0}));  // just before the first entry
  EXPECT_EQ(redis.commands,
            (std::vector<std::string>{"EXISTS s", "XINFO STREAM", "XINFO GROUPS"}));
}

}  // namespace
}  // namespace meldpunt::events
