// CreateReport through real gRPC: what is stored, the reference, the zone, idempotency,
// duplicate suggestions, and every refusal with its reason.
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "absl/strings/str_format.h"
#include "services/intake/src/zones/geo.h"
#include "services/intake/tests/intake_fixture.h"

namespace meldpunt::intake::testing {
namespace {

class CreateReportTest : public ReportsTest {
 protected:
  grpc::Status CreateAs(const std::string& citizen, const v1::CreateReportRequest& req,
                        v1::CreateReportResponse* resp = nullptr) {
    v1::CreateReportResponse ignored;
    return Create(AsCitizen(kSintTruiden, citizen), req, resp ? resp : &ignored);
  }
  std::int64_t Reports() { return Scalar("SELECT count(*) FROM reports"); }
};

TEST_F(CreateReportTest, StoresTheReportWithReferenceZoneAndStatus) {
  auto req = NewReport("r-1", "zwerfvuil", GroteMarkt());
  req.add_attribute_values()->set_code("aantal");
  req.mutable_attribute_values(1)->add_values("3");
  std::swap(*req.mutable_attribute_values(0), *req.mutable_attribute_values(1));
  v1::CreateReportResponse resp;
  grpc::Status s = CreateAs("cit-1", req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << " " << s.error_message();
  const v1::Report& r = resp.report();
  EXPECT_FALSE(resp.replayed());
  EXPECT_TRUE(std::regex_match(r.reference(), std::regex("STR-20[0-9]{2}-000001"))) << r.reference();
  EXPECT_EQ(r.tenant_id(), kSintTruiden);
  EXPECT_EQ(r.zone_id(), "71053A");
  EXPECT_EQ(r.zone_name(), "Sint-Truiden");
  EXPECT_EQ(r.status(), v1::REPORT_STATUS_RECEIVED);
  EXPECT_EQ(r.reporter().citizen_id(), "cit-1");
  EXPECT_EQ(r.submitted_by(), "cit-1");
  EXPECT_EQ(r.channel(), roles::CHANNEL_APP);
  EXPECT_EQ(r.language(), roles::LANGUAGE_NL);
  EXPECT_DOUBLE_EQ(r.location().latitude(), GroteMarkt().latitude());
  EXPECT_DOUBLE_EQ(r.location().longitude(), GroteMarkt().longitude());
  ASSERT_EQ(r.attribute_values_size(), 2);
  EXPECT_EQ(r.attribute_values(0).code(), "hoeveelheid");  // the category's order
  EXPECT_GT(r.created_at().seconds(), 0);
  EXPECT_EQ(r.status_updated_at().seconds(), r.created_at().seconds());
  EXPECT_EQ(harness_.events_written(), 1);

  // The same report read back is what the create answered.
  v1::GetReportRequest get;
  get.set_id(r.id());
  v1::GetReportResponse got;
  ASSERT_TRUE(stub_->GetReport(AsCitizen(kSintTruiden, "cit-1").get(), get, &got).ok());
  EXPECT_EQ(got.report().SerializeAsString(), r.SerializeAsString());

  // Numbers count per tenant and year.
  auto second = MustCreate(AsCitizen(kSintTruiden, "cit-2"), NewReport("r-2", "zwerfvuil", PointIn(kSintTruiden, "71053J")));
  EXPECT_EQ(second.reference().substr(9), "000002");
  EXPECT_EQ(second.zone_id(), "71053J");
  EXPECT_EQ(second.zone_name(), "Brustem");
  auto hasselt = MustCreate(AsCitizen(kHasselt, "cit-9"),
                            NewReport("r-1", "zwerfvuil", PointIn(kHasselt, "71022A")));
  EXPECT_TRUE(std::regex_match(hasselt.reference(), std::regex("HAS-20[0-9]{2}-000001")))
      << hasselt.reference();
}

TEST_F(CreateReportTest, EveryDeelgemeenteIsFoundByItsPoint) {
  const std::vector<std::string> zones = {"71053A", "71053B", "71053C", "71053D", "71053E",
                                          "71053F", "71053G", "71053H", "71053J", "71053K",
                                          "71053L", "71053M", "71053N", "71053P", "71053R"};
  for (const auto& zone : zones) {
    auto req = NewReport("z-" + zone, "graffiti", PointIn(kSintTruiden, zone));
    req.set_channel(roles::CHANNEL_PHONE);
    auto report = MustCreate(As(kSintTruiden, roles::ROLE_FRONT_OFFICE), req);
    EXPECT_EQ(report.zone_id(), zone);
    EXPECT_FALSE(report.zone_name().empty());
  }
}

TEST_F(CreateReportTest, StaffReportOnBehalfOfAGuestWithAnAddressOnly) {
  auto req = NewReport("g-1", "zwerfvuil", GroteMarkt());
  req.clear_location();
  req.set_channel(roles::CHANNEL_PHONE);
  req.mutable_reporter()->mutable_guest()->set_first_name("Marie");
  req.mutable_address()->set_street("Grote Markt");
  req.mutable_address()->set_house_number("1");
  req.mutable_address()->set_postal_code("3800");
  req.mutable_address()->set_municipality("Sint-Truiden");
  req.mutable_contact_preference()->set_channel(roles::CONTACT_CHANNEL_SMS);
  req.mutable_contact_preference()->set_phone("0470 12 34 56");
  v1::CreateReportResponse resp;
  grpc::Status s = Create(As(kSintTruiden, roles::ROLE_FRONT_OFFICE, "fo-7"), req, &resp);
  ASSERT_TRUE(s.ok()) << Reason(s) << " " << s.error_message();
  EXPECT_FALSE(resp.report().has_location());
  EXPECT_EQ(resp.report().zone_id(), "");
  EXPECT_EQ(resp.report().address().country(), "BE");
  EXPECT_EQ(resp.report().reporter().guest().first_name(), "Marie");
  EXPECT_EQ(resp.report().contact_preference().phone(), "+32470123456");
  EXPECT_EQ(resp.report().submitted_by(), "fo-7");
  EXPECT_TRUE(resp.possible_duplicates().empty());
}

TEST_F(CreateReportTest, ARetryAnswersTheSameReportAndAReusedIdIsRefused) {
  auto req = NewReport("same-id", "zwerfvuil", GroteMarkt());
  v1::CreateReportResponse first, again;
  ASSERT_TRUE(CreateAs("cit-1", req, &first).ok());
  ASSERT_TRUE(CreateAs("cit-1", req, &again).ok());
  EXPECT_TRUE(again.replayed());
  EXPECT_EQ(again.report().id(), first.report().id());
  EXPECT_EQ(again.report().reference(), first.report().reference());
  EXPECT_EQ(Reports(), 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_outbox"), 1);
  EXPECT_EQ(harness_.events_written(), 1);

  auto changed = req;
  changed.set_description("Iets anders");
  grpc::Status s = CreateAs("cit-1", changed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Reason(s), "REQUEST_ID_REUSED");
  // Another citizen sending the very same request with that id never gets the first one's report.
  s = CreateAs("cit-2", req);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Reason(s), "REQUEST_ID_REUSED");
  // The key is per tenant: Hasselt may use the same id for its own report.
  auto in_hasselt = NewReport("same-id", "zwerfvuil", PointIn(kHasselt, "71022B"));
  EXPECT_TRUE(Create(AsCitizen(kHasselt, "cit-1"), in_hasselt, &again).ok());
  EXPECT_FALSE(again.replayed());
  EXPECT_EQ(Reports(), 2);
}

TEST_F(CreateReportTest, TheRequestLogKeepsNoPersonalDataAndARetryStillGetsTheReport) {
  auto req = NewReport("pii-1", "zwerfvuil", GroteMarkt());
  req.set_channel(roles::CHANNEL_PHONE);
  req.mutable_reporter()->mutable_guest()->set_first_name("Marieke");
  req.mutable_reporter()->mutable_guest()->set_last_name("Vanderheyden");
  req.mutable_contact_preference()->set_channel(roles::CONTACT_CHANNEL_EMAIL);
  req.mutable_contact_preference()->set_email("marieke@example.be");
  req.mutable_contact_preference()->set_phone("0470 12 34 56");
  v1::CreateReportResponse first, again;
  ASSERT_TRUE(Create(As(kSintTruiden, roles::ROLE_FRONT_OFFICE), req, &first).ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_request_log WHERE method = 'CreateReport'"), 1);
  for (const char* personal : {"Marieke", "Vanderheyden", "marieke@example.be", "+32470123456"}) {
    EXPECT_EQ(Scalar(std::string("SELECT count(*) FROM meldpunt_request_log WHERE position("
                                 "convert_to('") + personal + "', 'UTF8') IN response) > 0"),
              0)
        << personal << " is kept in the request log";
  }
  // The retry's answer is the report as stored, contact details included.
  ASSERT_TRUE(Create(As(kSintTruiden, roles::ROLE_FRONT_OFFICE), req, &again).ok());
  EXPECT_TRUE(again.replayed());
  EXPECT_EQ(again.report().id(), first.report().id());
  EXPECT_EQ(again.report().reference(), first.report().reference());
  EXPECT_EQ(again.report().reporter().guest().last_name(), "Vanderheyden");
  EXPECT_EQ(again.report().contact_preference().email(), "marieke@example.be");
  EXPECT_EQ(again.report().contact_preference().phone(), "+32470123456");
  EXPECT_EQ(again.report().zone_id(), first.report().zone_id());
  EXPECT_EQ(again.report().location().latitude(), first.report().location().latitude());
}

TEST_F(CreateReportTest, SuggestsOpenReportsOfTheSameCategoryNearby) {
  const auto here = GroteMarkt();
  const auto first = MustCreate(AsCitizen(kSintTruiden, "cit-1"), NewReport("d-1", "zwerfvuil", here));
  EXPECT_TRUE(first.IsInitialized());

  v1::CreateReportResponse near;
  ASSERT_TRUE(CreateAs("cit-2", NewReport("d-2", "zwerfvuil", Offset(here, 20, 0)), &near).ok());
  ASSERT_EQ(near.possible_duplicates_size(), 1);
  const auto& d = near.possible_duplicates(0);
  EXPECT_EQ(d.report_id(), first.id());
  EXPECT_EQ(d.reference(), first.reference());
  EXPECT_EQ(d.status(), v1::REPORT_STATUS_RECEIVED);
  EXPECT_NEAR(d.distance_m(), 20, 1);
  EXPECT_DOUBLE_EQ(d.location().latitude(), here.latitude());

  // Nearest first, at most the configured distance (50 m by default).
  v1::CreateReportResponse third;
  ASSERT_TRUE(CreateAs("cit-3", NewReport("d-3", "zwerfvuil", Offset(here, 35, 0)), &third).ok());
  ASSERT_EQ(third.possible_duplicates_size(), 2);
  EXPECT_EQ(third.possible_duplicates(0).report_id(), near.report().id());
  EXPECT_EQ(third.possible_duplicates(1).report_id(), first.id());
  v1::CreateReportResponse far;
  ASSERT_TRUE(CreateAs("cit-4", NewReport("d-4", "zwerfvuil", Offset(here, 0, 200)), &far).ok());
  EXPECT_EQ(far.possible_duplicates_size(), 0);
  // Another category is not a duplicate.
  v1::CreateReportResponse other;
  ASSERT_TRUE(CreateAs("cit-5", NewReport("d-5", "graffiti", here), &other).ok());
  EXPECT_EQ(other.possible_duplicates_size(), 0);
  // Closed or older than the period (14 days) are not suggested.
  Exec("UPDATE reports SET status = 'CLOSED' WHERE id = '" + near.report().id() + "'");
  Exec("UPDATE reports SET created_at = now() - interval '15 days' WHERE id = '" +
       third.report().id() + "'");
  v1::CreateReportResponse later;
  ASSERT_TRUE(CreateAs("cit-6", NewReport("d-6", "zwerfvuil", Offset(here, 10, 0)), &later).ok());
  ASSERT_EQ(later.possible_duplicates_size(), 1);
  EXPECT_EQ(later.possible_duplicates(0).report_id(), first.id());
}

TEST_F(CreateReportTest, SensitiveDuplicatesAreCoarsenedForCitizensOnly) {
  const auto here = GroteMarkt();
  auto staff_req = NewReport("s-1", "drugsafval", here);
  staff_req.set_channel(roles::CHANNEL_WARDEN);
  MustCreate(As(kSintTruiden, roles::ROLE_WARDEN), staff_req);
  v1::CreateReportResponse citizen;
  ASSERT_TRUE(CreateAs("cit-1", NewReport("s-2", "drugsafval", Offset(here, 10, 0)), &citizen).ok());
  ASSERT_EQ(citizen.possible_duplicates_size(), 1);
  const auto coarse = CoarsenPoint(here);
  EXPECT_NEAR(citizen.possible_duplicates(0).location().latitude(), coarse.latitude(), 1e-9);
  EXPECT_NEAR(citizen.possible_duplicates(0).location().longitude(), coarse.longitude(), 1e-9);
  auto warden_req = NewReport("s-3", "drugsafval", Offset(here, 2, 0));
  warden_req.set_channel(roles::CHANNEL_WARDEN);
  v1::CreateReportResponse staff;
  ASSERT_TRUE(Create(As(kSintTruiden, roles::ROLE_WARDEN), warden_req, &staff).ok());
  ASSERT_EQ(staff.possible_duplicates_size(), 2);
  EXPECT_DOUBLE_EQ(staff.possible_duplicates(0).location().latitude(), here.latitude());
}

TEST_F(CreateReportTest, ProbesAnywhereInOneCellGetTheSameSensitiveCandidates) {
  // Another citizen's sensitive report, and two probes of a citizen in the same grid cell: one
  // 10 m from the report, one 120 m away. Both must get the same candidates at the same distance;
  // otherwise a few probes would locate the report more finely than its cell.
  const auto cell = CoarsenPoint(GroteMarkt());
  const auto reported = Offset(cell, 20, 0);
  const auto near_probe = Offset(cell, 30, 0);
  const auto far_probe = Offset(cell, -100, 0);
  for (const auto& p : {reported, near_probe, far_probe}) {
    ASSERT_NEAR(CoarsenPoint(p).latitude(), cell.latitude(), 1e-9);
    ASSERT_NEAR(CoarsenPoint(p).longitude(), cell.longitude(), 1e-9);
  }
  const auto target =
      MustCreate(AsCitizen(kSintTruiden, "cit-9"), NewReport("p-0", "drugsafval", reported));

  v1::CreateReportResponse far, near;
  ASSERT_TRUE(CreateAs("cit-1", NewReport("p-1", "drugsafval", far_probe), &far).ok());
  ASSERT_TRUE(CreateAs("cit-1", NewReport("p-2", "drugsafval", near_probe), &near).ok());
  // What each probe learnt of reports other than the probes themselves.
  auto learnt = [&](const v1::CreateReportResponse& r) {
    std::map<std::string, double> out;
    for (const auto& d : r.possible_duplicates()) {
      if (d.report_id() != far.report().id()) out[d.report_id()] = d.distance_m();
    }
    return out;
  };
  ASSERT_EQ(learnt(far).size(), 1u);
  EXPECT_EQ(learnt(far).begin()->first, target.id());
  EXPECT_EQ(learnt(near), learnt(far));
}

TEST_F(CreateReportTest, BadInputIsRefusedWithAReasonAndNothingIsStored) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  struct Case {
    std::string name;
    std::function<void(v1::CreateReportRequest&)> change;
    grpc::StatusCode code;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"nan", [&](auto& r) { r.mutable_location()->set_latitude(nan); },
       grpc::StatusCode::INVALID_ARGUMENT, "COORDINATES_INVALID"},
      {"infinite", [](auto& r) { r.mutable_location()->set_longitude(HUGE_VAL); },
       grpc::StatusCode::INVALID_ARGUMENT, "COORDINATES_INVALID"},
      {"range", [](auto& r) { r.mutable_location()->set_latitude(123); },
       grpc::StatusCode::INVALID_ARGUMENT, "COORDINATES_INVALID"},
      {"brussels", [](auto& r) { *r.mutable_location() = Brussels(); },
       grpc::StatusCode::INVALID_ARGUMENT, "LOCATION_OUTSIDE_TERRITORY"},
      {"null island", [](auto& r) { r.mutable_location()->set_latitude(0); r.mutable_location()->set_longitude(0); },
       grpc::StatusCode::INVALID_ARGUMENT, "LOCATION_OUTSIDE_TERRITORY"},
      {"empty description", [](auto& r) { r.set_description(""); },
       grpc::StatusCode::INVALID_ARGUMENT, "DESCRIPTION_INVALID"},
      {"long description", [](auto& r) { r.set_description(std::string(4001, 'x')); },
       grpc::StatusCode::INVALID_ARGUMENT, "DESCRIPTION_INVALID"},
      {"unknown category", [](auto& r) { r.set_category_code("bestaat-niet"); },
       grpc::StatusCode::NOT_FOUND, "CATEGORY_NOT_FOUND"},
      {"inactive category", [](auto& r) { r.set_category_code("oud"); },
       grpc::StatusCode::FAILED_PRECONDITION, "CATEGORY_INACTIVE"},
      {"missing required", [](auto& r) { r.clear_attribute_values(); },
       grpc::StatusCode::INVALID_ARGUMENT, "ATTRIBUTE_REQUIRED"},
      {"mistyped required", [](auto& r) { r.mutable_attribute_values(0)->set_values(0, "heel-veel"); },
       grpc::StatusCode::INVALID_ARGUMENT, "ATTRIBUTE_INVALID"},
      {"mistyped number", [](auto& r) { auto* a = r.add_attribute_values(); a->set_code("aantal"); a->add_values("drie"); },
       grpc::StatusCode::INVALID_ARGUMENT, "ATTRIBUTE_INVALID"},
      {"unknown attribute", [](auto& r) { auto* a = r.add_attribute_values(); a->set_code("kleur"); a->add_values("rood"); },
       grpc::StatusCode::INVALID_ARGUMENT, "ATTRIBUTE_UNKNOWN"},
      {"no request id", [](auto& r) { r.clear_request_id(); },
       grpc::StatusCode::INVALID_ARGUMENT, "REQUEST_ID_INVALID"},
      {"no channel", [](auto& r) { r.clear_channel(); },
       grpc::StatusCode::INVALID_ARGUMENT, "CHANNEL_INVALID"},
      {"warden channel", [](auto& r) { r.set_channel(roles::CHANNEL_WARDEN); },
       grpc::StatusCode::PERMISSION_DENIED, "CHANNEL_NOT_ALLOWED"},
      {"someone else", [](auto& r) { r.mutable_reporter()->set_citizen_id("cit-other"); },
       grpc::StatusCode::PERMISSION_DENIED, "REPORTER_NOT_ALLOWED"},
  };
  for (const auto& c : cases) {
    auto req = NewReport("bad-" + std::to_string(&c - &cases[0]), "zwerfvuil", GroteMarkt());
    c.change(req);
    grpc::Status s = CreateAs("cit-1", req);
    EXPECT_EQ(s.error_code(), c.code) << c.name << ": " << s.error_message();
    EXPECT_EQ(Reason(s), c.reason) << c.name;
  }
  // A Hasselt point is outside Sint-Truiden's territory.
  EXPECT_EQ(Reason(CreateAs("cit-1", NewReport("bad-hasselt", "zwerfvuil", PointIn(kHasselt, "71022A")))),
            "LOCATION_OUTSIDE_TERRITORY");
  // Roles that do not report, and calls without a principal.
  v1::CreateReportResponse resp;
  grpc::Status s = Create(As(kSintTruiden, roles::ROLE_ANALYST), NewReport("a", "zwerfvuil", GroteMarkt()), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(s), "ROLE_NOT_ALLOWED");
  grpc::ClientContext anonymous;
  s = stub_->CreateReport(&anonymous, NewReport("a", "zwerfvuil", GroteMarkt()), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reports(), 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_outbox"), 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM report_counters"), 0);
}

// All succeed, so the per-tenant sequence hands out 1..N with no gap (a failure would leave one).
TEST_F(CreateReportTest, ConcurrentReportsGetDistinctConsecutiveNumbers) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 5;
  std::vector<std::thread> threads;
  std::mutex mu;
  std::set<std::string> references;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string id = "c-" + std::to_string(t) + "-" + std::to_string(i);
        v1::CreateReportResponse resp;
        grpc::Status s = CreateAs("cit-" + std::to_string(t), NewReport(id, "zwerfvuil", Offset(GroteMarkt(), i, t)), &resp);
        EXPECT_TRUE(s.ok()) << Reason(s);
        std::lock_guard<std::mutex> lock(mu);
        references.insert(resp.report().reference().substr(9));
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> expected;
  for (int n = 1; n <= kThreads * kPerThread; ++n) expected.insert(absl::StrFormat("%06d", n));
  EXPECT_EQ(references, expected);
}

