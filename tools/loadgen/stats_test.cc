#include "tools/loadgen/stats.h"

#include <gtest/gtest.h>

namespace meldpunt::loadgen {
namespace {

TEST(RecorderTest, NearestRankPercentilesAndCodes) {
  Recorder a, b;
  for (int i = 1; i <= 50; ++i) a.Record(std::chrono::milliseconds(i), "OK");
  for (int i = 51; i <= 100; ++i) b.Record(std::chrono::milliseconds(i), i % 10 == 0 ? "UNAVAILABLE" : "OK");
  a.Merge(b);
  auto s = a.Summarize();
  EXPECT_EQ(s.calls, 100u);
  EXPECT_EQ(s.ok, 95u);
  EXPECT_EQ(s.codes["UNAVAILABLE"], 5u);
  EXPECT_DOUBLE_EQ(s.p50_ms, 50.0);
  EXPECT_DOUBLE_EQ(s.p90_ms, 90.0);
  EXPECT_DOUBLE_EQ(s.p99_ms, 99.0);
  EXPECT_DOUBLE_EQ(s.max_ms, 100.0);
  EXPECT_DOUBLE_EQ(s.mean_ms, 50.5);
}

TEST(RecorderTest, EmptyRunSummarizesToZero) {
  auto s = Recorder().Summarize();
  EXPECT_EQ(s.calls, 0u);
  EXPECT_EQ(s.p99_ms, 0.0);
}

}  // namespace
}  // namespace meldpunt::loadgen
