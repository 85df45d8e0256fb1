#include "libs/observability/request_id.h"

#include <set>

#include <gtest/gtest.h>

namespace meldpunt::observability {
namespace {

TEST(RequestIdTest, FreshIdsAreValidAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewRequestId();
    EXPECT_EQ(id.size(), 32u);
    EXPECT_TRUE(IsValidRequestId(id));
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RequestIdTest, RejectsWhatMustNotReachALog) {
  EXPECT_TRUE(IsValidRequestId("app-7f3a:retry.2_x"));
  EXPECT_FALSE(IsValidRequestId(""));
  EXPECT_FALSE(IsValidRequestId(std::string(129, 'a')));
  EXPECT_FALSE(IsValidRequestId("a\nb"));
  EXPECT_FALSE(IsValidRequestId("a\"b"));
  EXPECT_FALSE(IsValidRequestId("a b"));
}

}  // namespace
}  // namespace meldpunt::observability
