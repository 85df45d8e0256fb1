#include "services/intake/src/reports/report_validation.h"

#include <limits>

#include <gtest/gtest.h>

#include "libs/status/status.h"
#include "services/intake/src/reports/contact_validation.h"

namespace meldpunt::intake {
namespace {

namespace c = common::v1;

auth::Principal Caller(c::Role role, c::PrincipalKind kind, const std::string& subject = "sub-1") {
  auth::Principal p;
  p.set_tenant_id("71053");
  p.set_subject(subject);
  p.set_kind(kind);
  p.add_roles(role);
  return p;
}

auth::Principal Citizen() { return Caller(c::ROLE_CITIZEN, c::PRINCIPAL_KIND_CITIZEN, "cit-42"); }
auth::Principal FrontOffice() { return Caller(c::ROLE_FRONT_OFFICE, c::PRINCIPAL_KIND_STAFF); }
auth::Principal Warden() { return Caller(c::ROLE_WARDEN, c::PRINCIPAL_KIND_STAFF); }
auth::Principal ApiClient() { return Caller(c::ROLE_INTEGRATOR, c::PRINCIPAL_KIND_API_CLIENT); }

v1::CreateReportRequest Valid() {
  v1::CreateReportRequest r;
  r.set_request_id("r1");
  r.set_category_code("zwerfvuil");
  r.set_channel(c::CHANNEL_APP);
  r.mutable_location()->set_latitude(50.8163);
  r.mutable_location()->set_longitude(5.1856);
  r.set_description("Zwerfvuil aan de bushalte");
  return r;
}

std::string ReasonOf(const v1::CreateReportRequest& r, const auth::Principal& caller = Citizen()) {
  return status::Reason(ValidateCreateReport(r, caller).status());
}

TEST(ReportValidationTest, ACitizensReportIsTheirsInTheirLanguage) {
  auto r = Valid();
  r.set_language(c::LANGUAGE_FR);
  auto report = ValidateCreateReport(r, Citizen());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->reporter().citizen_id(), "cit-42");
  EXPECT_EQ(report->submitted_by(), "cit-42");
  EXPECT_EQ(report->language(), c::LANGUAGE_FR);
  EXPECT_EQ(report->contact_preference().channel(), c::CONTACT_CHANNEL_NONE);
  EXPECT_EQ(report->contact_preference().language(), c::LANGUAGE_FR);
  r.clear_language();
  r.mutable_contact_preference()->set_language(c::LANGUAGE_DE);
  EXPECT_EQ(ValidateCreateReport(r, Citizen())->language(), c::LANGUAGE_DE);
  r.clear_contact_preference();
  EXPECT_EQ(ValidateCreateReport(r, Citizen())->language(), c::LANGUAGE_NL);
}

TEST(ReportValidationTest, ReporterMustFitTheCaller) {
  auto r = Valid();
  r.mutable_reporter()->set_citizen_id("cit-42");
  EXPECT_EQ(ReasonOf(r), "");
  r.mutable_reporter()->set_citizen_id("someone-else");
  EXPECT_EQ(ReasonOf(r), "REPORTER_NOT_ALLOWED");
  EXPECT_EQ(ValidateCreateReport(r, Citizen()).status().code(), absl::StatusCode::kPermissionDenied);
  r.mutable_reporter()->mutable_guest()->set_first_name("An");
  EXPECT_EQ(ReasonOf(r), "REPORTER_NOT_ALLOWED");
  // Front office reports for the citizen it helps, or for a guest.
  r.set_channel(c::CHANNEL_PHONE);
  EXPECT_EQ(ReasonOf(r, FrontOffice()), "");
  r.mutable_reporter()->set_citizen_id("someone-else");
  EXPECT_EQ(ValidateCreateReport(r, FrontOffice())->reporter().citizen_id(), "someone-else");
  r.mutable_reporter()->mutable_guest()->set_last_name(std::string(101, 'x'));
  EXPECT_EQ(ReasonOf(r, FrontOffice()), "REPORTER_INVALID");
  // A warden's own report has no reporter.
  auto w = Valid();
  w.set_channel(c::CHANNEL_WARDEN);
  auto report = ValidateCreateReport(w, Warden());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->reporter().kind_case(), v1::Reporter::KIND_NOT_SET);
  EXPECT_EQ(report->submitted_by(), "sub-1");
}

TEST(ReportValidationTest, ChannelMustBeSetAndFitTheCaller) {
  auto r = Valid();
  r.set_channel(c::CHANNEL_UNSPECIFIED);
  EXPECT_EQ(ReasonOf(r), "CHANNEL_INVALID");
  r.set_channel(static_cast<c::Channel>(99));
  EXPECT_EQ(ReasonOf(r), "CHANNEL_INVALID");
  for (auto ch : {c::CHANNEL_WARDEN, c::CHANNEL_PHONE, c::CHANNEL_OPEN311}) {
    r.set_channel(ch);
    EXPECT_EQ(ReasonOf(r), "CHANNEL_NOT_ALLOWED") << ch;
  }
  r.set_channel(c::CHANNEL_WARDEN);
  EXPECT_EQ(ReasonOf(r, Warden()), "");
  EXPECT_EQ(ReasonOf(r, FrontOffice()), "CHANNEL_NOT_ALLOWED");
  r.set_channel(c::CHANNEL_DESK);
  EXPECT_EQ(ReasonOf(r, FrontOffice()), "");
  r.set_channel(c::CHANNEL_OPEN311);
  EXPECT_EQ(ReasonOf(r, ApiClient()), "");
  r.set_channel(c::CHANNEL_PHONE);
  EXPECT_EQ(ReasonOf(r, ApiClient()), "CHANNEL_NOT_ALLOWED");
}

