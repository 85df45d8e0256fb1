#include "libs/status/status.h"

#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "libs/status/grpc_status.h"

namespace meldpunt::status {
namespace {

TEST(StatusTest, ErrorCarriesReasonDomainAndMetadata) {
  absl::Status s = Error(absl::StatusCode::kInvalidArgument, "BAD_COORDINATES", "latitude is NaN",
                         "intake.meldpunt", {{"field", "location.latitude"}});
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  ErrorDetails d = Details(s);
  EXPECT_EQ(d.reason, "BAD_COORDINATES");
  EXPECT_EQ(d.domain, "intake.meldpunt");
  EXPECT_EQ(d.metadata.at("field"), "location.latitude");
  EXPECT_FALSE(d.retry_delay.has_value());
}

TEST(StatusTest, AnnotateKeepsCodeReasonAndRetry) {
  absl::Status s = Error(absl::StatusCode::kUnavailable, "DB_CONNECTION_LOST", "gone");
  SetRetryDelay(s, std::chrono::milliseconds(20));
  absl::Status a = Annotate(s, "loading categories");
  EXPECT_EQ(a.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(a.message(), "loading categories: gone");
  EXPECT_EQ(Reason(a), "DB_CONNECTION_LOST");
  EXPECT_EQ(Details(a).retry_delay->count(), 20);
  EXPECT_TRUE(Annotate(absl::OkStatus(), "x").ok());
}

TEST(StatusTest, PlainStatusHasNoReason) {
  EXPECT_EQ(Reason(absl::InvalidArgumentError("x")), "");
  EXPECT_EQ(Reason(absl::OkStatus()), "");
}

TEST(StatusTest, ToGrpcPacksErrorInfoAndFillsDomain) {
  grpc::Status g = ToGrpc(NotFound("REPORT_NOT_FOUND", "no such report"), "intake.meldpunt");
  EXPECT_EQ(g.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(g.error_message(), "no such report");
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(g.error_details()));
  EXPECT_EQ(rich.code(), 5);
  ASSERT_EQ(rich.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(rich.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "REPORT_NOT_FOUND");
  EXPECT_EQ(info.domain(), "intake.meldpunt");
}

TEST(StatusTest, ToGrpcGivesPlainErrorsTheCodeAsReason) {
  grpc::Status g = ToGrpc(absl::DeadlineExceededError("slow"), "x.meldpunt");
  absl::Status back = FromGrpc(g);
  EXPECT_EQ(Reason(back), "DEADLINE_EXCEEDED");
  EXPECT_EQ(Details(back).domain, "x.meldpunt");
}

TEST(StatusTest, InternalMessagesDoNotLeak) {
  grpc::Status g = ToGrpc(Internal("DB_ERROR", "relation reports at 10.0.0.5 broke"), "d");
  EXPECT_EQ(g.error_message(), "internal error");
  EXPECT_EQ(Reason(FromGrpc(g)), "DB_ERROR");
}

TEST(StatusTest, RoundTripKeepsRetryDelay) {
  absl::Status s = Error(absl::StatusCode::kResourceExhausted, "RATE_LIMITED", "slow down");
  SetRetryDelay(s, std::chrono::milliseconds(1500));
  absl::Status back = FromGrpc(ToGrpc(s, "gateway.meldpunt"));
  EXPECT_EQ(back.code(), absl::StatusCode::kResourceExhausted);
  ErrorDetails d = Details(back);
  EXPECT_EQ(d.reason, "RATE_LIMITED");
  ASSERT_TRUE(d.retry_delay.has_value());
  EXPECT_EQ(d.retry_delay->count(), 1500);
}

TEST(StatusTest, FromGrpcToleratesGarbageDetails) {
  grpc::Status g(grpc::StatusCode::UNAVAILABLE, "down", std::string("\xff\x01garbage", 9));
  absl::Status back = FromGrpc(g);
  EXPECT_EQ(back.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(Reason(back), "");
  EXPECT_TRUE(FromGrpc(grpc::Status::OK).ok());
}

TEST(StatusTest, InvalidFieldNamesTheFieldInMessageAndMetadata) {
  absl::Status s = InvalidField("LOCATION_INVALID", "location.latitude", "must be in [-90, 90]");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "location.latitude: must be in [-90, 90]");
  ErrorDetails d = Details(s);
  EXPECT_EQ(d.reason, "LOCATION_INVALID");
  EXPECT_EQ(d.metadata.at("field"), "location.latitude");
}

}  // namespace
}  // namespace meldpunt::status
