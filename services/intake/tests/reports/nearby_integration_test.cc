// ListNearbyReports through real gRPC: recent reports in an area, nothing about reporters, and
// sensitive locations coarsened so that no search narrows them down.
#include <gtest/gtest.h>

#include "services/intake/src/zones/geo.h"
#include "services/intake/tests/intake_fixture.h"

namespace meldpunt::intake::testing {
namespace {

class NearbyTest : public ReportsTest {
 protected:
  v1::Report Make(const std::string& id, const std::string& category, const common::v1::GeoPoint& p) {
    auto req = NewReport(id, category, p);
    req.set_description("Beschrijving met naam Jan Janssens");
    req.mutable_contact_preference()->set_channel(roles::CONTACT_CHANNEL_EMAIL);
    req.mutable_contact_preference()->set_email("jan@example.be");
    return MustCreate(AsCitizen(kSintTruiden, "cit-secret-id"), req);
  }

  static v1::ListNearbyReportsRequest Circle(const common::v1::GeoPoint& center, double r) {
    v1::ListNearbyReportsRequest req;
    *req.mutable_area()->mutable_circle()->mutable_center() = center;
    req.mutable_area()->mutable_circle()->set_radius_m(r);
    return req;
  }

  v1::ListNearbyReportsResponse Feed(const v1::ListNearbyReportsRequest& req,
                                     roles::Role role = roles::ROLE_CITIZEN) {
    v1::ListNearbyReportsResponse resp;
    grpc::Status s = stub_->ListNearbyReports(As(kSintTruiden, role, "someone").get(), req, &resp);
    EXPECT_TRUE(s.ok()) << Reason(s) << " " << s.error_message();
    return resp;
  }
};

TEST_F(NearbyTest, ShowsRecentReportsInTheAreaWithoutReporterData) {
  const auto here = GroteMarkt();
  const auto a = Make("a", "zwerfvuil", Offset(here, 100, 0));
  const auto far = Make("far", "zwerfvuil", Offset(here, 0, 3000));
  const auto old = Make("old", "zwerfvuil", Offset(here, -100, 0));
  const auto rejected = Make("rej", "zwerfvuil", Offset(here, 50, 50));
  Exec("UPDATE reports SET created_at = now() - interval '40 days' WHERE id = '" + old.id() + "'");
  Exec("UPDATE reports SET status = 'REJECTED' WHERE id = '" + rejected.id() + "'");

  auto resp = Feed(Circle(here, 1000), roles::ROLE_ANALYST);
  ASSERT_EQ(resp.reports_size(), 1);
  const auto& r = resp.reports(0);
  EXPECT_EQ(r.reference(), a.reference());
  EXPECT_EQ(r.category_code(), "zwerfvuil");
  EXPECT_EQ(r.status(), v1::REPORT_STATUS_RECEIVED);
  EXPECT_FALSE(r.location_coarsened());
  EXPECT_DOUBLE_EQ(r.location().latitude(), a.location().latitude());
  EXPECT_NEAR(r.distance_m(), 100, 1);
  EXPECT_EQ(r.zone_id(), "71053A");
  EXPECT_EQ(r.zone_name(), "Sint-Truiden");
  // Nothing personal travels in the answer.
  const std::string wire = resp.SerializeAsString();
  for (const char* secret : {"cit-secret-id", "jan@example.be", "Janssens"}) {
    EXPECT_EQ(wire.find(secret), std::string::npos) << secret;
  }
  // An explicit `since` reaches further back (up to 90 days).
  auto req = Circle(here, 1000);
  req.mutable_since()->set_seconds(absl::ToUnixSeconds(absl::Now() - absl::Hours(24 * 60)));
  EXPECT_EQ(Feed(req).reports_size(), 2);
  req.add_category_codes("drugsafval");
  EXPECT_EQ(Feed(req).reports_size(), 0);
  EXPECT_EQ(far.reference().empty(), false);
}

TEST_F(NearbyTest, SensitiveLocationsAreCoarsenedAndCannotBeProbed) {
  // A house 85 m from the centre of its grid cell.
  const auto cell = CoarsenPoint(GroteMarkt());
  const auto house = Offset(cell, 60, 60);
  ASSERT_NEAR(CoarsenPoint(house).latitude(), cell.latitude(), 1e-9);
  const auto report = Make("s", "drugsafval", house);
  auto resp = Feed(Circle(GroteMarkt(), 1000));
  ASSERT_EQ(resp.reports_size(), 1);
  const auto& r = resp.reports(0);
  EXPECT_TRUE(r.location_coarsened());
  EXPECT_NEAR(r.location().latitude(), cell.latitude(), 1e-9);
  EXPECT_NEAR(r.location().longitude(), cell.longitude(), 1e-9);
  EXPECT_GT(DistanceMeters(r.location(), house), 1);
  EXPECT_NEAR(r.distance_m(), DistanceMeters(GroteMarkt(), cell), 1);
  // A tiny circle on the real spot finds nothing; one on the cell centre does.
  EXPECT_EQ(Feed(Circle(house, 5)).reports_size(), 0);
  EXPECT_EQ(Feed(Circle(cell, 5)).reports_size(), 1);
  v1::ListNearbyReportsRequest tiny_box;
  *tiny_box.mutable_area()->mutable_bounding_box()->mutable_south_west() = Offset(house, -5, -5);
  *tiny_box.mutable_area()->mutable_bounding_box()->mutable_north_east() = Offset(house, 5, 5);
  EXPECT_EQ(Feed(tiny_box).reports_size(), 0);
  // Staff see the same public view here: the real point is in GetReport.
  EXPECT_TRUE(Feed(Circle(cell, 5), roles::ROLE_COORDINATOR).reports(0).location_coarsened());
  EXPECT_FALSE(report.id().empty());
}

TEST_F(NearbyTest, BoxesPagesAndLimits) {
  const auto here = GroteMarkt();
  for (int i = 0; i < 5; ++i) Make("b-" + std::to_string(i), "zwerfvuil", Offset(here, i * 50, 0));
  v1::ListNearbyReportsRequest box;
  *box.mutable_area()->mutable_bounding_box()->mutable_south_west() = Offset(here, -10, -10);
  *box.mutable_area()->mutable_bounding_box()->mutable_north_east() = Offset(here, 120, 10);
  auto in_box = Feed(box);
  EXPECT_EQ(in_box.reports_size(), 3);
  for (const auto& r : in_box.reports()) EXPECT_EQ(r.distance_m(), 0);

  std::vector<std::string> seen;
  auto req = Circle(here, 1000);
  req.set_page_size(2);
  do {
    auto page = Feed(req);
    for (const auto& r : page.reports()) seen.push_back(r.reference());
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty() && seen.size() < 10);
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_GT(seen[0], seen[4]);  // newest (highest number) first

  v1::ListNearbyReportsResponse resp;
  auto too_big = Circle(here, 5001);
  grpc::Status s = stub_->ListNearbyReports(As(kSintTruiden, roles::ROLE_CITIZEN).get(), too_big, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "AREA_TOO_LARGE");
  *box.mutable_area()->mutable_bounding_box()->mutable_north_east() = Offset(here, 11000, 10);
  EXPECT_EQ(Reason(stub_->ListNearbyReports(As(kSintTruiden, roles::ROLE_CITIZEN).get(), box, &resp)),
            "AREA_TOO_LARGE");
  EXPECT_EQ(Reason(stub_->ListNearbyReports(As(kSintTruiden, roles::ROLE_CITIZEN).get(),
                                            v1::ListNearbyReportsRequest(), &resp)),
            "AREA_INVALID");
  auto stale = Circle(here, 100);
  stale.mutable_since()->set_seconds(absl::ToUnixSeconds(absl::Now() - absl::Hours(24 * 91)));
  EXPECT_EQ(Reason(stub_->ListNearbyReports(As(kSintTruiden, roles::ROLE_CITIZEN).get(), stale, &resp)),
            "SINCE_INVALID");
  grpc::ClientContext anonymous;
  EXPECT_EQ(stub_->ListNearbyReports(&anonymous, Circle(here, 100), &resp).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace meldpunt::intake::testing
