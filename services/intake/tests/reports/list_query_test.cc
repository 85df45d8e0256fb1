#include "services/intake/src/reports/list_query.h"

#include <gtest/gtest.h>

#include "libs/status/status.h"
#include "libs/time/conversions.h"
#include "libs/postgres/sql_params.h"

namespace meldpunt::intake {
namespace {

namespace c = common::v1;

auth::Principal Caller(c::Role role, const std::string& tenant = "71053",
                       const std::string& subject = "sub") {
  auth::Principal p;
  p.set_tenant_id(tenant);
  p.set_subject(subject);
  p.set_kind(role == c::ROLE_CITIZEN ? c::PRINCIPAL_KIND_CITIZEN : c::PRINCIPAL_KIND_STAFF);
  p.add_roles(role);
  return p;
}

v1::Report Last() {
  v1::Report r;
  r.set_id("6f1c2a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f");
  *r.mutable_created_at() = time::ToProto(time::FromMicros(1'780'000'000'123'456));
  *r.mutable_status_updated_at() = time::ToProto(time::FromMicros(1'780'000'100'000'000));
  return r;
}

TEST(ListQueryTest, ACitizenListsOnlyTheirOwnReports) {
  v1::ListReportsRequest req;
  req.set_citizen_id("someone-else");
  auto paged = BuildReportQuery(req, Caller(c::ROLE_CITIZEN, "71053", "cit-1"));
  ASSERT_TRUE(paged.ok()) << paged.status();
  EXPECT_EQ(paged->query.citizen_id, "cit-1");
  auto staff = BuildReportQuery(req, Caller(c::ROLE_COORDINATOR));
  EXPECT_EQ(staff->query.citizen_id, "someone-else");
}

TEST(ListQueryTest, PageTokensContinueTheSameQueryOnly) {
  v1::ListReportsRequest req;
  req.set_page_size(2);
  req.add_category_codes("zwerfvuil");
  auto first = BuildReportQuery(req, Caller(c::ROLE_COORDINATOR));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->query.limit, 2);
  req.set_page_token(NextReportsPageToken("71053", *first, Last()));
  req.set_page_size(5);  // the page size may change between pages
  auto next = BuildReportQuery(req, Caller(c::ROLE_COORDINATOR));
  ASSERT_TRUE(next.ok()) << next.status();
  ASSERT_TRUE(next->query.after.has_value());
  EXPECT_EQ(next->query.after->micros, 1'780'000'000'123'456);
  EXPECT_EQ(next->query.after->tie, Last().id());

  auto other_tenant = BuildReportQuery(req, Caller(c::ROLE_COORDINATOR, "71022"));
  EXPECT_EQ(status::Reason(other_tenant.status()), "PAGE_TOKEN_INVALID");
  auto other_filter = req;
  other_filter.add_category_codes("graffiti");
  EXPECT_EQ(status::Reason(BuildReportQuery(other_filter, Caller(c::ROLE_COORDINATOR)).status()),
            "PAGE_TOKEN_INVALID");
  auto other_order = req;
  other_order.set_order_by(v1::REPORT_ORDER_CREATED_AT_ASC);
  EXPECT_EQ(status::Reason(BuildReportQuery(other_order, Caller(c::ROLE_COORDINATOR)).status()),
            "PAGE_TOKEN_INVALID");
  // A citizen cannot use a staff member's token to page through everyone's reports.
  EXPECT_EQ(status::Reason(BuildReportQuery(req, Caller(c::ROLE_CITIZEN)).status()), "PAGE_TOKEN_INVALID");
  auto garbage = req;
  garbage.set_page_token("%%%not-base64");
  EXPECT_EQ(status::Reason(BuildReportQuery(garbage, Caller(c::ROLE_COORDINATOR)).status()),
            "PAGE_TOKEN_INVALID");
}

TEST(ListQueryTest, FiltersAreChecked) {
  auto reason = [](const v1::ListReportsRequest& r) {
    return status::Reason(BuildReportQuery(r, Caller(c::ROLE_COORDINATOR)).status());
  };
  v1::ListReportsRequest r;
  r.add_statuses(v1::REPORT_STATUS_UNSPECIFIED);
  EXPECT_EQ(reason(r), "FILTER_INVALID");
  r.Clear();
  r.add_channels(static_cast<c::Channel>(42));
  EXPECT_EQ(reason(r), "FILTER_INVALID");
  r.Clear();
  r.add_category_codes("NOT A CODE");
  EXPECT_EQ(reason(r), "FILTER_INVALID");
  r.Clear();
  r.add_references("STR-2026-000001");
  EXPECT_EQ(reason(r), "");
  r.add_references("x' OR 1=1");
  EXPECT_EQ(reason(r), "FILTER_INVALID");
  r.Clear();
  r.mutable_created_after()->set_seconds(2000);
  r.mutable_created_before()->set_seconds(1000);
  EXPECT_EQ(reason(r), "FILTER_INVALID");
  r.Clear();
  r.mutable_area()->mutable_circle()->mutable_center()->set_latitude(95);
  r.mutable_area()->mutable_circle()->set_radius_m(10);
  EXPECT_EQ(reason(r), "COORDINATES_INVALID");
  r.Clear();
  r.set_page_size(-1);
  EXPECT_EQ(reason(r), "PAGE_SIZE_INVALID");
  r.Clear();
  for (int i = 0; i < 101; ++i) r.add_zone_ids("71053A");
  EXPECT_EQ(reason(r), "FILTER_INVALID");
}

TEST(ListQueryTest, TheNearbyFeedHasAreaAndPeriodLimits) {
  const absl::Time now = absl::FromUnixSeconds(1'780'000'000);
  v1::ListNearbyReportsRequest r;
  EXPECT_EQ(status::Reason(BuildNearbyQuery(r, "71053", now).status()), "AREA_INVALID");
  auto* circle = r.mutable_area()->mutable_circle();
  circle->mutable_center()->set_latitude(50.8163);
  circle->mutable_center()->set_longitude(5.1856);
  circle->set_radius_m(5000);
  auto q = BuildNearbyQuery(r, "71053", now);
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ(q->query.since_us, absl::ToUnixMicros(now - absl::Hours(24 * 30)));
  circle->set_radius_m(5001);
  EXPECT_EQ(status::Reason(BuildNearbyQuery(r, "71053", now).status()), "AREA_TOO_LARGE");
  circle->set_radius_m(100);
  r.mutable_since()->set_seconds(absl::ToUnixSeconds(now - absl::Hours(24 * 91)));
  EXPECT_EQ(status::Reason(BuildNearbyQuery(r, "71053", now).status()), "SINCE_INVALID");
  r.mutable_since()->set_seconds(absl::ToUnixSeconds(now - absl::Hours(24 * 89)));
  EXPECT_TRUE(BuildNearbyQuery(r, "71053", now).ok());
  r.set_page_token("bm90LWEtdG9rZW4");
  EXPECT_EQ(status::Reason(BuildNearbyQuery(r, "71053", now).status()), "PAGE_TOKEN_INVALID");
}

}  // namespace
}  // namespace meldpunt::intake
