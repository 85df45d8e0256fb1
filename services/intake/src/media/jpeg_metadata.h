#pragma once
// Removes metadata that can reveal where and by whom a photo was taken from a JPEG file, without
// decoding the image: the marker segments are walked and copied, all but the ones a decoder needs
// and the colour information. Dropped: APP1 (EXIF with its GPS block, XMP), APP13 (IPTC), every
// other APPn except APP0 (JFIF), APP2 ICC_PROFILE and APP14 (Adobe colour transform), COM
// comments, and anything after the end-of-image marker (where multi-picture files keep further
// images with their own EXIF).
//
// The input comes from anyone on the internet: every length is checked against the buffer before
// it is used, and a truncated or malformed file is an error, never a crash or an endless loop.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace meldpunt::intake {

// The cleaned file, or INVALID_ARGUMENT (reason MEDIA_CORRUPT) saying what is wrong and where.
// The input must start with the JPEG signature FF D8 FF.
absl::StatusOr<std::string> StripJpegMetadata(std::string_view jpeg);

}  // namespace meldpunt::intake
