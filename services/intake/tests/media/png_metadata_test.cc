// The PNG metadata stripper: eXIf and text chunks go, the image stays, hostile input is an error.
#include "services/intake/src/media/png_metadata.h"

#include <random>

#include <gtest/gtest.h>

#include "libs/status/status.h"
#include "services/intake/tests/media/test_images.h"

namespace meldpunt::intake {
namespace {

using testing::MakePng;
using testing::PngChunk;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(PngMetadataTest, RemovesExifAndTextChunksAndTrailingData) {
  auto out = StripPngMetadata(MakePng(testing::PngParts().Exif().Text().Gamma().Trailing()));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_FALSE(Contains(*out, "eXIf"));
  EXPECT_FALSE(Contains(*out, "secret comment"));
  EXPECT_FALSE(Contains(*out, "GPSLatitude"));
  EXPECT_FALSE(Contains(*out, "TRAILING"));
  EXPECT_EQ(*out, MakePng(testing::PngParts().Gamma()));
}

TEST(PngMetadataTest, LeavesACleanFileAsItIs) {
  const std::string clean = MakePng(testing::PngParts().Gamma());
  auto out = StripPngMetadata(clean);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, clean);
}

TEST(PngMetadataTest, EveryTruncationIsAClearError) {
  const std::string full = MakePng(testing::PngParts().Exif().Text());
  for (std::size_t n = 0; n < full.size(); ++n) {
    auto out = StripPngMetadata(std::string_view(full.data(), n));
    ASSERT_FALSE(out.ok()) << n;
    EXPECT_EQ(status::Reason(out.status()), "MEDIA_CORRUPT") << n;
  }
}

TEST(PngMetadataTest, RefusesHostileStructures) {
  const std::string sig("\x89PNG\r\n\x1a\n", 8);
  const std::string ihdr = PngChunk("IHDR", std::string(13, '\x01'));
  const std::string idat = PngChunk("IDAT", "x");
  const std::string iend = PngChunk("IEND", "");
  const std::string huge = sig + ihdr + std::string("\xff\xff\xff\xff", 4) + "IDAT" + iend;
  const std::string near_max = sig + ihdr + std::string("\x7f\xff\xff\xf0", 4) + "IDAT" + iend;
  const std::string first_not_ihdr = sig + idat + ihdr + iend;
  const std::string no_data = sig + ihdr + iend;
  const std::string two_ihdr = sig + ihdr + ihdr + idat + iend;
  const std::string bad_type = sig + ihdr + PngChunk("ID\x01T", "x") + idat + iend;
  for (const std::string& bad : {huge, near_max, first_not_ihdr, no_data, two_ihdr, bad_type}) {
    auto out = StripPngMetadata(bad);
    EXPECT_FALSE(out.ok());
    EXPECT_EQ(status::Reason(out.status()), "MEDIA_CORRUPT");
  }
}

TEST(PngMetadataTest, RandomCorruptionNeverCrashes) {
  const std::string base = MakePng(testing::PngParts().Exif().Text().Gamma());
  std::mt19937 rng(11);
  for (int round = 0; round < 5000; ++round) {
    std::string in = base;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < flips; ++i) in[rng() % in.size()] = static_cast<char>(rng() & 0xff);
    if (rng() % 3 == 0) in.resize(rng() % in.size());
    auto out = StripPngMetadata(in);
    if (!out.ok()) {
      EXPECT_EQ(status::Reason(out.status()), "MEDIA_CORRUPT");
      continue;
    }
    EXPECT_FALSE(Contains(*out, "eXIf"));
    EXPECT_LE(out->size(), in.size());
  }
}

}  // namespace
}  // namespace meldpunt::intake
