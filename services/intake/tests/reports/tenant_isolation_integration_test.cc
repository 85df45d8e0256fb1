// A principal of Hasselt can neither read, list, attach to, nor find in the public feed any of
// Sint-Truiden's reports — not by id, reference, guessed id or borrowed page token. And the
// database's row-level security holds on its own, for a query that forgets the tenant filter.
#include <pqxx/pqxx>

#include <gtest/gtest.h>

#include "libs/auth/tenant_scope.h"
#include "services/intake/tests/intake_fixture.h"
#include "services/intake/tests/media/test_images.h"

namespace meldpunt::intake::testing {
namespace {

class TenantIsolationTest : public ReportsTest {
 protected:
  void Seed() override {
    for (int i = 0; i < 3; ++i) {
      st_.push_back(MustCreate(AsCitizen(kSintTruiden, "cit-st"),
                               NewReport("st-" + std::to_string(i), "zwerfvuil", Offset(GroteMarkt(), i * 10, 0))));
    }
    v1::AddReportMediaRequest media;
    media.set_request_id("m");
    media.set_report_id(st_[0].id());
    media.set_content(MakeJpeg(JpegParts()));
    v1::AddReportMediaResponse added;
    ASSERT_TRUE(stub_->AddReportMedia(AsCitizen(kSintTruiden, "cit-st").get(), media, &added).ok());
    hs_ = MustCreate(AsCitizen(kHasselt, "cit-hs"), NewReport("hs", "zwerfvuil", PointIn(kHasselt, "71022A")));
  }

  // A fresh call context for each Hasselt caller that may read reports (a context serves one
  // call), including a citizen whose id also exists in Sint-Truiden.
  static constexpr int kHasseltCallers = 5;
  std::unique_ptr<grpc::ClientContext> HasseltCaller(int i) {
    static constexpr roles::Role kRoles[] = {roles::ROLE_COORDINATOR, roles::ROLE_TENANT_ADMIN,
                                             roles::ROLE_INTEGRATOR, roles::ROLE_PLATFORM_ADMIN};
    return i < 4 ? As(kHasselt, kRoles[i]) : AsCitizen(kHasselt, "cit-st");
  }

