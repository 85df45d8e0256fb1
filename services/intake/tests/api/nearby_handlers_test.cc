// ListNearbyReports at the gRPC edge, on the fake repositories: open to every role of the tenant,
// the area checked before the repository is asked, and nothing about reporters in the answer.
#include <gtest/gtest.h>

#include "services/intake/src/zones/geo.h"
#include "services/intake/tests/api/api_fixture.h"

namespace meldpunt::intake::testing {
namespace {

using grpc::StatusCode;

v1::ListNearbyReportsRequest Circle(const common::v1::GeoPoint& center, double radius_m) {
  v1::ListNearbyReportsRequest req;
  *req.mutable_area()->mutable_circle()->mutable_center() = center;
  req.mutable_area()->mutable_circle()->set_radius_m(radius_m);
  return req;
}

class NearbyHandlersTest : public ApiTest {};

TEST_F(NearbyHandlersTest, NeedsAPrincipalWithARole) {
  v1::ListNearbyReportsResponse resp;
  EXPECT_TRUE(Refused(stub_->ListNearbyReports(ServiceHarness::Anonymous().get(), Circle(GroteMarkt(), 100),
                                               &resp),
                      StatusCode::UNAUTHENTICATED, "PRINCIPAL_MISSING"));
  EXPECT_TRUE(Refused(stub_->ListNearbyReports(WithoutAllowedRole().get(), Circle(GroteMarkt(), 100), &resp),
                      StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED"));
}

TEST_F(NearbyHandlersTest, RefusesMissingAndOversizedAreas) {
  v1::ListNearbyReportsResponse resp;
  EXPECT_TRUE(Refused(stub_->ListNearbyReports(harness_.As(kSintTruiden, roles::ROLE_ANALYST).get(),
                                               v1::ListNearbyReportsRequest(), &resp),
                      StatusCode::INVALID_ARGUMENT, "AREA_INVALID"));
  EXPECT_TRUE(Refused(stub_->ListNearbyReports(harness_.As(kSintTruiden, roles::ROLE_ANALYST).get(),
                                               Circle(GroteMarkt(), 5001), &resp),
                      StatusCode::INVALID_ARGUMENT, "AREA_TOO_LARGE"));
}

TEST_F(NearbyHandlersTest, ListsRecentReportsInTheAreaNewestFirst) {
  const v1::Report near = MustCreate("r-1", "cit-1", "zwerfvuil", Offset(GroteMarkt(), 20, 0));
  const v1::Report sensitive = MustCreate("r-2", "cit-1", "drugsafval", GroteMarkt());
  MustCreate("r-3", "cit-1", "zwerfvuil", Offset(GroteMarkt(), 3000, 0));  // outside the circle

  v1::ListNearbyReportsRequest req = Circle(GroteMarkt(), 500);
  req.set_page_size(1);
  v1::ListNearbyReportsResponse first;
  ASSERT_TRUE(stub_->ListNearbyReports(harness_.As(kSintTruiden, roles::ROLE_ANALYST).get(), req, &first).ok());
  ASSERT_EQ(first.reports_size(), 1);
  EXPECT_EQ(first.reports(0).reference(), sensitive.reference());
  EXPECT_TRUE(first.reports(0).location_coarsened());
  const auto cell = CoarsenPoint(GroteMarkt());
  EXPECT_DOUBLE_EQ(first.reports(0).location().latitude(), cell.latitude());
  ASSERT_FALSE(first.next_page_token().empty());

  req.set_page_token(first.next_page_token());
  v1::ListNearbyReportsResponse second;
  ASSERT_TRUE(stub_->ListNearbyReports(harness_.AsCitizen(kSintTruiden, "someone").get(), req, &second).ok());
  ASSERT_EQ(second.reports_size(), 1);
  EXPECT_EQ(second.reports(0).reference(), near.reference());
  EXPECT_FALSE(second.reports(0).location_coarsened());
  EXPECT_NEAR(second.reports(0).distance_m(), 20, 1);
  EXPECT_TRUE(second.next_page_token().empty());

  v1::ListNearbyReportsResponse hasselt;
  ASSERT_TRUE(stub_->ListNearbyReports(harness_.AsCitizen(kHasselt, "someone").get(),
                                       Circle(GroteMarkt(), 500), &hasselt).ok());
  EXPECT_EQ(hasselt.reports_size(), 0);
}

}  // namespace
}  // namespace meldpunt::intake::testing
