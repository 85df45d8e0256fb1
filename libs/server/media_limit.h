#pragma once
// The largest photo a citizen may upload, as one setting: intake checks photos against it and the
// gateway lets uploads of that size through. Both register the same flag, so one environment
// variable (MELDPUNT_MAX_MEDIA_BYTES) configures the whole path and they cannot disagree.

#include <cstdint>

#include "libs/config/flags.h"

namespace meldpunt::server {

inline constexpr int64_t kDefaultMaxMediaBytes = 10 << 20;
// Room in a gRPC message for the request fields around a photo of the largest size.
inline constexpr int64_t kMediaMessageOverheadBytes = 64 << 10;

// --max-media-bytes (1 KiB to 64 MiB).
inline void RegisterMaxMediaBytesFlag(config::Flags& flags, int64_t* max_media_bytes) {
  flags.Int("max-media-bytes", max_media_bytes, "largest photo a report may carry, bytes", 1024,
            64 << 20);
}

// The message size an upload of a photo of max_media_bytes needs.
inline int64_t MediaMessageBytes(int64_t max_media_bytes) {
  return max_media_bytes + kMediaMessageOverheadBytes;
}

}  // namespace meldpunt::server
