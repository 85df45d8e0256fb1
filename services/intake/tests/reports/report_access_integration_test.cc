// Reporters' personal data in GetReport and ListReports: who gets it, and the record of every staff
// or system read of it, written by the same transaction (report_access_log).
#include <gtest/gtest.h>

#include "libs/testing/sql_probe.h"
#include "services/intake/tests/intake_fixture.h"

namespace meldpunt::intake::testing {
namespace {

using meldpunt::testing::QueryInt;
using meldpunt::testing::QueryText;

class ReportAccessTest : public ReportsTest {
 protected:
  // A guest's phone-desk report with a name and every contact detail.
  v1::Report MakeGuestReport(const std::string& request_id) {
    auto req = NewReport(request_id, "zwerfvuil", GroteMarkt());
    req.set_channel(roles::CHANNEL_PHONE);
    req.mutable_reporter()->mutable_guest()->set_first_name("An");
    req.mutable_reporter()->mutable_guest()->set_last_name("Peeters");
    auto* contact = req.mutable_contact_preference();
    contact->set_channel(common::v1::CONTACT_CHANNEL_EMAIL);
    contact->set_email("an.peeters@example.be");
    contact->set_phone("+32470123456");
    return MustCreate(As(kSintTruiden, roles::ROLE_FRONT_OFFICE, "desk-1"), req);
  }

  std::int64_t Logged(const std::string& where = "true") {
    auto n = QueryInt(*admin_pool_, "SELECT count(*) FROM report_access_log WHERE " + where);
    EXPECT_TRUE(n.ok()) << n.status();
    return n.ok() ? *n : -1;
  }

  std::string LoggedText(const std::string& column) {
    auto text = QueryText(*admin_pool_, "SELECT " + column + " FROM report_access_log ORDER BY id DESC LIMIT 1");
    EXPECT_TRUE(text.ok()) << text.status();
    return text.ok() && *text ? **text : "";
  }