TEST_F(CreateReportTest, ATenantWithoutTerritoryCannotTakeReports) {
  v1::CreateReportResponse resp;
  grpc::Status s = Create(AsCitizen("44021", "cit-1"), NewReport("t", "zwerfvuil", GroteMarkt()), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(s), "TENANT_NOT_CONFIGURED");
}

TEST_F(CreateReportTest, AReporterIsVerifiedOnlyAtTheTenantsMinimumAssurance) {
  auto as_citizen_at = [&](const std::string& tenant, common::v1::AssuranceLevel level) {
    auth::Principal p = meldpunt::testing::MakePrincipal(
        tenant, common::v1::PRINCIPAL_KIND_CITIZEN, {common::v1::ROLE_CITIZEN}, "cit-1");
    p.set_assurance_level(level);
    return harness_.AsPrincipal(p);
  };
  auto create = [&](const std::string& request_id, std::unique_ptr<grpc::ClientContext> ctx) {
    v1::CreateReportResponse resp;
    grpc::Status s = Create(std::move(ctx), NewReport(request_id, "zwerfvuil", GroteMarkt()), &resp);
    EXPECT_TRUE(s.ok()) << Reason(s);
    return resp.report();
  };
  // Copied card files are taken, as an unverified citizen's report; the card present verifies.
  v1::Report copied = create("v-1", as_citizen_at(kSintTruiden, common::v1::ASSURANCE_LEVEL_EID_DATA));
  EXPECT_EQ(copied.reporter().citizen_id(), "cit-1");
  EXPECT_EQ(copied.reporter_assurance_level(), common::v1::ASSURANCE_LEVEL_EID_DATA);
  EXPECT_FALSE(copied.reporter_verified());
  v1::Report present = create("v-2", as_citizen_at(kSintTruiden, common::v1::ASSURANCE_LEVEL_ITSME));
  EXPECT_EQ(present.reporter_assurance_level(), common::v1::ASSURANCE_LEVEL_ITSME);
  EXPECT_TRUE(present.reporter_verified());
  // Read back as stored.
  v1::GetReportRequest get;
  get.set_id(copied.id());
  v1::GetReportResponse got;
  ASSERT_TRUE(stub_->GetReport(AsCitizen(kSintTruiden, "cit-1").get(), get, &got).ok());
  EXPECT_EQ(got.report().reporter_assurance_level(), common::v1::ASSURANCE_LEVEL_EID_DATA);
  EXPECT_FALSE(got.report().reporter_verified());

  // A tenant that trusts card files verifies them; what was reported before keeps its mark.
  Exec("UPDATE tenants SET verified_report_assurance = 'EID_DATA' WHERE tenant_id = '71053'");
  EXPECT_TRUE(create("v-3", as_citizen_at(kSintTruiden, common::v1::ASSURANCE_LEVEL_EID_DATA))
                  .reporter_verified());
  EXPECT_FALSE(create("v-4", as_citizen_at(kSintTruiden, common::v1::ASSURANCE_LEVEL_FAS_LOW))
                   .reporter_verified());
  ASSERT_TRUE(stub_->GetReport(AsCitizen(kSintTruiden, "cit-1").get(), get, &got).ok());
  EXPECT_FALSE(got.report().reporter_verified());
  // A session without a level, or a report that no citizen made, carries none.
  v1::Report none = create("v-5", as_citizen_at(kSintTruiden, common::v1::ASSURANCE_LEVEL_UNSPECIFIED));
  EXPECT_FALSE(none.reporter_verified());
  v1::Report by_app = create("v-6", AsApiClient(kSintTruiden));
  EXPECT_EQ(by_app.reporter_assurance_level(), common::v1::ASSURANCE_LEVEL_UNSPECIFIED);
  EXPECT_FALSE(by_app.reporter_verified());
}

}  // namespace
}  // namespace meldpunt::intake::testing
