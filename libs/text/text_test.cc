#include "libs/text/text.h"

#include <gtest/gtest.h>

namespace meldpunt::text {
namespace {

TEST(TextTest, Utf8LengthCountsCodePoints) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("Sint-Truid\xc3\xa9"), 11u);          // é: 2 bytes
  EXPECT_EQ(Utf8Length("\xe2\x82\xac\xf0\x9f\x98\x80"), 2u);  // € (3 bytes), 😀 (4 bytes)
}

TEST(TextTest, IsValidUtf8RefusesMalformedSequences) {
  EXPECT_TRUE(IsValidUtf8("Stra\xc3\x9f" "e \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xc3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xff"));
}

TEST(TextTest, ControlCharacters) {
  EXPECT_TRUE(HasControlCharacters("a\x01" "b", true));
  EXPECT_TRUE(HasControlCharacters("a\x7f", true));
  EXPECT_TRUE(HasControlCharacters("line\nbreak", false));
  EXPECT_FALSE(HasControlCharacters("line\nbreak\ttab", true));
  EXPECT_FALSE(HasControlCharacters("Sint-Truid\xc3\xa9", false));
}

TEST(TextTest, VisibleText) {
  EXPECT_FALSE(HasVisibleText(" \t\r\n"));
  EXPECT_TRUE(HasVisibleText("  x "));
}

}  // namespace
}  // namespace meldpunt::text
