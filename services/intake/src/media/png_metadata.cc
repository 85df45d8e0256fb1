#include "services/intake/src/media/png_metadata.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "services/intake/src/media/media_content.h"

namespace meldpunt::intake {
namespace {

constexpr std::uint32_t kMaxChunkLength = 0x7fffffff;  // the PNG specification's limit

absl::Status Corrupt(const std::string& what, std::size_t offset) {
  return status::Error(absl::StatusCode::kInvalidArgument, "MEDIA_CORRUPT",
                       absl::StrCat("not a readable PNG: ", what, " at byte ", offset));
}

bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

bool Dropped(std::string_view type) {
  return type == "eXIf" || type == "tEXt" || type == "zTXt" || type == "iTXt";
}

}  // namespace

absl::StatusOr<std::string> StripPngMetadata(std::string_view in) {
  if (in.size() < kPngSignature.size() || in.substr(0, kPngSignature.size()) != kPngSignature) {
    return Corrupt("no PNG signature", 0);
  }
  std::string out(kPngSignature);
  std::size_t pos = kPngSignature.size();
  bool first = true;
  bool data = false;
  while (true) {
    if (in.size() - pos < 8) return Corrupt("file ends before the IEND chunk", pos);
    const auto u8 = [&in](std::size_t i) { return static_cast<std::uint32_t>(static_cast<std::uint8_t>(in[i])); };
    const std::uint32_t length = (u8(pos) << 24) | (u8(pos + 1) << 16) | (u8(pos + 2) << 8) | u8(pos + 3);
    const std::string_view type = in.substr(pos + 4, 4);
    for (char c : type) {
      if (!IsLetter(c)) return Corrupt("chunk type is not four letters", pos + 4);
    }
    if (length > kMaxChunkLength) return Corrupt("chunk length too large", pos);
    // length + type + data + CRC, compared without overflow.
    if (static_cast<std::uint64_t>(length) + 12 > in.size() - pos) {
      return Corrupt("chunk runs past the end of the file", pos);
    }
    const std::size_t chunk_size = static_cast<std::size_t>(length) + 12;
    if (first && type != "IHDR") return Corrupt("first chunk is not IHDR", pos);
    if (!first && type == "IHDR") return Corrupt("second IHDR chunk", pos);
    first = false;
    if (type == "IDAT") data = true;
    if (!Dropped(type)) out.append(in.data() + pos, chunk_size);
    pos += chunk_size;
    if (type == "IEND") {
      if (!data) return Corrupt("image without IDAT data", pos - chunk_size);
      return out;
    }
  }
}

}  // namespace meldpunt::intake
