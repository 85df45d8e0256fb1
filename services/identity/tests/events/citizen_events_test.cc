#include "services/identity/src/events/citizen_events.h"

#include "gtest/gtest.h"

namespace meldpunt::identity {
namespace {

TEST(BirthYearOfTest, PartialDates) {
  EXPECT_EQ(BirthYearOf("1985-07-30"), 1985);
  EXPECT_EQ(BirthYearOf("1985-07"), 1985);
  EXPECT_EQ(BirthYearOf("1985"), 1985);
  EXPECT_EQ(BirthYearOf(""), 0);
  EXPECT_EQ(BirthYearOf("85-07-30"), 0);
  EXPECT_EQ(BirthYearOf("19850730"), 0);
  EXPECT_EQ(BirthYearOf("0000"), 0);
}

TEST(CitizenEventsTest, CarryIdAndDimensionsOnly) {
  events::v1::CitizenDimensions d;
  d.set_zone_id("71053J");
  d.set_gender(common::v1::GENDER_FEMALE);
  d.set_birth_year(1985);
  d.set_language(common::v1::LANGUAGE_NL);
  auto registered = CitizenRegisteredFor("id-1", d, {"newsletter"});
  EXPECT_EQ(registered.citizen_id(), "id-1");
  EXPECT_TRUE(SameDimensions(registered.dimensions(), d));
  EXPECT_EQ(registered.granted_consent_topics_size(), 1);
  auto changed = CitizenProfileChangedFor("id-1", d);
  EXPECT_TRUE(SameDimensions(changed.dimensions(), d));

  events::v1::CitizenDimensions other = d;
  other.set_preferred_channel(common::v1::CONTACT_CHANNEL_EMAIL);
  EXPECT_FALSE(SameDimensions(other, d));
}

TEST(CitizenEventsTest, ConsentChangedKeepsTheDecisionTime) {
  const absl::Time at = absl::FromUnixMicros(1700000000123456);
  auto e = ConsentChangedFor("id-1", "newsletter", true, at);
  EXPECT_EQ(e.topic(), "newsletter");
  EXPECT_TRUE(e.granted());
  EXPECT_EQ(e.decided_at().seconds(), 1700000000);
  EXPECT_EQ(e.decided_at().nanos(), 123456000);
}

}  // namespace
}  // namespace meldpunt::identity
