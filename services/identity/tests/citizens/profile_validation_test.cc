#include "services/identity/src/citizens/profile_validation.h"

#include "gtest/gtest.h"
#include "libs/status/status.h"

namespace meldpunt::identity {
namespace {

namespace c = common::v1;

// NormalizePhone and NormalizePostalAddress moved to libs/contact (contact_fields_test.cc).

TEST(IsCodeTest, ProfessionAndTopicFormats) {
  EXPECT_TRUE(IsProfessionCode("student"));
  EXPECT_TRUE(IsProfessionCode("self_employed"));
  EXPECT_TRUE(IsProfessionCode("ict-sector2"));
  EXPECT_FALSE(IsProfessionCode("s"));
  EXPECT_FALSE(IsProfessionCode("Student"));
  EXPECT_FALSE(IsProfessionCode("2nd"));
  EXPECT_FALSE(IsProfessionCode("a.b"));
  EXPECT_FALSE(IsProfessionCode(std::string(65, 'a')));
  EXPECT_TRUE(IsConsentTopic("newsletter"));
  EXPECT_TRUE(IsConsentTopic("participation.mobility"));
  EXPECT_TRUE(IsConsentTopic(std::string(64, 'x')));
  EXPECT_FALSE(IsConsentTopic("n"));
  EXPECT_FALSE(IsConsentTopic("News"));
  EXPECT_FALSE(IsConsentTopic("a topic"));
  EXPECT_FALSE(IsConsentTopic(std::string(65, 'x')));
}

class ApplyProfileUpdateTest : public ::testing::Test {
 protected:
  absl::Status Apply(const v1::UpdateCitizenProfileRequest& req, bool official = false) {
    return ApplyProfileUpdate(req, official, profile_);
  }
  EditableProfile profile_;
};

TEST_F(ApplyProfileUpdateTest, SetsOnlyTheFieldsThatAreSet) {
  profile_.contact.set_email("old@example.be");
  profile_.contact.set_language(c::LANGUAGE_NL);
  profile_.profession = "student";
  v1::UpdateCitizenProfileRequest req;
  req.set_phone("0470 12 34 56");
  ASSERT_TRUE(Apply(req).ok());
  EXPECT_EQ(profile_.contact.email(), "old@example.be");
  EXPECT_EQ(profile_.contact.phone(), "+32470123456");
  EXPECT_EQ(profile_.contact.language(), c::LANGUAGE_NL);
  EXPECT_EQ(profile_.profession, "student");
}

TEST_F(ApplyProfileUpdateTest, EmptyValuesRemove) {
  profile_.contact.set_email("old@example.be");
  profile_.contact.set_phone("+32470123456");
  profile_.contact.mutable_postal_address()->set_street("Stationsstraat");
  profile_.profession = "student";
  v1::UpdateCitizenProfileRequest req;
  req.set_email("");
  req.set_phone("");
  req.mutable_postal_address();  // present but empty
  req.set_profession("");
  ASSERT_TRUE(Apply(req).ok());
  EXPECT_EQ(profile_.contact.email(), "");
  EXPECT_EQ(profile_.contact.phone(), "");
  EXPECT_FALSE(profile_.contact.has_postal_address());
  EXPECT_EQ(profile_.profession, "");
}

TEST_F(ApplyProfileUpdateTest, ChannelNeedsItsDetail) {
  v1::UpdateCitizenProfileRequest req;
  req.set_preferred_channel(c::CONTACT_CHANNEL_EMAIL);
  absl::Status s = Apply(req);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Reason(s), kReasonContactDetailMissing);
  EXPECT_EQ(profile_.contact.channel(), c::CONTACT_CHANNEL_UNSPECIFIED);  // untouched on error

  req.set_email("an@example.be");
  ASSERT_TRUE(Apply(req).ok());
  EXPECT_EQ(profile_.contact.channel(), c::CONTACT_CHANNEL_EMAIL);

  // Removing the e-mail address while e-mail stays the channel is refused.
  v1::UpdateCitizenProfileRequest remove;
  remove.set_email("");
  EXPECT_EQ(status::Reason(Apply(remove)), kReasonContactDetailMissing);