TEST(ReportValidationTest, CoordinatesMustBeFiniteAndInRange) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (auto [lat, lon] : {std::pair{nan, 5.0}, {50.0, nan}, {inf, 5.0}, {50.0, -inf}, {91.0, 5.0},
                          {50.0, 181.0}, {-90.5, 0.0}}) {
    auto r = Valid();
    r.mutable_location()->set_latitude(lat);
    r.mutable_location()->set_longitude(lon);
    EXPECT_EQ(ReasonOf(r), "COORDINATES_INVALID") << lat << "," << lon;
  }
}

TEST(ReportValidationTest, APointOrAnAddressIsRequired) {
  auto r = Valid();
  r.clear_location();
  EXPECT_EQ(ReasonOf(r), "LOCATION_REQUIRED");
  r.mutable_address();  // present but empty
  EXPECT_EQ(ReasonOf(r), "LOCATION_REQUIRED");
  r.mutable_address()->set_street("Grote Markt");
  r.mutable_address()->set_house_number("1");
  r.mutable_address()->set_municipality("Sint-Truiden");
  auto report = ValidateCreateReport(r, Citizen());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_FALSE(report->has_location());
  EXPECT_EQ(report->address().country(), "BE");
  r.mutable_address()->set_country("Belgium");
  EXPECT_EQ(ReasonOf(r), "ADDRESS_INVALID");
  r.mutable_address()->set_country("NL");
  r.mutable_address()->set_street(std::string(101, 's'));
  EXPECT_EQ(ReasonOf(r), "ADDRESS_INVALID");
}

TEST(ReportValidationTest, DescriptionIsOneToFourThousandCharacters) {
  auto r = Valid();
  for (const std::string& bad : {std::string(), std::string("   \n\t"), std::string(4001, 'x'),
                                 std::string("bell\x07")}) {
    r.set_description(bad);
    EXPECT_EQ(ReasonOf(r), "DESCRIPTION_INVALID");
  }
  std::string accents;
  for (int i = 0; i < 4000; ++i) accents += "\xc3\xa9";
  r.set_description(accents);  // 8,000 bytes, 4,000 characters
  EXPECT_EQ(ReasonOf(r), "");
  r.set_description("regel 1\nregel 2");
  EXPECT_EQ(ReasonOf(r), "");
}

TEST(ReportValidationTest, ContactDetailsFitTheChosenChannel) {
  auto r = Valid();
  r.set_channel(c::CHANNEL_PHONE);
  r.mutable_reporter()->mutable_guest()->set_first_name("An");
  r.mutable_contact_preference()->set_channel(c::CONTACT_CHANNEL_EMAIL);
  EXPECT_EQ(ReasonOf(r, FrontOffice()), "CONTACT_DETAIL_MISSING");
  r.mutable_contact_preference()->set_email("an@example");
  EXPECT_EQ(ReasonOf(r, FrontOffice()), "CONTACT_DETAIL_INVALID");
  r.mutable_contact_preference()->set_email("an@example.be");
  EXPECT_EQ(ReasonOf(r, FrontOffice()), "");
  r.mutable_contact_preference()->set_channel(c::CONTACT_CHANNEL_SMS);
  EXPECT_EQ(ReasonOf(r, FrontOffice()), "CONTACT_DETAIL_MISSING");
  r.mutable_contact_preference()->set_phone("0470 12 34 56");
  auto report = ValidateCreateReport(r, FrontOffice());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->contact_preference().phone(), "+32470123456");
  EXPECT_EQ(report->contact_preference().language(), c::LANGUAGE_NL);
  r.mutable_contact_preference()->set_channel(c::CONTACT_CHANNEL_LETTER);
  EXPECT_EQ(ReasonOf(r, FrontOffice()), "CONTACT_DETAIL_MISSING");
  // A citizen's details come from their profile: none needed here.
  auto mine = Valid();
  mine.mutable_contact_preference()->set_channel(c::CONTACT_CHANNEL_EMAIL);
  EXPECT_EQ(ReasonOf(mine), "");
}

// Phone normalisation moved to libs/contact (contact_fields_test.cc).

TEST(ReportValidationTest, LinksAndReferencesHaveLimits) {
  auto r = Valid();
  r.add_media_urls("https://cdn.example.be/foto.jpg");
  EXPECT_EQ(ReasonOf(r), "");
  r.add_media_urls("http://cdn.example.be/foto.jpg");
  EXPECT_EQ(ReasonOf(r), "MEDIA_URL_INVALID");
  r.clear_media_urls();
  for (int i = 0; i < 6; ++i) r.add_media_urls("https://cdn.example.be/" + std::to_string(i));
  EXPECT_EQ(ReasonOf(r), "MEDIA_URL_INVALID");
  r.clear_media_urls();
  r.set_external_reference(std::string(129, 'x'));
  EXPECT_EQ(ReasonOf(r), "TEXT_TOO_LONG");
  r.set_external_reference("TOPDESK-1");
  r.set_location_description(std::string(501, 'x'));
  EXPECT_EQ(ReasonOf(r), "TEXT_TOO_LONG");
  r.set_location_description("achter de kerk");
  r.set_category_code("Bad Code");
  EXPECT_EQ(ReasonOf(r), "CATEGORY_CODE_INVALID");
}

}  // namespace
}  // namespace meldpunt::intake
