#include "libs/api/page_token.h"

#include <gtest/gtest.h>

#include "libs/status/status.h"

namespace meldpunt::api {
namespace {

TEST(PageTokenTest, RoundTrips) {
  std::string token = EncodePageToken("71053", "q1", {"10", "zwerfvuil", std::string("\0x", 2)});
  auto cursor = DecodePageToken(token, "71053", "q1");
  ASSERT_TRUE(cursor.ok()) << cursor.status();
  EXPECT_EQ(*cursor, (std::vector<std::string>{"10", "zwerfvuil", std::string("\0x", 2)}));
}

TEST(PageTokenTest, EmptyTokenIsFirstPage) {
  auto cursor = DecodePageToken("", "71053", "q1");
  ASSERT_TRUE(cursor.ok());
  EXPECT_TRUE(cursor->empty());
}

TEST(PageTokenTest, ForeignTenantOrQueryIsRefused) {
  std::string token = EncodePageToken("71053", "q1", {"a"});
  EXPECT_EQ(status::Reason(DecodePageToken(token, "71022", "q1").status()), kReasonPageTokenInvalid);
  EXPECT_EQ(status::Reason(DecodePageToken(token, "71053", "q2").status()), kReasonPageTokenInvalid);
}

TEST(PageTokenTest, GarbageAndEditsAreRefused) {
  for (const std::string& bad : std::vector<std::string>{"!!!", "AAAA", std::string(5000, 'A'), std::string("\xff\xfe", 2)}) {
    EXPECT_EQ(DecodePageToken(bad, "t", "q").status().code(), absl::StatusCode::kInvalidArgument)
        << bad;
  }
  std::string token = EncodePageToken("t", "q", {"abc"});
  token[token.size() - 2] = token[token.size() - 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(DecodePageToken(token, "t", "q").ok());
}

TEST(PageSizeTest, DefaultsAndCaps) {
  EXPECT_EQ(*EffectivePageSize(0), 50);
  EXPECT_EQ(*EffectivePageSize(10), 10);
  EXPECT_EQ(*EffectivePageSize(100000), 500);
  EXPECT_EQ(status::Reason(EffectivePageSize(-1).status()), kReasonPageSizeInvalid);
}

}  // namespace
}  // namespace meldpunt::api
