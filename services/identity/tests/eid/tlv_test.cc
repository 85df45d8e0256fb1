#include "services/identity/src/eid/tlv.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "libs/status/status.h"
#include "services/identity/src/eid/reasons.h"
#include "services/identity/tests/eid/eid_fixture.h"

namespace meldpunt::identity::eid {
namespace {

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out.push_back(static_cast<char>(b));
  return out;
}

std::string ReasonOf(std::string_view file) { return status::Reason(ParseTlv(file).status()); }

TEST(TlvTest, ParsesFieldsAndSkipsTheVersion) {
  auto fields =
      ParseTlv(Bytes({0x00, 0x01, 0x01, 0x01, 0x02, 'a', 'b', 0x07, 0x00, 0x63, 0x01, 'x'}));
  ASSERT_TRUE(fields.ok()) << fields.status();
  EXPECT_EQ(fields->size(), 3u);
  EXPECT_EQ(fields->at(1), "ab");
  EXPECT_EQ(fields->at(7), "");
  EXPECT_EQ(fields->at(0x63), "x");  // unknown tags are kept for the decoder to ignore
  EXPECT_EQ(fields->count(0), 0u);
}

TEST(TlvTest, EmptyFileHasNoFields) {
  auto fields = ParseTlv("");
  ASSERT_TRUE(fields.ok());
  EXPECT_TRUE(fields->empty());
}

TEST(TlvTest, LongLengthsUseSevenBitGroups) {
  std::string value(128, 'v');
  auto fields = ParseTlv(Bytes({0x05, 0x81, 0x00}) + value);
  ASSERT_TRUE(fields.ok()) << fields.status();
  EXPECT_EQ(fields->at(5), value);

  std::string longer(300, 'w');  // 300 = 2·128 + 44
  fields = ParseTlv(Bytes({0x05, 0x82, 44}) + longer);
  ASSERT_TRUE(fields.ok()) << fields.status();
  EXPECT_EQ(fields->at(5).size(), 300u);
}

TEST(TlvTest, ToleratesTrailingZeroPadding) {
  auto fields = ParseTlv(Bytes({0x01, 0x01, 'a', 0, 0, 0, 0, 0}));
  ASSERT_TRUE(fields.ok()) << fields.status();
  EXPECT_EQ(fields->size(), 1u);
  // A zero tag that is not only padding is a version field, skipped.
  fields = ParseTlv(Bytes({0x01, 0x01, 'a', 0x00, 0x00, 0x02, 0x01, 'b'}));
  ASSERT_TRUE(fields.ok()) << fields.status();
  EXPECT_EQ(fields->at(2), "b");
}

TEST(TlvTest, RejectsLengthsPastTheEnd) {
  EXPECT_EQ(ReasonOf(Bytes({0x01})), kFileMalformed);
  EXPECT_EQ(ReasonOf(Bytes({0x01, 0x05, 'a', 'b'})), kFileMalformed);
  EXPECT_EQ(ReasonOf(Bytes({0x01, 0x81})), kFileMalformed);
  EXPECT_EQ(ReasonOf(Bytes({0x01, 0x81, 0x00, 'a'})), kFileMalformed);
  EXPECT_EQ(ReasonOf(Bytes({0x01, 0xFF, 0xFF, 0xFF, 0x7F})), kFileMalformed);  // 4 groups
  EXPECT_EQ(ReasonOf(Bytes({0x01, 0xFF, 0xFF, 0x7F})), kFileMalformed);        // 2 MiB
}

TEST(TlvTest, RejectsRepeatedTags) {
  EXPECT_EQ(ReasonOf(Bytes({0x06, 0x01, '1', 0x06, 0x01, '2'})), kFileMalformed);
}

TEST(TlvTest, CapsFieldCountAndFileSize) {
  std::string many;
  for (int tag = 1; tag <= static_cast<int>(kMaxTlvFields) + 1; ++tag) {
    many += Bytes({tag, 0x00});
  }
  EXPECT_EQ(ReasonOf(many), kFileMalformed);
  EXPECT_EQ(ReasonOf(std::string(kMaxTlvFileSize + 1, '\0')), kFileTooLarge);
  EXPECT_EQ(ParseTlv(std::string(kMaxTlvFileSize + 1, '\0')).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TlvTest, EveryTruncationOfARealFileIsParsedOrRefused) {
  const std::string file = testing::EncodeTlv(testing::DefaultIdentityFields());
  ASSERT_TRUE(ParseTlv(file).ok());
  for (size_t n = 0; n < file.size(); ++n) {
    absl::Status s = ParseTlv(file.substr(0, n)).status();
    if (!s.ok()) {
      EXPECT_EQ(status::Reason(s), kFileMalformed) << "prefix " << n;
    }
  }
}

TEST(TlvTest, GarbageIsRefusedWithAReason) {
  uint32_t state = 12345;
  int refused = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string garbage;
    const size_t len = 1 + round % 97;
    for (size_t i = 0; i < len; ++i) {
      state = state * 1103515245u + 12345u;
      garbage.push_back(static_cast<char>(state >> 24));
    }
    absl::Status s = ParseTlv(garbage).status();
    if (s.ok()) continue;
    ++refused;
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(status::Reason(s), kFileMalformed);
  }
  EXPECT_GT(refused, 1000);
}

TEST(TlvTest, TrimTrailingZeros) {
  EXPECT_EQ(TrimTrailingZeros(Bytes({1, 0, 2, 0, 0})), Bytes({1, 0, 2}));
  EXPECT_EQ(TrimTrailingZeros(Bytes({0, 0})), "");
}

}  // namespace
}  // namespace meldpunt::identity::eid
