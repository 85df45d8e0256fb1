#include "libs/observability/metrics.h"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>
#include <prometheus/gauge.h>

namespace meldpunt::observability {
namespace {

TEST(MetricsTest, RecordsRpcsByMethodAndCode) {
  auto metrics = Metrics::Create("");
  ASSERT_TRUE(metrics.ok()) << metrics.status();
  (*metrics)->RecordRpc("/meldpunt.intake.v1.IntakeService/CreateReport", "OK", 0.003);
  (*metrics)->RecordRpc("/meldpunt.intake.v1.IntakeService/CreateReport", "OK", 0.004);
  (*metrics)->RecordRpc("/meldpunt.intake.v1.IntakeService/CreateReport", "INVALID_ARGUMENT", 0.001);
  std::string text = (*metrics)->Scrape();
  EXPECT_NE(text.find("grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"CreateReport\","
                      "grpc_service=\"meldpunt.intake.v1.IntakeService\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("grpc_code=\"INVALID_ARGUMENT\""), std::string::npos);
  EXPECT_NE(text.find("grpc_server_handling_seconds_count{grpc_method=\"CreateReport\","
                      "grpc_service=\"meldpunt.intake.v1.IntakeService\"} 3"),
            std::string::npos)
      << text;
}

TEST(MetricsTest, SamplersUpdateGauges) {
  auto metrics = Metrics::Create("");
  ASSERT_TRUE(metrics.ok());
  auto& gauge = (*metrics)->Gauge("meldpunt_outbox_unpublished", "rows", {{"service", "t"}});
  std::atomic<int> calls{0};
  (*metrics)->AddSampler(
      [&] {
        gauge.Set(7);
        ++calls;
      },
      std::chrono::milliseconds(10));
  for (int i = 0; i < 500 && calls.load() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GE(calls.load(), 2);
  EXPECT_NE((*metrics)->Scrape().find("meldpunt_outbox_unpublished{service=\"t\"} 7"),
            std::string::npos);
}

TEST(MetricsTest, ExposerBindFailureIsAnError) {
  auto metrics = Metrics::Create("256.0.0.1:1");
  EXPECT_FALSE(metrics.ok());
}

}  // namespace
}  // namespace meldpunt::observability
