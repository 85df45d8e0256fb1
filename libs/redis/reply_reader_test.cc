#include "libs/redis/reply_reader.h"

#include <string>

#include "gtest/gtest.h"

namespace meldpunt::redis {
namespace {

using Type = RedisReply::Type;

RedisReply ParseOne(std::string_view bytes) {
  absl::StatusOr<std::vector<RedisReply>> replies = ParseReplies(bytes);
  EXPECT_TRUE(replies.ok()) << replies.status();
  if (!replies.ok() || replies->size() != 1) {
    ADD_FAILURE() << "expected exactly one reply";
    return RedisReply::Nil();
  }
  return (*replies)[0];
}

TEST(ReplyReaderTest, ScalarTypes) {
  EXPECT_EQ(ParseOne("+OK\r\n"), RedisReply::Status("OK"));
  EXPECT_EQ(ParseOne("-NOGROUP no such group\r\n"), RedisReply::Error("NOGROUP no such group"));
  EXPECT_EQ(ParseOne(":-42\r\n"), RedisReply::Integer(-42));
  EXPECT_EQ(ParseOne("$5\r\nhello\r\n"), RedisReply::String("hello"));
  EXPECT_EQ(ParseOne("$0\r\n\r\n"), RedisReply::String(""));
  EXPECT_EQ(ParseOne("$-1\r\n"), RedisReply::Nil());
  EXPECT_EQ(ParseOne("*-1\r\n"), RedisReply::Nil());
}

TEST(ReplyReaderTest, BulkStringsAreBinarySafe) {
  const std::string payload("a\0b\r\nc\xff", 7);
  RedisReply reply = ParseOne("$7\r\n" + payload + "\r\n");
  ASSERT_TRUE(reply.is_string());
  EXPECT_EQ(reply.str, payload);
}

TEST(ReplyReaderTest, NestedArrays) {
  RedisReply reply = ParseOne(
      "*3\r\n"
      "*2\r\n$2\r\nid\r\n*2\r\n$1\r\nk\r\n$1\r\nv\r\n"
      "$-1\r\n"
      "*0\r\n");
  RedisReply expected = RedisReply::Array({
      RedisReply::Array({RedisReply::String("id"),
                         RedisReply::Array({RedisReply::String("k"), RedisReply::String("v")})}),
      RedisReply::Nil(),
      RedisReply::Array({}),
  });
  EXPECT_EQ(reply, expected) << reply.DebugString();
}

TEST(ReplyReaderTest, ManyElementsKeepTheirOrder) {
  std::string bytes = "*1000\r\n";
  for (int i = 0; i < 1000; ++i) bytes += ":" + std::to_string(i) + "\r\n";
  RedisReply reply = ParseOne(bytes);
  ASSERT_EQ(reply.elements.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(reply.elements[i].integer, i);
}

TEST(ReplyReaderTest, SeveralRepliesInOneBuffer) {
  absl::StatusOr<std::vector<RedisReply>> replies = ParseReplies("+A\r\n:1\r\n$1\r\nx\r\n");
  ASSERT_TRUE(replies.ok()) << replies.status();
  ASSERT_EQ(replies->size(), 3u);
  EXPECT_EQ((*replies)[2], RedisReply::String("x"));
}

TEST(ReplyReaderTest, UnknownTypeByteIsAProtocolError) {
  absl::StatusOr<std::vector<RedisReply>> replies = ParseReplies("!oops\r\n");
  EXPECT_EQ(replies.status().code(), absl::StatusCode::kDataLoss);
}

TEST(ReplyReaderTest, ProtocolErrorInsideAnArrayFreesThePartialReply) {
  absl::StatusOr<std::vector<RedisReply>> replies = ParseReplies("*3\r\n:1\r\n*2\r\n:2\r\n?\r\n");
  EXPECT_EQ(replies.status().code(), absl::StatusCode::kDataLoss);
}

TEST(ReplyReaderTest, NegativeArrayLengthIsRejected) {
  absl::StatusOr<std::vector<RedisReply>> replies = ParseReplies("*-5\r\n");
  EXPECT_EQ(replies.status().code(), absl::StatusCode::kDataLoss);
}

TEST(ReplyReaderTest, AbsurdDeclaredSizesWaitForDataInsteadOfAllocating) {
  // A lying server: the reply is simply incomplete, nothing is reserved for it.
  EXPECT_EQ(ParseReplies("*2000000000\r\n:1\r\n").status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(ParseReplies("$9223372036854775807\r\nabc").status().code(),
            absl::StatusCode::kOutOfRange);
  EXPECT_EQ(ParseReplies("$4294967296\r\nabc\r\n").status().code(),
            absl::StatusCode::kOutOfRange);
}

TEST(ReplyReaderTest, NestingDeeperThanHiredisSupportsIsAnError) {
  std::string bytes;
  for (int i = 0; i < 12; ++i) bytes += "*1\r\n";
  bytes += ":1\r\n";
  EXPECT_EQ(ParseReplies(bytes).status().code(), absl::StatusCode::kDataLoss);
}

TEST(ReplyReaderTest, IncompleteInputIsOutOfRange) {
  EXPECT_EQ(ParseReplies("$5\r\nhel").status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(ParseReplies("*2\r\n:1\r\n").status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(ParseReplies("+OK").status().code(), absl::StatusCode::kOutOfRange);
}

TEST(ReplyReaderTest, GarbageNeverCrashes) {
  // Every prefix and a few mutations of a valid nested reply: each must end in a value or an
  // error (run under ASan to also see leaks and bad accesses).
  const std::string valid = "*3\r\n*2\r\n$2\r\nid\r\n*2\r\n$1\r\nk\r\n$1\r\nv\r\n$-1\r\n:7\r\n";
  for (std::size_t n = 0; n <= valid.size(); ++n) {
    (void)ParseReplies(valid.substr(0, n));
    for (char c : std::string("*$:+-\r\n0-9\xff")) {
      if (n == valid.size()) break;
      std::string mutated = valid;
      mutated[n] = c;
      (void)ParseReplies(mutated);
    }
  }
}

TEST(ReplyTest, DebugStringEscapesAndShortens) {
  EXPECT_EQ(RedisReply::String(std::string("a\0z", 3)).DebugString(), "\"a\\x00z\"");
  EXPECT_NE(RedisReply::String(std::string(1000, 'x')).DebugString().find("(1000 bytes)"),
            std::string::npos);
  EXPECT_EQ(RedisReply::Array({RedisReply::Integer(1), RedisReply::Nil()}).DebugString(),
            "[(integer) 1, (nil)]");
}

}  // namespace
}  // namespace meldpunt::redis