  for (auto channel : {c::CONTACT_CHANNEL_SMS, c::CONTACT_CHANNEL_PHONE}) {
    EditableProfile fresh;
    v1::UpdateCitizenProfileRequest phone;
    phone.set_preferred_channel(channel);
    EXPECT_EQ(status::Reason(ApplyProfileUpdate(phone, false, fresh)), kReasonContactDetailMissing);
    phone.set_phone("+32470123456");
    EXPECT_TRUE(ApplyProfileUpdate(phone, false, fresh).ok());
    EXPECT_EQ(fresh.contact.channel(), channel);
  }
  v1::UpdateCitizenProfileRequest none;
  none.set_preferred_channel(c::CONTACT_CHANNEL_NONE);
  none.set_phone("");
  none.set_email("");
  EXPECT_TRUE(Apply(none).ok());
}

TEST_F(ApplyProfileUpdateTest, LetterIsSatisfiedByTheOfficialAddress) {
  v1::UpdateCitizenProfileRequest req;
  req.set_preferred_channel(c::CONTACT_CHANNEL_LETTER);
  EXPECT_EQ(status::Reason(Apply(req, /*official=*/false)), kReasonContactDetailMissing);
  EXPECT_TRUE(Apply(req, /*official=*/true).ok());

  EditableProfile other;
  auto* a = req.mutable_postal_address();
  a->set_street("Grote Markt");
  a->set_house_number("1");
  a->set_postal_code("3800");
  a->set_municipality("Sint-Truiden");
  ASSERT_TRUE(ApplyProfileUpdate(req, false, other).ok());
  EXPECT_EQ(other.contact.postal_address().country(), "BE");
}

TEST_F(ApplyProfileUpdateTest, RefusesMalformedInputNamingTheField) {
  v1::UpdateCitizenProfileRequest email;
  email.set_email("not-an-address");
  absl::Status s = Apply(email);
  EXPECT_EQ(status::Reason(s), kReasonContactDetailInvalid);
  EXPECT_EQ(status::Details(s).metadata.at("field"), "email");
  // The message names the field, never the value.
  EXPECT_EQ(s.message().find("not-an-address"), absl::string_view::npos);

  v1::UpdateCitizenProfileRequest phone;
  phone.set_phone("12");
  EXPECT_EQ(status::Reason(Apply(phone)), kReasonContactDetailInvalid);

  v1::UpdateCitizenProfileRequest profession;
  profession.set_profession("Bad Code");
  EXPECT_EQ(status::Reason(Apply(profession)), kReasonProfessionInvalid);

  v1::UpdateCitizenProfileRequest language;
  language.set_language(static_cast<c::Language>(99));
  EXPECT_EQ(status::Reason(Apply(language)), kReasonLanguageInvalid);

  v1::UpdateCitizenProfileRequest channel;
  channel.set_preferred_channel(static_cast<c::ContactChannel>(42));
  EXPECT_EQ(status::Reason(Apply(channel)), kReasonContactDetailInvalid);
}

TEST_F(ApplyProfileUpdateTest, ChecksConsentDecisions) {
  v1::UpdateCitizenProfileRequest ok;
  ok.add_consents()->set_topic("newsletter");
  ok.add_consents()->set_topic("participation.mobility");
  EXPECT_TRUE(Apply(ok).ok());

  v1::UpdateCitizenProfileRequest bad;
  bad.add_consents()->set_topic("Newsletter!");
  absl::Status s = Apply(bad);
  EXPECT_EQ(status::Reason(s), kReasonConsentTopicInvalid);
  EXPECT_EQ(status::Details(s).metadata.at("field"), "consents[0].topic");

  v1::UpdateCitizenProfileRequest twice;
  twice.add_consents()->set_topic("newsletter");
  twice.add_consents()->set_topic("newsletter");
  EXPECT_EQ(status::Reason(Apply(twice)), kReasonConsentTopicInvalid);

  v1::UpdateCitizenProfileRequest many;
  for (int i = 0; i <= kMaxConsentDecisions; ++i) {
    many.add_consents()->set_topic("topic" + std::to_string(i));
  }
  EXPECT_EQ(status::Reason(Apply(many)), kReasonConsentsTooMany);
}

}  // namespace
}  // namespace meldpunt::identity
