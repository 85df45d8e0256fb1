#include "libs/redis/errors.h"

#include "gtest/gtest.h"
#include "libs/status/status.h"

namespace meldpunt::redis {
namespace {

TEST(RedisErrorsTest, ErrorReplyKeepsItsCode) {
  absl::Status s = ErrorReplyToStatus("BUSYGROUP Consumer Group name already exists");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status::Reason(s), kReasonError);
  EXPECT_EQ(RedisErrorCode(s), "BUSYGROUP");
  EXPECT_TRUE(IsRedisError(s, "BUSYGROUP"));
  EXPECT_FALSE(IsRedisError(s, "NOGROUP"));
  EXPECT_NE(s.message().find("Consumer Group name already exists"), std::string::npos);
}

TEST(RedisErrorsTest, TransientErrorsAreUnavailable) {
  for (const char* text : {"LOADING Redis is loading the dataset in memory", "BUSY script",
                           "TRYAGAIN", "MASTERDOWN link down"}) {
    absl::Status s = ErrorReplyToStatus(text);
    EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << text;
    EXPECT_EQ(status::Reason(s), kReasonError) << text;
  }
}

TEST(RedisErrorsTest, ErrorWithoutCodeWord) {
  absl::Status s = ErrorReplyToStatus("something lower case");
  EXPECT_EQ(RedisErrorCode(s), "");
  EXPECT_EQ(status::Reason(s), kReasonError);
  EXPECT_EQ(RedisErrorCode(ErrorReplyToStatus("")), "");
}

TEST(RedisErrorsTest, HostileTextIsMadePrintableAndShort) {
  absl::Status s = ErrorReplyToStatus(std::string("ERR \x01\xff") + std::string(5000, 'x'));
  EXPECT_LE(s.message().size(), 600u);
  EXPECT_EQ(s.message().find('\x01'), std::string::npos);
  EXPECT_EQ(RedisErrorCode(s), "ERR");
}

TEST(RedisErrorsTest, TransportErrors) {
  absl::Status s = UnavailableError("connection refused");
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status::Reason(s), kReasonUnavailable);
  EXPECT_EQ(RedisErrorCode(s), "");
  EXPECT_FALSE(IsRedisError(absl::OkStatus(), ""));
}

}  // namespace
}  // namespace meldpunt::redis