  std::vector<v1::Report> st_;
  v1::Report hs_;
};

TEST_F(TenantIsolationTest, GetByIdReferenceOrGuessedIdIsNotFound) {
  for (int caller = 0; caller < kHasseltCallers; ++caller) {
    for (const auto& r : st_) {
      v1::GetReportResponse resp;
      v1::GetReportRequest by_id;
      by_id.set_id(r.id());
      grpc::Status s = stub_->GetReport(HasseltCaller(caller).get(), by_id, &resp);
      EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << caller;
      EXPECT_EQ(Reason(s), "REPORT_NOT_FOUND");
      v1::GetReportRequest by_ref;
      by_ref.set_reference(r.reference());
      s = stub_->GetReport(HasseltCaller(caller).get(), by_ref, &resp);
      EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << caller;
    }
    v1::GetReportRequest guessed;
    guessed.set_id("00000000-0000-4000-8000-000000000001");
    v1::GetReportResponse resp;
    EXPECT_EQ(stub_->GetReport(HasseltCaller(caller).get(), guessed, &resp).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  // The Sint-Truiden citizen reads their own report from Sint-Truiden only.
  v1::GetReportRequest own;
  own.set_id(st_[0].id());
  v1::GetReportResponse resp;
  ASSERT_TRUE(stub_->GetReport(AsCitizen(kSintTruiden, "cit-st").get(), own, &resp).ok());
  EXPECT_EQ(resp.report().media_size(), 1);
}

TEST_F(TenantIsolationTest, ListingNeverReturnsAnotherTenantsReports) {
  v1::ListReportsRequest req;
  for (const auto& r : st_) req.add_references(r.reference());
  *req.mutable_area()->mutable_circle()->mutable_center() = GroteMarkt();
  req.mutable_area()->mutable_circle()->set_radius_m(50000);
  v1::ListReportsResponse resp;
  ASSERT_TRUE(stub_->ListReports(As(kHasselt, roles::ROLE_COORDINATOR).get(), req, &resp).ok());
  EXPECT_EQ(resp.reports_size(), 0);
  v1::ListReportsRequest all;
  ASSERT_TRUE(stub_->ListReports(As(kHasselt, roles::ROLE_COORDINATOR).get(), all, &resp).ok());
  ASSERT_EQ(resp.reports_size(), 1);
  EXPECT_EQ(resp.reports(0).id(), hs_.id());
  v1::ListReportsRequest theirs;
  theirs.set_citizen_id("cit-st");
  ASSERT_TRUE(stub_->ListReports(As(kHasselt, roles::ROLE_COORDINATOR).get(), theirs, &resp).ok());
  EXPECT_EQ(resp.reports_size(), 0);
}

TEST_F(TenantIsolationTest, ABorrowedPageTokenIsRefused) {
  v1::ListReportsRequest req;
  req.set_page_size(1);
  v1::ListReportsResponse page;
  ASSERT_TRUE(stub_->ListReports(As(kSintTruiden, roles::ROLE_COORDINATOR).get(), req, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  req.set_page_token(page.next_page_token());
  grpc::Status s = stub_->ListReports(As(kHasselt, roles::ROLE_COORDINATOR).get(), req, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "PAGE_TOKEN_INVALID");

  v1::ListNearbyReportsRequest near;
  *near.mutable_area()->mutable_circle()->mutable_center() = GroteMarkt();
  near.mutable_area()->mutable_circle()->set_radius_m(500);
  near.set_page_size(1);
  v1::ListNearbyReportsResponse feed;
  ASSERT_TRUE(stub_->ListNearbyReports(AsCitizen(kSintTruiden, "x").get(), near, &feed).ok());
  ASSERT_FALSE(feed.next_page_token().empty());
  near.set_page_token(feed.next_page_token());
  s = stub_->ListNearbyReports(AsCitizen(kHasselt, "x").get(), near, &feed);
  EXPECT_EQ(Reason(s), "PAGE_TOKEN_INVALID");
}

TEST_F(TenantIsolationTest, MediaCannotBeAttachedToAnotherTenantsReport) {
  v1::AddReportMediaRequest req;
  req.set_request_id("hs-m");
  req.set_report_id(st_[1].id());
  req.set_content(MakeJpeg(JpegParts()));
  v1::AddReportMediaResponse resp;
  grpc::Status s = stub_->AddReportMedia(As(kHasselt, roles::ROLE_COORDINATOR).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Reason(s), "REPORT_NOT_FOUND");
  EXPECT_EQ(Scalar("SELECT count(*) FROM media"), 1);
}

TEST_F(TenantIsolationTest, TheNearbyFeedShowsOnlyTheCallersTenant) {
  v1::ListNearbyReportsRequest near;
  *near.mutable_area()->mutable_circle()->mutable_center() = GroteMarkt();
  near.mutable_area()->mutable_circle()->set_radius_m(5000);
  v1::ListNearbyReportsResponse feed;
  ASSERT_TRUE(stub_->ListNearbyReports(AsCitizen(kHasselt, "x").get(), near, &feed).ok());
  EXPECT_EQ(feed.reports_size(), 0);
  ASSERT_TRUE(stub_->ListNearbyReports(AsCitizen(kSintTruiden, "x").get(), near, &feed).ok());
  EXPECT_EQ(feed.reports_size(), 3);
}

TEST_F(TenantIsolationTest, RowLevelSecurityHoldsWithoutATenantFilter) {
  ASSERT_EQ(Scalar("SELECT count(*) FROM reports"), 4);  // the superuser sees all
  auto count = [&](const std::string& tenant, const std::string& table) {
    std::int64_t n = -1;
    absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
      if (!tenant.empty()) {
        if (absl::Status scoped = auth::ScopeToTenant(tx, tenant); !scoped.ok()) return scoped;
      }
      n = tx.exec1("SELECT count(*) FROM " + table)[0].as<std::int64_t>();
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return n;
  };
  EXPECT_EQ(count(kHasselt, "reports"), 1);
  EXPECT_EQ(count(kSintTruiden, "reports"), 3);
  EXPECT_EQ(count("", "reports"), 0);
  EXPECT_EQ(count(kHasselt, "media"), 0);
  EXPECT_EQ(count(kSintTruiden, "media"), 1);
  EXPECT_EQ(count(kHasselt, "zones"), 9);  // territory + 8 deelgemeenten
  EXPECT_EQ(count(kHasselt, "tenants"), 1);
  EXPECT_EQ(count(kHasselt, "report_counters"), 1);
  EXPECT_EQ(count(kHasselt, "categories"), 1);
  EXPECT_EQ(count("", "meldpunt_request_log"), 0);
  // Writing another tenant's row is refused by the policy's WITH CHECK.
  absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
    if (absl::Status scoped = auth::ScopeToTenant(tx, kHasselt); !scoped.ok()) return scoped;
    tx.exec_params("UPDATE reports SET tenant_id = $1 WHERE id = $2::uuid", kSintTruiden, hs_.id());
    return absl::OkStatus();
  });
  EXPECT_FALSE(s.ok());
  s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
    if (absl::Status scoped = auth::ScopeToTenant(tx, kHasselt); !scoped.ok()) return scoped;
    // Sint-Truiden's rows are invisible, so this touches nothing.
    return tx.exec_params("UPDATE reports SET description = 'x' WHERE id = $1::uuid", st_[0].id())
                       .affected_rows() == 0
               ? absl::OkStatus()
               : absl::InternalError("updated another tenant's report");
  });
  EXPECT_TRUE(s.ok()) << s;
}

TEST_F(TenantIsolationTest, AHasseltCallerCannotReportInSintTruiden) {
  v1::CreateReportResponse resp;
  grpc::Status s = Create(AsCitizen(kHasselt, "cit-hs"), NewReport("x", "zwerfvuil", GroteMarkt()), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "LOCATION_OUTSIDE_TERRITORY");
}

}  // namespace
}  // namespace meldpunt::intake::testing
