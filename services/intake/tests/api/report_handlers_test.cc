// CreateReport, GetReport and ListReports at the gRPC edge, on the fake repositories.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/intake/tests/api/api_fixture.h"

namespace meldpunt::intake::testing {
namespace {

using grpc::StatusCode;

class ReportHandlersTest : public ApiTest {
 protected:
  grpc::Status Create(std::unique_ptr<grpc::ClientContext> ctx, const v1::CreateReportRequest& req,
                      v1::CreateReportResponse* resp = nullptr) {
    v1::CreateReportResponse ignored;
    return stub_->CreateReport(ctx.get(), req, resp ? resp : &ignored);
  }

  static v1::GetReportRequest ById(const std::string& id) {
    v1::GetReportRequest req;
    req.set_id(id);
    return req;
  }
};

TEST_F(ReportHandlersTest, CreateReportNeedsAReportingRole) {
  const auto req = NewReport("r-1", "zwerfvuil", GroteMarkt());
  EXPECT_TRUE(Refused(Create(ServiceHarness::Anonymous(), req), StatusCode::UNAUTHENTICATED,
                      "PRINCIPAL_MISSING"));
  for (roles::Role role : {roles::ROLE_ANALYST, roles::ROLE_DEPARTMENT_AGENT, roles::ROLE_SERVICE}) {
    EXPECT_TRUE(Refused(Create(harness_.As(kSintTruiden, role), req), StatusCode::PERMISSION_DENIED,
                        "ROLE_NOT_ALLOWED"))
        << roles::Role_Name(role);
  }
  EXPECT_EQ(reports_.stored(), 0);
}

TEST_F(ReportHandlersTest, CreateReportRefusesBadInputBeforeTheRepository) {
  auto no_id = NewReport("", "zwerfvuil", GroteMarkt());
  EXPECT_TRUE(Refused(Create(harness_.AsCitizen(kSintTruiden, "c"), no_id),
                      StatusCode::INVALID_ARGUMENT, "REQUEST_ID_INVALID"));
  auto blank = NewReport("r-1", "zwerfvuil", GroteMarkt());
  blank.set_description("   ");
  EXPECT_TRUE(Refused(Create(harness_.AsCitizen(kSintTruiden, "c"), blank),
                      StatusCode::INVALID_ARGUMENT, "DESCRIPTION_INVALID"));
  auto nowhere = NewReport("r-2", "zwerfvuil", GroteMarkt());
  nowhere.mutable_location()->set_latitude(91);
  EXPECT_TRUE(Refused(Create(harness_.AsCitizen(kSintTruiden, "c"), nowhere),
                      StatusCode::INVALID_ARGUMENT, "COORDINATES_INVALID"));
  // A citizen cannot claim a phone call.
  auto phone = NewReport("r-3", "zwerfvuil", GroteMarkt());
  phone.set_channel(roles::CHANNEL_PHONE);
  EXPECT_TRUE(Refused(Create(harness_.AsCitizen(kSintTruiden, "c"), phone),
                      StatusCode::PERMISSION_DENIED, "CHANNEL_NOT_ALLOWED"));
  EXPECT_EQ(reports_.stored(), 0);
}

TEST_F(ReportHandlersTest, CreateReportChecksAnswersAgainstTheStoredCategory) {
  auto unanswered = NewReport("r-1", "zwerfvuil", GroteMarkt());
  unanswered.clear_attribute_values();  // "hoeveelheid" is required
  EXPECT_TRUE(Refused(Create(harness_.AsCitizen(kSintTruiden, "c"), unanswered),
                      StatusCode::INVALID_ARGUMENT, "ATTRIBUTE_REQUIRED"));
  EXPECT_TRUE(Refused(Create(harness_.AsCitizen(kSintTruiden, "c"),
                             NewReport("r-2", "bestaat-niet", GroteMarkt())),
                      StatusCode::NOT_FOUND, "CATEGORY_NOT_FOUND"));
  EXPECT_TRUE(Refused(Create(harness_.AsCitizen(kSintTruiden, "c"), NewReport("r-3", "oud", GroteMarkt())),
                      StatusCode::FAILED_PRECONDITION, "CATEGORY_INACTIVE"));
  EXPECT_EQ(reports_.stored(), 0);
  EXPECT_EQ(harness_.events_written(), 0);
}

TEST_F(ReportHandlersTest, CreateReportStoresTheCitizensReportOnce) {
  auto req = NewReport("r-1", "zwerfvuil", GroteMarkt());
  auto* count = req.add_attribute_values();  // given before the list answer: stored after it
  count->set_code("aantal");
  count->add_values("3");
  std::swap(*req.mutable_attribute_values(0), *req.mutable_attribute_values(1));
  v1::CreateReportResponse resp;
  grpc::Status s = Create(harness_.AsCitizen(kSintTruiden, "cit-1"), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  const v1::Report& r = resp.report();
  EXPECT_FALSE(resp.replayed());
  EXPECT_EQ(r.reference(),
            absl::StrCat("STR-", absl::ToCivilYear(absl::Now(), absl::UTCTimeZone()).year(), "-000001"));
  EXPECT_EQ(r.status(), v1::REPORT_STATUS_RECEIVED);
  EXPECT_EQ(r.tenant_id(), kSintTruiden);
  EXPECT_EQ(r.reporter().citizen_id(), "cit-1");  // from the principal
  EXPECT_EQ(r.submitted_by(), "cit-1");
  ASSERT_EQ(r.attribute_values_size(), 2);
  EXPECT_EQ(r.attribute_values(0).code(), "hoeveelheid");
  EXPECT_EQ(r.attribute_values(1).code(), "aantal");
  EXPECT_EQ(harness_.events_written(), 1);

  // What the handler asked of the repository.
  const CreateReportCommand command = reports_.last_command();
  EXPECT_EQ(command.tenant_id, kSintTruiden);
  EXPECT_EQ(command.request_id, "r-1");
  EXPECT_FALSE(command.fingerprint.empty());
  EXPECT_TRUE(command.citizen_caller);
  EXPECT_EQ(command.duplicates.distance_m, 75);

  // A retry: the stored answer, and no second event.
  v1::CreateReportResponse again;
  ASSERT_TRUE(Create(harness_.AsCitizen(kSintTruiden, "cit-1"), req, &again).ok());
  EXPECT_TRUE(again.replayed());
  EXPECT_EQ(again.report().id(), r.id());
  EXPECT_EQ(harness_.events_written(), 1);
  EXPECT_EQ(reports_.stored(), 1);

  // The same id and content from another citizen is not their replay.
  EXPECT_TRUE(Refused(Create(harness_.AsCitizen(kSintTruiden, "cit-2"), req),
                      StatusCode::ALREADY_EXISTS, "REQUEST_ID_REUSED"));
}

TEST_F(ReportHandlersTest, CreateReportAsStaffThroughTheirChannel) {
  auto req = NewReport("r-1", "zwerfvuil", GroteMarkt());
  req.set_channel(roles::CHANNEL_PHONE);
  req.mutable_reporter()->mutable_guest()->set_first_name("An");
  req.mutable_reporter()->mutable_guest()->set_last_name("Peeters");
  v1::CreateReportResponse resp;
  grpc::Status s = Create(harness_.As(kSintTruiden, roles::ROLE_FRONT_OFFICE, "fo-1"), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
  EXPECT_EQ(resp.report().reporter().guest().last_name(), "Peeters");
  EXPECT_EQ(resp.report().submitted_by(), "fo-1");
  EXPECT_FALSE(reports_.last_command().citizen_caller);
}

TEST_F(ReportHandlersTest, GetReportNeedsAReadingRole) {
  const v1::Report r = MustCreate("r-1", "cit-1");
  v1::GetReportResponse resp;
  EXPECT_TRUE(Refused(stub_->GetReport(ServiceHarness::Anonymous().get(), ById(r.id()), &resp),
                      StatusCode::UNAUTHENTICATED, "PRINCIPAL_MISSING"));
  EXPECT_TRUE(Refused(stub_->GetReport(harness_.As(kSintTruiden, roles::ROLE_ANALYST).get(),
                                       ById(r.id()), &resp),
                      StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED"));
}

TEST_F(ReportHandlersTest, GetReportRefusesMalformedKeys) {
  v1::GetReportResponse resp;
  const auto ctx = [&] { return harness_.As(kSintTruiden, roles::ROLE_COORDINATOR); };
  EXPECT_TRUE(Refused(stub_->GetReport(ctx().get(), v1::GetReportRequest(), &resp),
                      StatusCode::INVALID_ARGUMENT, "REPORT_KEY_REQUIRED"));
  EXPECT_TRUE(Refused(stub_->GetReport(ctx().get(), ById("not-a-uuid"), &resp),
                      StatusCode::INVALID_ARGUMENT, "REPORT_ID_INVALID"));
  v1::GetReportRequest by_reference;
  by_reference.set_reference("STR-26-1");
  EXPECT_TRUE(Refused(stub_->GetReport(ctx().get(), by_reference, &resp),
                      StatusCode::INVALID_ARGUMENT, "REFERENCE_INVALID"));
}

TEST_F(ReportHandlersTest, GetReportShowsCitizensOnlyTheirOwn) {
  const v1::Report r = MustCreate("r-1", "cit-1");
  v1::GetReportResponse resp;
  ASSERT_TRUE(stub_->GetReport(harness_.AsCitizen(kSintTruiden, "cit-1").get(), ById(r.id()), &resp).ok());
  EXPECT_EQ(resp.report().reference(), r.reference());
  v1::GetReportRequest by_reference;
  by_reference.set_reference(r.reference());
  ASSERT_TRUE(stub_->GetReport(harness_.As(kSintTruiden, roles::ROLE_DEPARTMENT_AGENT).get(),
                               by_reference, &resp).ok());
  EXPECT_EQ(resp.report().id(), r.id());
  // Someone else's report and another tenant's look like no report at all.
  EXPECT_TRUE(Refused(stub_->GetReport(harness_.AsCitizen(kSintTruiden, "cit-2").get(), ById(r.id()), &resp),
                      StatusCode::NOT_FOUND, "REPORT_NOT_FOUND"));
  EXPECT_TRUE(Refused(stub_->GetReport(harness_.As(kHasselt, roles::ROLE_COORDINATOR).get(),
                                       ById(r.id()), &resp),
                      StatusCode::NOT_FOUND, "REPORT_NOT_FOUND"));
}

TEST_F(ReportHandlersTest, ListReportsNeedsAReadingRole) {
  v1::ListReportsResponse resp;
  EXPECT_TRUE(Refused(stub_->ListReports(ServiceHarness::Anonymous().get(), v1::ListReportsRequest(), &resp),
                      StatusCode::UNAUTHENTICATED, "PRINCIPAL_MISSING"));
  EXPECT_TRUE(Refused(stub_->ListReports(harness_.As(kSintTruiden, roles::ROLE_ANALYST).get(),
                                         v1::ListReportsRequest(), &resp),
                      StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED"));
}

TEST_F(ReportHandlersTest, ListReportsRefusesBadFilters) {
  v1::ListReportsResponse resp;
  v1::ListReportsRequest req;
  req.add_category_codes("Not A Code");
  EXPECT_TRUE(Refused(stub_->ListReports(harness_.As(kSintTruiden, roles::ROLE_COORDINATOR).get(), req, &resp),
                      StatusCode::INVALID_ARGUMENT, "FILTER_INVALID"));
  req.Clear();
  req.set_page_token("garbage");
  EXPECT_TRUE(Refused(stub_->ListReports(harness_.As(kSintTruiden, roles::ROLE_COORDINATOR).get(), req, &resp),
                      StatusCode::INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"));
}

TEST_F(ReportHandlersTest, ListReportsPagesAndScopesCitizensToTheirOwn) {
  const v1::Report a = MustCreate("r-1", "cit-1");
  const v1::Report b = MustCreate("r-2", "cit-2");
  const v1::Report c = MustCreate("r-3", "cit-1");

  v1::ListReportsRequest req;
  req.set_page_size(2);
  v1::ListReportsResponse first;
  ASSERT_TRUE(stub_->ListReports(harness_.As(kSintTruiden, roles::ROLE_COORDINATOR).get(), req, &first).ok());
  ASSERT_EQ(first.reports_size(), 2);
  EXPECT_EQ(first.reports(0).id(), c.id());  // newest first
  EXPECT_EQ(first.reports(1).id(), b.id());
  ASSERT_FALSE(first.next_page_token().empty());
  req.set_page_token(first.next_page_token());
  v1::ListReportsResponse second;
  ASSERT_TRUE(stub_->ListReports(harness_.As(kSintTruiden, roles::ROLE_COORDINATOR).get(), req, &second).ok());
  ASSERT_EQ(second.reports_size(), 1);
  EXPECT_EQ(second.reports(0).id(), a.id());
  EXPECT_TRUE(second.next_page_token().empty());

  v1::ListReportsResponse own;
  ASSERT_TRUE(stub_->ListReports(harness_.AsCitizen(kSintTruiden, "cit-1").get(), v1::ListReportsRequest(),
                                 &own).ok());
  ASSERT_EQ(own.reports_size(), 2);
  for (const auto& r : own.reports()) EXPECT_EQ(r.reporter().citizen_id(), "cit-1");

  v1::ListReportsResponse hasselt;
  ASSERT_TRUE(stub_->ListReports(harness_.As(kHasselt, roles::ROLE_COORDINATOR).get(), v1::ListReportsRequest(),
                                 &hasselt).ok());
  EXPECT_EQ(hasselt.reports_size(), 0);
}

}  // namespace
}  // namespace meldpunt::intake::testing