  grpc::Status Get(std::unique_ptr<grpc::ClientContext> ctx, const std::string& id,
                   v1::GetReportResponse* resp, const std::string& reason = "") {
    v1::GetReportRequest req;
    req.set_id(id);
    req.set_access_reason(reason);
    return stub_->GetReport(ctx.get(), req, resp);
  }
};

TEST_F(ReportAccessTest, ACoordinatorsReadOfContactDetailsIsRecordedWithWhoWhenAndWhy) {
  const v1::Report report = MakeGuestReport("acc-1");
  ASSERT_EQ(Logged(), 0);
  auto ctx = As(kSintTruiden, roles::ROLE_COORDINATOR, "coord-7");
  ctx->AddMetadata("x-request-id", "req-access-0001");
  v1::GetReportResponse resp;
  grpc::Status s = Get(std::move(ctx), report.id(), &resp, "  terugbellen over de melding ");
  ASSERT_TRUE(s.ok()) << Reason(s);
  EXPECT_EQ(resp.report().contact_preference().email(), "an.peeters@example.be");
  EXPECT_EQ(resp.report().reporter().guest().last_name(), "Peeters");

  EXPECT_EQ(Logged(), 1);
  EXPECT_EQ(Logged("tenant_id = '71053' AND report_id = '" + report.id() + "'"), 1);
  EXPECT_EQ(LoggedText("accessor"), "coord-7");
  EXPECT_EQ(LoggedText("accessor_kind"), "staff");
  EXPECT_EQ(LoggedText("method"), "GetReport");
  EXPECT_EQ(LoggedText("reason"), "terugbellen over de melding");
  EXPECT_EQ(LoggedText("request_id"), "req-access-0001");
  EXPECT_EQ(Logged("at > now() - interval '5 minutes' AND at <= now() + interval '1 minute'"), 1);
  // The service's own role sees only its tenant's records (row-level security).
  auto own = QueryInt(*pool_, "SELECT count(*) FROM report_access_log");
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(*own, 0) << "no tenant set: the runtime role sees no record";
}

TEST_F(ReportAccessTest, ReadersWithoutTheContactRoleGetNoPersonalDataAndNoRecord) {
  const v1::Report report = MakeGuestReport("acc-2");
  for (auto role : {roles::ROLE_DEPARTMENT_AGENT, roles::ROLE_WARDEN, roles::ROLE_TENANT_ADMIN,
                    roles::ROLE_INTEGRATOR}) {
    v1::GetReportResponse resp;
    grpc::Status s = Get(As(kSintTruiden, role), report.id(), &resp);
    ASSERT_TRUE(s.ok()) << roles::Role_Name(role) << " " << Reason(s);
    const auto& r = resp.report();
    EXPECT_EQ(r.id(), report.id());
    EXPECT_TRUE(r.contact_preference().email().empty()) << roles::Role_Name(role);
    EXPECT_TRUE(r.contact_preference().phone().empty()) << roles::Role_Name(role);
    EXPECT_TRUE(r.reporter().guest().first_name().empty()) << roles::Role_Name(role);
    EXPECT_TRUE(r.reporter().guest().last_name().empty()) << roles::Role_Name(role);
    // How to answer stays: the department knows an e-mail is wanted, not where to send it.
    EXPECT_EQ(r.contact_preference().channel(), common::v1::CONTACT_CHANNEL_EMAIL);
    EXPECT_EQ(r.description(), report.description());
  }
  EXPECT_EQ(Logged(), 0);
}

TEST_F(ReportAccessTest, TheReportingCitizensOwnReadIsNotRecorded) {
  auto req = NewReport("acc-3", "zwerfvuil", GroteMarkt());
  req.mutable_contact_preference()->set_channel(common::v1::CONTACT_CHANNEL_SMS);
  req.mutable_contact_preference()->set_phone("+32470999888");
  const v1::Report report = MustCreate(AsCitizen(kSintTruiden, "cit-9"), req);
  v1::GetReportResponse resp;
  ASSERT_TRUE(Get(AsCitizen(kSintTruiden, "cit-9"), report.id(), &resp).ok());
  EXPECT_EQ(resp.report().contact_preference().phone(), "+32470999888");
  EXPECT_EQ(Logged(), 0);
  // The front office reading the same report is recorded.
  ASSERT_TRUE(Get(As(kSintTruiden, roles::ROLE_FRONT_OFFICE, "desk-2"), report.id(), &resp).ok());
  EXPECT_EQ(Logged("accessor = 'desk-2' AND method = 'GetReport'"), 1);
}

TEST_F(ReportAccessTest, AListRecordsOneReadPerReturnedReportWithPersonalData) {
  const v1::Report first = MakeGuestReport("acc-4");
  const v1::Report second = MakeGuestReport("acc-5");
  // One without any personal data (a citizen's, no contact details given): nothing to record.
  const v1::Report plain = MustCreate(AsCitizen(kSintTruiden, "cit-1"),
                                      NewReport("acc-6", "zwerfvuil", GroteMarkt()));
  v1::ListReportsRequest req;
  req.set_page_size(2);
  req.set_order_by(v1::REPORT_ORDER_CREATED_AT_ASC);
  req.set_access_reason("wekelijkse opvolging");
  v1::ListReportsResponse resp;
  grpc::Status s = stub_->ListReports(As(kSintTruiden, roles::ROLE_COORDINATOR, "coord-1").get(), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s);
  ASSERT_EQ(resp.reports_size(), 2);
  EXPECT_FALSE(resp.next_page_token().empty());
  // The page holds the two guests' reports; the third (looked at to know a page follows) is not
  // returned and not recorded.
  EXPECT_EQ(Logged("method = 'ListReports' AND reason = 'wekelijkse opvolging'"), 2);
  EXPECT_EQ(Logged("report_id = '" + first.id() + "'"), 1);
  EXPECT_EQ(Logged("report_id = '" + second.id() + "'"), 1);
  req.set_page_token(resp.next_page_token());
  ASSERT_TRUE(stub_->ListReports(As(kSintTruiden, roles::ROLE_COORDINATOR, "coord-1").get(), req, &resp).ok());
  ASSERT_EQ(resp.reports_size(), 1);
  EXPECT_EQ(resp.reports(0).id(), plain.id());
  EXPECT_EQ(Logged(), 2);
  // An integration's list carries no personal data and writes nothing.
  v1::ListReportsRequest all;
  ASSERT_TRUE(stub_->ListReports(AsApiClient(kSintTruiden).get(), all, &resp).ok());
  ASSERT_EQ(resp.reports_size(), 3);
  for (const auto& r : resp.reports()) EXPECT_TRUE(r.contact_preference().email().empty());
  EXPECT_EQ(Logged(), 2);
}

TEST_F(ReportAccessTest, AnAccessReasonIsBounded) {
  const v1::Report report = MakeGuestReport("acc-7");
  v1::GetReportResponse resp;
  grpc::Status s = Get(As(kSintTruiden, roles::ROLE_COORDINATOR), report.id(), &resp, std::string(201, 'x'));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "ACCESS_REASON_INVALID");
  s = Get(As(kSintTruiden, roles::ROLE_COORDINATOR), report.id(), &resp, "regel\nbreuk");
  EXPECT_EQ(Reason(s), "ACCESS_REASON_INVALID");
  EXPECT_EQ(Logged(), 0);
}

}  // namespace
}  // namespace meldpunt::intake::testing
