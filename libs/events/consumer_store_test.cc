#include "libs/events/consumer_store.h"

#include "gtest/gtest.h"

namespace meldpunt::events {
namespace {

TEST(SafeTextTest, KeepsValidUtf8) {
  EXPECT_EQ(SafeText("Melding ontvangen: straatverlichting défect ✓"),
            "Melding ontvangen: straatverlichting défect ✓");
  EXPECT_EQ(SafeText("line\nnext\ttab"), "line\nnext\ttab");
}

TEST(SafeTextTest, ReplacesWhatPostgresWouldRefuse) {
  EXPECT_EQ(SafeText(std::string("a\0b", 3)), "a?b");
  EXPECT_EQ(SafeText("\xff\xfe"), "??");
  EXPECT_EQ(SafeText("\xc3"), "?");              // truncated sequence
  EXPECT_EQ(SafeText("\xc0\xaf"), "??");         // overlong '/'
  EXPECT_EQ(SafeText("\xed\xa0\x80"), "???");    // surrogate
  EXPECT_EQ(SafeText("\xf4\x90\x80\x80"), "????");  // past U+10FFFF
  EXPECT_EQ(SafeText("\x1b[31m"), "?[31m");
}

TEST(SafeTextTest, CutsAtACharacterBoundary) {
  EXPECT_EQ(SafeText("abcdef", 3), "abc");
  EXPECT_EQ(SafeText("aé", 2), "a");  // é is two bytes and does not fit
}

}  // namespace
}  // namespace meldpunt::events
