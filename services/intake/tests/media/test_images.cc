#include "services/intake/tests/media/test_images.h"

#include <cstdint>

namespace meldpunt::intake::testing {
namespace {

std::string Be16(std::size_t v) {
  return {static_cast<char>((v >> 8) & 0xff), static_cast<char>(v & 0xff)};
}
std::string Be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>((v >> 16) & 0xff),
          static_cast<char>((v >> 8) & 0xff), static_cast<char>(v & 0xff)};
}

// A marker segment: FF marker, length (payload + 2), payload.
std::string Segment(unsigned char marker, const std::string& payload) {
  return std::string("\xff") + static_cast<char>(marker) + Be16(payload.size() + 2) + payload;
}

std::uint32_t Crc32(const std::string& bytes) {
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xffffffffu;
}

// A big-endian TIFF structure: IFD0 with one GPSInfo pointer, the GPS IFD with latitude and
// longitude (degrees, minutes, seconds as rationals).
std::string ExifTiff() {
  std::string t = std::string("MM\0\x2a", 4) + Be32(8);
  // IFD0 at 8: 1 entry, next-IFD 0. The GPS IFD follows at 8 + 2 + 12 + 4 = 26.
  t += Be16(1) + Be16(0x8825) + Be16(4) + Be32(1) + Be32(26) + Be32(0);
  // GPS IFD at 26: 4 entries (2 + 4*12 + 4 = 54 bytes), data at 80.
  t += Be16(4);
  t += Be16(0x0001) + Be16(2) + Be32(2) + std::string("N\0\0\0", 4);
  t += Be16(0x0002) + Be16(5) + Be32(3) + Be32(80);
  t += Be16(0x0003) + Be16(2) + Be32(2) + std::string("E\0\0\0", 4);
  t += Be16(0x0004) + Be16(5) + Be32(3) + Be32(104);
  t += Be32(0);
  for (std::uint32_t v : {50u, 1u, 49u, 1u, 1234u, 100u, 5u, 1u, 11u, 1u, 567u, 100u}) t += Be32(v);
  return t;
}

}  // namespace

std::string ExifGpsSegment() { return Segment(0xE1, std::string("Exif\0\0", 6) + ExifTiff()); }

std::string MakeJpeg(const JpegParts& parts) {
  std::string j("\xff\xd8", 2);
  j += Segment(0xE0, std::string("JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00", 14));
  if (parts.exif_gps) j += ExifGpsSegment();
  if (parts.xmp) {
    j += Segment(0xE1, std::string("http://ns.adobe.com/xap/1.0/\0", 29) +
                           "<x:xmpmeta><rdf:Description exif:GPSLatitude=\"50,49.2N\" "
                           "exif:GPSLongitude=\"5,11.1E\"/></x:xmpmeta>");
  }
  if (parts.icc) j += Segment(0xE2, std::string("ICC_PROFILE\0\x01\x01", 14) + "fake-profile");
  if (parts.comment) j += Segment(0xFE, "secret comment");
  j += Segment(0xDB, std::string(1, '\0') + std::string(64, '\x01'));  // DQT, all ones
  j += Segment(0xC0, std::string("\x08\x00\x08\x00\x08\x01\x01\x11\x00", 9));  // SOF0 8x8 grey
  // DHT: one code of length 1 per table, symbol 0 (DC: difference 0; AC: end of block).
  std::string counts(16, '\0');
  counts[0] = 1;
  j += Segment(0xC4, std::string(1, '\x00') + counts + std::string(1, '\0'));
  j += Segment(0xC4, std::string(1, '\x10') + counts + std::string(1, '\0'));
  j += Segment(0xDA, std::string("\x01\x01\x00\x00\x3f\x00", 6));  // SOS
  // "0" (DC 0) "0" (EOB), padded with ones. The stuffed variant adds bytes a decoder skips
  // as padding; what matters is that the walker copies FF 00 and RSTn through.
  j += parts.stuffed_scan ? std::string("\x3f\xff\x00\xff\xd0\x3f", 6) : std::string("\x3f", 1);
  j += std::string("\xff\xd9", 2);
  if (parts.trailing) j += ExifGpsSegment() + "TRAILING";
  return j;
}

std::string PngChunk(const std::string& type, const std::string& data) {
  return Be32(static_cast<std::uint32_t>(data.size())) + type + data + Be32(Crc32(type + data));
}

std::string MakePng(const PngParts& parts) {
  std::string p("\x89PNG\r\n\x1a\n", 8);
  p += PngChunk("IHDR", Be32(1) + Be32(1) + std::string("\x08\x00\x00\x00\x00", 5));
  if (parts.gamma) p += PngChunk("gAMA", Be32(45455));
  if (parts.exif) p += PngChunk("eXIf", ExifTiff());
  if (parts.text) {
    p += PngChunk("tEXt", std::string("Comment\0secret comment", 22));
    p += PngChunk("iTXt", std::string("XML:com.adobe.xmp\0\0\0\0\0", 22) + "exif:GPSLatitude=\"50,49.2N\"");
  }
  // zlib, one stored block of the scanline: filter 0, grey 0; Adler-32 of two zero bytes.
  p += PngChunk("IDAT", std::string("\x78\x01\x01\x02\x00\xfd\xff\x00\x00\x00\x02\x00\x01", 13));
  p += PngChunk("IEND", "");
  if (parts.trailing) p += "TRAILING" + PngChunk("eXIf", ExifTiff());
  return p;
}

}  // namespace meldpunt::intake::testing
