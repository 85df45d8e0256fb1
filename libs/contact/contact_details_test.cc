#include "libs/contact/contact_details.h"

#include <gtest/gtest.h>

namespace meldpunt::contact {
namespace {

TEST(NormalizePhoneTest, BelgianAndInternationalFormsBecomeE164) {
  EXPECT_EQ(NormalizePhone("+32 470 12 34 56"), "+32470123456");
  EXPECT_EQ(NormalizePhone("0470/12.34.56"), "+32470123456");
  EXPECT_EQ(NormalizePhone("0032470123456"), "+32470123456");
  EXPECT_EQ(NormalizePhone("+31 (20) 123-4567"), "+31201234567");
}

TEST(NormalizePhoneTest, RefusesWhatIsNoPhoneNumber) {
  EXPECT_FALSE(NormalizePhone("470123456").has_value());  // no prefix
  EXPECT_FALSE(NormalizePhone("+32 47x 12").has_value());
  EXPECT_FALSE(NormalizePhone("0470 12 +34").has_value());
  EXPECT_FALSE(NormalizePhone("+0123456789").has_value());
  EXPECT_FALSE(NormalizePhone("012").has_value());
  EXPECT_FALSE(NormalizePhone(std::string(41, '1')).has_value());
}

TEST(IsPlausibleEmailTest, AcceptsPlainAddresses) {
  EXPECT_TRUE(IsPlausibleEmail("an.peeters@example.be"));
  EXPECT_TRUE(IsPlausibleEmail("a+tag@sub.example.org"));
  EXPECT_TRUE(IsPlausibleEmail(std::string(64, 'a') + "@example.be"));
}

TEST(IsPlausibleEmailTest, RefusesMalformedAndTooLong) {
  for (const char* bad : {"", "plain", "@example.be", "a@", "a@b", "a@.be", "a@b.", "a@@b.be",
                          "a b@example.be", "a@exa mple.be", "<a@b.be>", "a@b..be", ".a@b.be",
                          "a..b@b.be", "a@-b.be"}) {
    EXPECT_FALSE(IsPlausibleEmail(bad)) << bad;
  }
  EXPECT_FALSE(IsPlausibleEmail(std::string(65, 'a') + "@example.be"));
  EXPECT_FALSE(IsPlausibleEmail("a@" + std::string(250, 'b') + ".be"));  // > 254
}

TEST(HasAddressTest, AnyPartCounts) {
  common::v1::PostalAddress a;
  EXPECT_FALSE(HasAddress(a));
  a.set_box("3");
  EXPECT_TRUE(HasAddress(a));
}

}  // namespace
}  // namespace meldpunt::contact
