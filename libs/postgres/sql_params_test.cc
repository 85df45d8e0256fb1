#include "libs/postgres/sql_params.h"

#include <cstdlib>

#include <gtest/gtest.h>

namespace meldpunt::pg {
namespace {

TEST(SqlParamsTest, ParametersAreNumberedInTheOrderAdded) {
  SqlParams p;
  EXPECT_EQ(p.Add("a"), "$1");
  EXPECT_EQ(p.Add("b"), "$2");
  EXPECT_EQ(p.values(), (std::vector<std::string>{"a", "b"}));
}

TEST(SqlParamsTest, TextArrayQuotesEveryElement) {
  EXPECT_EQ(TextArray({}), "{}");
  EXPECT_EQ(TextArray({"a", "b\"c", "d\\e"}), R"({"a","b\"c","d\\e"})");
}

TEST(SqlParamsTest, ExactDoubleReadsBackTheSameValue) {
  for (double v : {50.8163, 5.18659, 0.1, -1e-300, 1.0 / 3.0}) {
    EXPECT_EQ(std::strtod(ExactDouble(v).c_str(), nullptr), v) << ExactDouble(v);
  }
}

TEST(SqlParamsTest, SqlFromMicrosCastsTheParameter) {
  EXPECT_EQ(SqlFromMicros("$7"), "(timestamptz 'epoch' + $7::bigint * interval '1 microsecond')");
}

}  // namespace
}  // namespace meldpunt::pg
