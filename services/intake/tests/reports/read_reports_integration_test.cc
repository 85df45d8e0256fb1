// GetReport and ListReports through real gRPC: keys, who sees what, each filter, order and paging.
#include <set>

#include <gtest/gtest.h>

#include "services/intake/tests/intake_fixture.h"

namespace meldpunt::intake::testing {
namespace {

class ReadReportsTest : public ReportsTest {
 protected:
  // Creates a report and returns it; channel decides the caller (citizen for APP, front office
  // for PHONE).
  v1::Report Make(const std::string& id, const std::string& category,
                  const common::v1::GeoPoint& point, roles::Channel channel = roles::CHANNEL_APP,
                  const std::string& citizen = "cit-1") {
    auto req = NewReport(id, category, point);
    req.set_channel(channel);
    if (channel == roles::CHANNEL_APP) return MustCreate(AsCitizen(kSintTruiden, citizen), req);
    return MustCreate(As(kSintTruiden, roles::ROLE_FRONT_OFFICE), req);
  }

  std::vector<std::string> List(const v1::ListReportsRequest& req,
                                std::unique_ptr<grpc::ClientContext> ctx = nullptr) {
    v1::ListReportsResponse resp;
    if (!ctx) ctx = As(kSintTruiden, roles::ROLE_COORDINATOR);
    grpc::Status s = stub_->ListReports(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << Reason(s) << " " << s.error_message();
    EXPECT_TRUE(resp.next_page_token().empty());
    std::vector<std::string> refs;
    for (const auto& r : resp.reports()) refs.push_back(r.id());
    return refs;
  }
  static std::set<std::string> Set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }
};

TEST_F(ReadReportsTest, GetByIdOrReference) {
  const auto report = Make("g-1", "zwerfvuil", GroteMarkt());
  v1::GetReportRequest by_id;
  by_id.set_id(report.id());
  v1::GetReportRequest by_ref;
  by_ref.set_reference(report.reference());
  for (const auto& req : {by_id, by_ref}) {
    v1::GetReportResponse resp;
    grpc::Status s = stub_->GetReport(As(kSintTruiden, roles::ROLE_DEPARTMENT_AGENT).get(), req, &resp);
    ASSERT_TRUE(s.ok()) << Reason(s);
    EXPECT_EQ(resp.report().id(), report.id());
    EXPECT_EQ(resp.report().reference(), report.reference());
  }
  v1::GetReportResponse resp;
  // Citizens read their own, and nobody else's (NOT_FOUND, as if it did not exist).
  EXPECT_TRUE(stub_->GetReport(AsCitizen(kSintTruiden, "cit-1").get(), by_ref, &resp).ok());
  grpc::Status s = stub_->GetReport(AsCitizen(kSintTruiden, "cit-2").get(), by_ref, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Reason(s), "REPORT_NOT_FOUND");
  // Analysts work on analytics, not on reports with contact details.
  s = stub_->GetReport(As(kSintTruiden, roles::ROLE_ANALYST).get(), by_id, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  v1::GetReportRequest bad;
  bad.set_id("42");
  EXPECT_EQ(Reason(stub_->GetReport(As(kSintTruiden, roles::ROLE_COORDINATOR).get(), bad, &resp)),
            "REPORT_ID_INVALID");
  bad.set_reference("STR-2026-1");
  EXPECT_EQ(Reason(stub_->GetReport(As(kSintTruiden, roles::ROLE_COORDINATOR).get(), bad, &resp)),
            "REFERENCE_INVALID");
  EXPECT_EQ(Reason(stub_->GetReport(As(kSintTruiden, roles::ROLE_COORDINATOR).get(),
                                    v1::GetReportRequest(), &resp)),
            "REPORT_KEY_REQUIRED");
  bad.set_id("6f1c2a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f");
  EXPECT_EQ(Reason(stub_->GetReport(As(kSintTruiden, roles::ROLE_COORDINATOR).get(), bad, &resp)),
            "REPORT_NOT_FOUND");
}

TEST_F(ReadReportsTest, EachFilterSelectsExactlyItsReports) {
  const auto center = GroteMarkt();
  const auto a = Make("a", "zwerfvuil", center, roles::CHANNEL_APP, "cit-1");
  const auto b = Make("b", "graffiti", Offset(center, 300, 0), roles::CHANNEL_APP, "cit-2");
  const auto c = Make("c", "zwerfvuil", PointIn(kSintTruiden, "71053J"), roles::CHANNEL_PHONE);
  const auto d = Make("d", "graffiti", Offset(center, 0, 3000), roles::CHANNEL_PHONE);
  Exec("UPDATE reports SET status = 'IN_TREATMENT' WHERE id = '" + b.id() + "'");
  Exec("UPDATE reports SET created_at = now() - interval '3 days' WHERE id = '" + c.id() + "'");

  v1::ListReportsRequest all;
  EXPECT_EQ(Set(List(all)), Set({a.id(), b.id(), c.id(), d.id()}));

  v1::ListReportsRequest r;
  r.add_statuses(v1::REPORT_STATUS_IN_TREATMENT);
  EXPECT_EQ(List(r), std::vector<std::string>{b.id()});
  r.add_statuses(v1::REPORT_STATUS_RECEIVED);
  EXPECT_EQ(List(r).size(), 4u);

  r.Clear();
  r.add_category_codes("graffiti");
  EXPECT_EQ(Set(List(r)), Set({b.id(), d.id()}));

  r.Clear();
  r.add_zone_ids("71053J");
  EXPECT_EQ(List(r), std::vector<std::string>{c.id()});

  r.Clear();
  r.add_channels(roles::CHANNEL_PHONE);
  EXPECT_EQ(Set(List(r)), Set({c.id(), d.id()}));

  r.Clear();
  r.mutable_created_before()->set_seconds(absl::ToUnixSeconds(absl::Now() - absl::Hours(24)));
  EXPECT_EQ(List(r), std::vector<std::string>{c.id()});
  r.Clear();
  r.mutable_created_after()->set_seconds(absl::ToUnixSeconds(absl::Now() - absl::Hours(24)));
  EXPECT_EQ(Set(List(r)), Set({a.id(), b.id(), d.id()}));

  r.Clear();
  auto* circle = r.mutable_area()->mutable_circle();
  *circle->mutable_center() = center;
  circle->set_radius_m(500);
  EXPECT_EQ(Set(List(r)), Set({a.id(), b.id()}));
  circle->set_radius_m(200);
  EXPECT_EQ(List(r), std::vector<std::string>{a.id()});

  r.Clear();
  auto* box = r.mutable_area()->mutable_bounding_box();
  *box->mutable_south_west() = Offset(center, -100, -100);
  *box->mutable_north_east() = Offset(center, 400, 3100);
  EXPECT_EQ(Set(List(r)), Set({a.id(), b.id(), d.id()}));
  *box->mutable_north_east() = Offset(center, 100, 100);
  EXPECT_EQ(List(r), std::vector<std::string>{a.id()});

  r.Clear();
  r.set_citizen_id("cit-2");
  EXPECT_EQ(List(r), std::vector<std::string>{b.id()});

  r.Clear();
  r.add_references(a.reference());
  r.add_references(d.reference());
  EXPECT_EQ(Set(List(r)), Set({a.id(), d.id()}));

  // Filters combine with AND.
  r.Clear();
  r.add_category_codes("graffiti");
  r.add_channels(roles::CHANNEL_APP);
  EXPECT_EQ(List(r), std::vector<std::string>{b.id()});
}

TEST_F(ReadReportsTest, OrdersAndPagesStablyWithTokensBoundToTheQuery) {
  std::vector<std::string> created;
  for (int i = 0; i < 7; ++i) {
    created.push_back(Make("p-" + std::to_string(i), "zwerfvuil", Offset(GroteMarkt(), i * 100, 0)).id());
  }
  // Two share a creation instant: the id breaks the tie.
  Exec("UPDATE reports SET created_at = (SELECT created_at FROM reports WHERE id = '" + created[2] +
       "') WHERE id = '" + created[3] + "'");
  for (auto order : {v1::REPORT_ORDER_CREATED_AT_DESC, v1::REPORT_ORDER_CREATED_AT_ASC,
                     v1::REPORT_ORDER_STATUS_UPDATED_AT_DESC}) {
    std::vector<std::string> seen;
    std::string token;
    int pages = 0;
    do {
      v1::ListReportsRequest req;
      req.set_page_size(3);
      req.set_order_by(order);
      req.set_page_token(token);
      v1::ListReportsResponse page;
      grpc::Status s = stub_->ListReports(As(kSintTruiden, roles::ROLE_COORDINATOR).get(), req, &page);
      ASSERT_TRUE(s.ok()) << Reason(s);
      EXPECT_LE(page.reports_size(), 3);
      for (const auto& r : page.reports()) seen.push_back(r.id());
      token = page.next_page_token();
      ++pages;
    } while (!token.empty() && pages < 10);
    EXPECT_EQ(pages, 3) << order;
    ASSERT_EQ(seen.size(), 7u) << order;
    EXPECT_EQ(Set(seen).size(), 7u) << order;
    if (order == v1::REPORT_ORDER_CREATED_AT_ASC) {
      EXPECT_EQ(seen.front(), created.front());
      EXPECT_EQ(seen.back(), created.back());
    } else if (order == v1::REPORT_ORDER_CREATED_AT_DESC) {
      EXPECT_EQ(seen.front(), created.back());
      EXPECT_EQ(seen.back(), created.front());
    }
  }

  v1::ListReportsRequest first;
  first.set_page_size(2);
  v1::ListReportsResponse page;
  ASSERT_TRUE(stub_->ListReports(As(kSintTruiden, roles::ROLE_COORDINATOR).get(), first, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  v1::ListReportsRequest changed = first;
  changed.set_page_token(page.next_page_token());
  changed.add_category_codes("graffiti");
  grpc::Status s = stub_->ListReports(As(kSintTruiden, roles::ROLE_COORDINATOR).get(), changed, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "PAGE_TOKEN_INVALID");
  changed.clear_category_codes();
  changed.set_page_token("AAAAAAAAAAAAAAAA");
  EXPECT_EQ(Reason(stub_->ListReports(As(kSintTruiden, roles::ROLE_COORDINATOR).get(), changed, &page)),
            "PAGE_TOKEN_INVALID");
}

TEST_F(ReadReportsTest, ACitizenListsOnlyTheirOwnReports) {
  const auto mine = Make("m-1", "zwerfvuil", GroteMarkt(), roles::CHANNEL_APP, "cit-1");
  Make("m-2", "zwerfvuil", Offset(GroteMarkt(), 500, 0), roles::CHANNEL_APP, "cit-2");
  Make("m-3", "zwerfvuil", Offset(GroteMarkt(), 900, 0), roles::CHANNEL_PHONE);
  v1::ListReportsRequest req;
  EXPECT_EQ(List(req, AsCitizen(kSintTruiden, "cit-1")), std::vector<std::string>{mine.id()});
  req.set_citizen_id("cit-2");  // asking for someone else's changes nothing
  EXPECT_EQ(List(req, AsCitizen(kSintTruiden, "cit-1")), std::vector<std::string>{mine.id()});
}

}  // namespace
}  // namespace meldpunt::intake::testing
