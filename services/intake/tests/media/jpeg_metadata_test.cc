// The JPEG metadata stripper takes files from anyone: it must remove what locates the photo and
// survive any truncation or corruption with a clear error.
#include "services/intake/src/media/jpeg_metadata.h"

#include <random>

#include <gtest/gtest.h>

#include "libs/status/status.h"
#include "services/intake/tests/media/test_images.h"

namespace meldpunt::intake {
namespace {

using testing::JpegParts;
using testing::MakeJpeg;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(JpegMetadataTest, RemovesExifXmpCommentsAndTrailingData) {
  const std::string in = MakeJpeg(testing::JpegParts().ExifGps().Xmp().Comment().Icc().Trailing());
  auto out = StripJpegMetadata(in);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_FALSE(Contains(*out, "Exif"));
  EXPECT_FALSE(Contains(*out, "GPSLatitude"));
  EXPECT_FALSE(Contains(*out, "secret comment"));
  EXPECT_FALSE(Contains(*out, "TRAILING"));
  EXPECT_FALSE(Contains(*out, std::string("\xff\xe1", 2)));
  // What a decoder needs and the colour profile stay, byte for byte.
  EXPECT_TRUE(Contains(*out, "JFIF"));
  EXPECT_TRUE(Contains(*out, "ICC_PROFILE"));
  EXPECT_EQ(*out, MakeJpeg(testing::JpegParts().Icc()));
}

TEST(JpegMetadataTest, LeavesACleanFileAsItIs) {
  const std::string clean = MakeJpeg(testing::JpegParts());
  auto out = StripJpegMetadata(clean);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, clean);
  auto again = StripJpegMetadata(*out);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, clean);
}

TEST(JpegMetadataTest, CopiesStuffedBytesAndRestartMarkersInScanData) {
  const std::string in = MakeJpeg(testing::JpegParts().ExifGps().StuffedScan());
  auto out = StripJpegMetadata(in);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, MakeJpeg(testing::JpegParts().StuffedScan()));
}

TEST(JpegMetadataTest, EveryTruncationIsAClearError) {
  const std::string full = MakeJpeg(testing::JpegParts().ExifGps().Comment().StuffedScan());
  for (std::size_t n = 0; n < full.size(); ++n) {
    auto out = StripJpegMetadata(std::string_view(full.data(), n));
    ASSERT_FALSE(out.ok()) << "prefix of " << n << " bytes was accepted";
    EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(status::Reason(out.status()), "MEDIA_CORRUPT") << n;
  }
}

TEST(JpegMetadataTest, RefusesHostileStructures) {
  const std::string soi("\xff\xd8", 2);
  const std::string eoi("\xff\xd9", 2);
  const std::string app1_len0 = soi + std::string("\xff\xe1\x00\x00", 4) + eoi;
  const std::string app1_len1 = soi + std::string("\xff\xe1\x00\x01", 4) + eoi;
  const std::string app1_too_long = soi + std::string("\xff\xe1\xff\xff", 4) + "Exif" + eoi;
  const std::string no_frame = soi + eoi;
  const std::string second_soi = soi + soi + eoi;
  const std::string stray_byte = soi + "x" + eoi;
  const std::string stuffed_outside = soi + std::string("\xff\x00", 2) + eoi;
  const std::string scan_first = soi + std::string("\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00", 10) +
                                 "\x3f" + eoi;
  for (const std::string& bad : {app1_len0, app1_len1, app1_too_long, no_frame, second_soi,
                                 stray_byte, stuffed_outside, scan_first}) {
    auto out = StripJpegMetadata(bad);
    EXPECT_FALSE(out.ok());
    EXPECT_EQ(status::Reason(out.status()), "MEDIA_CORRUPT");
  }
}

TEST(JpegMetadataTest, FillBytesBeforeMarkersAreTolerated) {
  std::string in = MakeJpeg(testing::JpegParts());
  // Many fill bytes before EOI: legal, and must not be slow or loop.
  in.insert(in.size() - 2, std::string(100000, '\xff'));
  auto out = StripJpegMetadata(in);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->substr(out->size() - 2), std::string("\xff\xd9", 2));
}

TEST(JpegMetadataTest, RandomCorruptionNeverCrashesAndNeverLeaksExif) {
  const std::string base = MakeJpeg(testing::JpegParts().ExifGps().Xmp().Comment().Icc());
  std::mt19937 rng(7);
  for (int round = 0; round < 5000; ++round) {
    std::string in = base;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < flips; ++i) in[rng() % in.size()] = static_cast<char>(rng() & 0xff);
    if (rng() % 3 == 0) in.resize(rng() % in.size());
    auto out = StripJpegMetadata(in);
    if (!out.ok()) {
      EXPECT_EQ(status::Reason(out.status()), "MEDIA_CORRUPT");
      continue;
    }
    EXPECT_EQ(out->substr(0, 2), std::string("\xff\xd8", 2));
    EXPECT_EQ(out->substr(out->size() - 2), std::string("\xff\xd9", 2));
    EXPECT_LE(out->size(), in.size());
  }
}

}  // namespace
}  // namespace meldpunt::intake
