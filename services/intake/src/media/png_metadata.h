#pragma once
// Removes metadata chunks from a PNG file without decoding the image: eXIf (EXIF, possibly with
// GPS), and the text chunks tEXt, zTXt and iTXt (where XMP with a location, authors and comments
// live). Everything else is copied as it is, up to and including IEND; anything after IEND is
// dropped.
//
// The input comes from anyone on the internet: every length is checked against the buffer, and a
// truncated or malformed file is an error, never a crash.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace meldpunt::intake {

// The cleaned file, or INVALID_ARGUMENT (reason MEDIA_CORRUPT) saying what is wrong and where.
// The first chunk must be IHDR and at least one IDAT must come before IEND.
absl::StatusOr<std::string> StripPngMetadata(std::string_view png);

}  // namespace meldpunt::intake
