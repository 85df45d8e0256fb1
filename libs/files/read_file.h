#pragma once
// Reading a whole (configuration, key, GeoJSON) file, with an error that names the path.

#include <string>

#include "absl/status/statusor.h"

namespace meldpunt::files {

// NOT_FOUND (reason FILE_UNREADABLE) when the file cannot be opened; INVALID_ARGUMENT
// (FILE_TOO_LARGE) when it is larger than max_bytes, so a wrong path cannot load a disk.
absl::StatusOr<std::string> ReadFile(const std::string& path,
                                     std::size_t max_bytes = std::size_t{256} << 20);

}  // namespace meldpunt::files
