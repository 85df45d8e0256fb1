#pragma once
// What an uploaded file is, decided by its content, and the copy of it intake stores: location
// metadata removed (jpeg_metadata.h, png_metadata.h). Pure: no I/O.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace meldpunt::intake {

inline constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);
inline constexpr char kJpegType[] = "image/jpeg";
inline constexpr char kPngType[] = "image/png";

inline constexpr char kReasonMediaTypeUnsupported[] = "MEDIA_TYPE_UNSUPPORTED";
inline constexpr char kReasonMediaTypeMismatch[] = "MEDIA_TYPE_MISMATCH";
inline constexpr char kReasonMediaCorrupt[] = "MEDIA_CORRUPT";

// "image/jpeg" (FF D8 FF), "image/png" (its 8-byte signature), or "" for anything else.
std::string SniffImageType(std::string_view content);

struct SanitizedImage {
  std::string content_type;  // what the content is
  std::string content;       // what is stored: the file without location metadata
};

// INVALID_ARGUMENT with reason
//   MEDIA_TYPE_UNSUPPORTED  neither JPEG nor PNG (including empty content),
//   MEDIA_TYPE_MISMATCH     declared_type names another type than the content has ("" and
//                           "application/octet-stream" declare nothing),
//   MEDIA_CORRUPT           a JPEG or PNG whose structure is broken or truncated.
absl::StatusOr<SanitizedImage> SanitizeImage(std::string_view content, std::string_view declared_type);

}  // namespace meldpunt::intake
