#include "services/intake/src/media/jpeg_metadata.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"

namespace meldpunt::intake {
namespace {

constexpr std::uint8_t kSoi = 0xD8;
constexpr std::uint8_t kEoi = 0xD9;
constexpr std::uint8_t kSos = 0xDA;
constexpr std::uint8_t kApp0 = 0xE0;
constexpr std::uint8_t kApp1 = 0xE1;
constexpr std::uint8_t kApp2 = 0xE2;
constexpr std::uint8_t kApp14 = 0xEE;
constexpr std::uint8_t kApp15 = 0xEF;
constexpr std::uint8_t kCom = 0xFE;

absl::Status Corrupt(const std::string& what, std::size_t offset) {
  return status::Error(absl::StatusCode::kInvalidArgument, "MEDIA_CORRUPT",
                       absl::StrCat("not a readable JPEG: ", what, " at byte ", offset));
}

bool StartsWith(std::string_view payload, std::string_view prefix) {
  return payload.size() >= prefix.size() && payload.compare(0, prefix.size(), prefix) == 0;
}

// Markers without a length field: TEM and the restart markers (SOI/EOI are handled apart).
bool IsStandalone(std::uint8_t marker) { return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7); }

// Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC).
bool IsStartOfFrame(std::uint8_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

bool Keep(std::uint8_t marker, std::string_view payload) {
  if (marker == kCom) return false;
  if (marker < kApp0 || marker > kApp15) return true;  // not metadata: tables, frames, scans
  if (marker == kApp0) return true;                     // JFIF / JFXX
  if (marker == kApp2) return StartsWith(payload, std::string_view("ICC_PROFILE\0", 12));
  if (marker == kApp14) return StartsWith(payload, "Adobe");
  return false;  // APP1 EXIF/XMP, APP13 IPTC, and the rest
}

}  // namespace

absl::StatusOr<std::string> StripJpegMetadata(std::string_view in) {
  const auto byte = [&in](std::size_t i) { return static_cast<std::uint8_t>(in[i]); };
  const std::size_t n = in.size();
  if (n < 3 || byte(0) != 0xFF || byte(1) != kSoi || byte(2) != 0xFF) {
    return Corrupt("no JPEG signature", 0);
  }
  std::string out;
  out.reserve(n);
  out.append(in.data(), 2);
  std::size_t pos = 2;
  bool frame = false;
  bool scan = false;
  while (true) {
    if (pos >= n) return Corrupt("file ends before the end-of-image marker", pos);
    if (byte(pos) != 0xFF) return Corrupt("a marker was expected", pos);
    while (pos < n && byte(pos) == 0xFF) ++pos;  // fill bytes before a marker
    if (pos >= n) return Corrupt("file ends inside a marker", pos);
    const std::uint8_t marker = byte(pos);
    const std::size_t marker_at = pos - 1;
    ++pos;
    if (marker == 0x00) return Corrupt("stuffed byte outside scan data", marker_at);
    if (marker == kSoi) return Corrupt("second start-of-image marker", marker_at);
    if (marker == kEoi) {
      if (!frame || !scan) return Corrupt("image without frame or scan", marker_at);
      out.push_back(static_cast<char>(0xFF));
      out.push_back(static_cast<char>(kEoi));
      return out;  // whatever follows the image is not copied
    }
    if (IsStandalone(marker)) {
      out.push_back(static_cast<char>(0xFF));
      out.push_back(static_cast<char>(marker));
      continue;
    }
    if (n - pos < 2) return Corrupt("file ends inside a segment length", pos);
    const std::size_t length = (static_cast<std::size_t>(byte(pos)) << 8) | byte(pos + 1);
    if (length < 2) return Corrupt("segment length below 2", pos);
    if (length > n - pos) return Corrupt("segment runs past the end of the file", marker_at);
    const std::string_view payload = in.substr(pos + 2, length - 2);
    if (Keep(marker, payload)) {
      out.push_back(static_cast<char>(0xFF));
      out.push_back(static_cast<char>(marker));
      out.append(in.data() + pos, length);
    }
    pos += length;
    if (IsStartOfFrame(marker)) frame = true;
    if (marker != kSos) continue;
    if (!frame) return Corrupt("scan before any frame header", marker_at);
    scan = true;
    // Entropy-coded data: runs until a 0xFF that is not followed by 0x00 (a stuffed 0xFF), a
    // restart marker or another 0xFF (fill).
    const std::size_t start = pos;
    while (true) {
      if (pos >= n) return Corrupt("file ends inside scan data", pos);
      if (byte(pos) != 0xFF) {
        ++pos;
        continue;
      }
      if (pos + 1 >= n) return Corrupt("file ends inside scan data", pos);
      const std::uint8_t next = byte(pos + 1);
      if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
        pos += 2;
      } else if (next == 0xFF) {
        ++pos;
      } else {
        break;
      }
    }
    out.append(in.data() + start, pos - start);
  }
}

}  // namespace meldpunt::intake
