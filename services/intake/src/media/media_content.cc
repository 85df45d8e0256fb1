#include "services/intake/src/media/media_content.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "services/intake/src/media/jpeg_metadata.h"
#include "services/intake/src/media/png_metadata.h"

namespace meldpunt::intake {
namespace {

// The media type a client declared, lower-case and without parameters; the common aliases of
// JPEG mapped to image/jpeg.
std::string CanonicalType(std::string_view declared) {
  std::string type(declared.substr(0, declared.find(';')));
  type = absl::AsciiStrToLower(absl::StripAsciiWhitespace(type));
  if (type == "image/jpg" || type == "image/pjpeg") return kJpegType;
  return type;
}

}  // namespace

std::string SniffImageType(std::string_view content) {
  if (content.size() >= 3 && static_cast<unsigned char>(content[0]) == 0xFF &&
      static_cast<unsigned char>(content[1]) == 0xD8 &&
      static_cast<unsigned char>(content[2]) == 0xFF) {
    return kJpegType;
  }
  if (content.substr(0, kPngSignature.size()) == kPngSignature) return kPngType;
  return "";
}

absl::StatusOr<SanitizedImage> SanitizeImage(std::string_view content,
                                             std::string_view declared_type) {
  SanitizedImage image;
  image.content_type = SniffImageType(content);
  if (image.content_type.empty()) {
    return status::InvalidArgument(kReasonMediaTypeUnsupported,
                                   content.empty() ? "the file is empty"
                                                   : "only JPEG and PNG images are accepted");
  }
  const std::string declared = CanonicalType(declared_type);
  if (!declared.empty() && declared != "application/octet-stream" &&
      declared != image.content_type) {
    return status::InvalidArgument(
        kReasonMediaTypeMismatch,
        absl::StrCat("the content is ", image.content_type, ", not the declared type"));
  }
  absl::StatusOr<std::string> cleaned = image.content_type == kJpegType
                                            ? StripJpegMetadata(content)
                                            : StripPngMetadata(content);
  if (!cleaned.ok()) return cleaned.status();
  image.content = std::move(*cleaned);
  return image;
}

}  // namespace meldpunt::intake
