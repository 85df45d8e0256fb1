#include "libs/observability/log.h"

#include <sstream>

#include <gtest/gtest.h>

namespace meldpunt::observability {
namespace {

TEST(JsonLineTest, EscapesHostileText) {
  std::string line = JsonLine()
                         .Add("msg", "a\"b\\c\nd\x01")
                         .Add("n", int64_t{42})
                         .Add("ok", true)
                         .Add("ms", 1.5)
                         .Finish();
  EXPECT_EQ(line, R"({"msg":"a\"b\\c\nd\u0001","n":42,"ok":true,"ms":1.500})");
}

TEST(JsonLineTest, NonFiniteNumbersBecomeNull) {
  EXPECT_EQ(JsonLine().Add("x", 0.0 / 0.0).Finish(), R"({"x":null})");
}

TEST(StreamLoggerTest, WritesOneLinePerCall) {
  std::ostringstream out;
  StreamLogger logger(out, LogLevel::kInfo);
  logger.Write(LogLine(LogLevel::kInfo, "intake", "started").Finish());
  logger.Write(LogLine(LogLevel::kError, "intake", "multi\nline").Finish());
  std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
  EXPECT_NE(text.find(R"("service":"intake")"), std::string::npos);
  EXPECT_NE(text.find(R"("level":"error")"), std::string::npos);
  EXPECT_NE(text.find(R"(multi\nline)"), std::string::npos);
}

TEST(LogLevelTest, Parses) {
  EXPECT_EQ(ParseLogLevel("debug"), LogLevel::kDebug);
  EXPECT_EQ(ParseLogLevel("warn"), LogLevel::kWarning);
  EXPECT_EQ(ParseLogLevel("error"), LogLevel::kError);
  EXPECT_EQ(ParseLogLevel("nonsense"), LogLevel::kInfo);
}

}  // namespace
}  // namespace meldpunt::observability
