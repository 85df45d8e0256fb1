#include <gtest/gtest.h>

#include "libs/redis/client.h"

namespace meldpunt::redis {
namespace {

TEST(ParseAddressTest, HostAndPort) {
  RedisOptions o;
  ASSERT_TRUE(ParseAddress("127.0.0.1:56379", o));
  EXPECT_EQ(o.host, "127.0.0.1");
  EXPECT_EQ(o.port, 56379);
  ASSERT_TRUE(ParseAddress("redis.meldpunt.svc:6380", o));
  EXPECT_EQ(o.host, "redis.meldpunt.svc");
  EXPECT_EQ(o.port, 6380);
}

TEST(ParseAddressTest, RefusesOtherFormsAndLeavesOptionsAlone) {
  RedisOptions o;
  for (const char* bad : {"", "localhost", ":6379", "host:", "host:0", "host:65536", "host:63x9"}) {
    EXPECT_FALSE(ParseAddress(bad, o)) << bad;
  }
  EXPECT_EQ(o.host, "127.0.0.1");
  EXPECT_EQ(o.port, 6379);
}

}  // namespace
}  // namespace meldpunt::redis
