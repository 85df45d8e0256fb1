#include "services/intake/src/media/media_content.h"

#include <gtest/gtest.h>

#include "libs/status/status.h"
#include "services/intake/tests/media/test_images.h"

namespace meldpunt::intake {
namespace {

using testing::MakeJpeg;
using testing::MakePng;

TEST(MediaContentTest, SniffsByContent) {
  EXPECT_EQ(SniffImageType(MakeJpeg(testing::JpegParts())), "image/jpeg");
  EXPECT_EQ(SniffImageType(MakePng(testing::PngParts())), "image/png");
  EXPECT_EQ(SniffImageType("GIF89a......"), "");
  EXPECT_EQ(SniffImageType(""), "");
  EXPECT_EQ(SniffImageType(std::string("\xff\xd8", 2)), "");
  EXPECT_EQ(SniffImageType("%PDF-1.7"), "");
}

TEST(MediaContentTest, TheContentDecidesAndADisagreeingClaimIsRefused) {
  auto jpeg = SanitizeImage(MakeJpeg(testing::JpegParts().ExifGps()), "image/jpeg");
  ASSERT_TRUE(jpeg.ok()) << jpeg.status();
  EXPECT_EQ(jpeg->content_type, "image/jpeg");
  EXPECT_EQ(jpeg->content, MakeJpeg(testing::JpegParts()));
  for (const char* fine : {"", "image/jpg", "IMAGE/JPEG; q=1", "application/octet-stream"}) {
    EXPECT_TRUE(SanitizeImage(MakeJpeg(testing::JpegParts()), fine).ok()) << fine;
  }
  for (const char* wrong : {"image/png", "text/plain", "image/gif"}) {
    EXPECT_EQ(status::Reason(SanitizeImage(MakeJpeg(testing::JpegParts()), wrong).status()), "MEDIA_TYPE_MISMATCH")
        << wrong;
  }
  EXPECT_EQ(status::Reason(SanitizeImage(MakePng(testing::PngParts()), "image/jpeg").status()), "MEDIA_TYPE_MISMATCH");
  auto png = SanitizeImage(MakePng(testing::PngParts().Exif()), "image/png");
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png->content_type, "image/png");
}

TEST(MediaContentTest, OtherContentIsUnsupportedAndBrokenImagesAreCorrupt) {
  EXPECT_EQ(status::Reason(SanitizeImage("", "").status()), "MEDIA_TYPE_UNSUPPORTED");
  EXPECT_EQ(status::Reason(SanitizeImage("GIF89a\x01\x00", "image/gif").status()),
            "MEDIA_TYPE_UNSUPPORTED");
  EXPECT_EQ(status::Reason(SanitizeImage("<svg/>", "image/jpeg").status()), "MEDIA_TYPE_UNSUPPORTED");
  const std::string jpeg = MakeJpeg(testing::JpegParts());
  EXPECT_EQ(status::Reason(SanitizeImage(jpeg.substr(0, jpeg.size() / 2), "").status()),
            "MEDIA_CORRUPT");
}

}  // namespace
}  // namespace meldpunt::intake
