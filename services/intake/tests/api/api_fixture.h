#pragma once
// The handler tests' set-up: the real IntakeServiceImpl over loopback gRPC (service_harness.h)
// on the in-memory repositories of tests/fakes/, so every rule of the gRPC edge (who may call,
// what is valid, what reaches the repository, what comes back) is tested without PostgreSQL.

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "services/intake/tests/fakes/fake_category_repository.h"
#include "services/intake/tests/fakes/fake_media_repository.h"
#include "services/intake/tests/fakes/fake_report_repository.h"
#include "services/intake/tests/service_harness.h"
#include "services/intake/tests/test_data.h"

namespace meldpunt::intake::testing {

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    reports_.AddTenant(kSintTruiden, "STR");
    reports_.AddTenant(kHasselt, "HAS");
    categories_.Put(kSintTruiden, MakeCategory("zwerfvuil"));
    categories_.Put(kSintTruiden, MakeCategory("drugsafval", /*sensitive=*/true));
    categories_.Put(kSintTruiden, MakeCategory("oud", false, /*active=*/false));
    IntakeSettings settings;
    settings.max_media_bytes = 64 << 10;
    settings.max_media_per_report = 2;
    settings.duplicates.distance_m = 75;
    absl::Status started = harness_.Start({&categories_, &reports_, &media_}, settings);
    ASSERT_TRUE(started.ok()) << started;
    stub_ = harness_.stub();
  }
  void TearDown() override { harness_.Stop(); }

  // A signed principal whose only role (UNSPECIFIED) is on no method's list.
  std::unique_ptr<grpc::ClientContext> WithoutAllowedRole(const std::string& tenant = kSintTruiden) {
    return harness_.As(tenant, common::v1::ROLE_UNSPECIFIED, "nobody");
  }

  // Stores a citizen's report through the service and returns it.
  v1::Report MustCreate(const std::string& request_id, const std::string& citizen,
                        const std::string& category = "zwerfvuil",
                        const common::v1::GeoPoint& point = GroteMarkt()) {
    v1::CreateReportResponse resp;
    grpc::Status s = stub_->CreateReport(harness_.AsCitizen(kSintTruiden, citizen).get(),
                                         NewReport(request_id, category, point), &resp);
    EXPECT_TRUE(s.ok()) << Reason(s) << ": " << s.error_message();
    return resp.report();
  }

  // Declared before the harness, so the service stops before they go.
  FakeCategoryRepository categories_;
  FakeReportRepository reports_{&categories_};
  FakeMediaRepository media_{&reports_};
  ServiceHarness harness_;
  v1::IntakeService::Stub* stub_ = nullptr;
};

// Whether the call failed with this code and ErrorInfo reason (the message says what it got).
inline ::testing::AssertionResult Refused(const grpc::Status& s, grpc::StatusCode code,
                                          const std::string& reason) {
  if (s.error_code() == code && Reason(s) == reason) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "got code " << s.error_code() << " reason \"" << Reason(s)
                                       << "\" (" << s.error_message() << "), want code " << code
                                       << " reason \"" << reason << "\"";
}

}  // namespace meldpunt::intake::testing
