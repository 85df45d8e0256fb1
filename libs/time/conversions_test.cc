#include "libs/time/conversions.h"

#include <gtest/gtest.h>

namespace meldpunt::time {
namespace {

TEST(TimeConversionsTest, ProtoRoundTripKeepsNanoseconds) {
  const absl::Time t = absl::FromUnixNanos(1700000000123456789);
  const auto proto = ToProto(t);
  EXPECT_EQ(proto.seconds(), 1700000000);
  EXPECT_EQ(proto.nanos(), 123456789);
  EXPECT_EQ(FromProto(proto), t);
}

TEST(TimeConversionsTest, BeforeTheEpochNanosStayPositive) {
  const absl::Time t = absl::FromUnixSeconds(-10) + absl::Milliseconds(250);
  const auto proto = ToProto(t);
  EXPECT_EQ(proto.seconds(), -10);
  EXPECT_EQ(proto.nanos(), 250000000);
  EXPECT_EQ(FromProto(proto), t);
}

TEST(TimeConversionsTest, OutOfRangeIsClamped) {
  EXPECT_EQ(ToProto(absl::InfiniteFuture()).seconds(), 253402300799);
  EXPECT_EQ(ToProto(absl::InfinitePast()).seconds(), -62135596800);
}

TEST(TimeConversionsTest, MicrosRoundTrip) {
  EXPECT_EQ(ToMicros(absl::FromUnixMicros(1700000000123456)), 1700000000123456);
  EXPECT_EQ(FromMicros(-5), absl::FromUnixMicros(-5));
}

TEST(TimeConversionsTest, ProtoMicrosTruncatesTowardThePast) {
  const absl::Time t = absl::FromUnixNanos(1700000000123456789);
  EXPECT_EQ(ToProtoMicros(t).seconds(), 1700000000);
  EXPECT_EQ(ToProtoMicros(t).nanos(), 123456000);
  const google::protobuf::Timestamp before = ToProtoMicros(absl::FromUnixNanos(-1500));
  EXPECT_EQ(before.seconds(), -1);
  EXPECT_EQ(before.nanos(), 999998000);
}

}  // namespace
}  // namespace meldpunt::time
