#pragma once
// Intake's own serving flags, with their MELDPUNT_* environment equivalents (libs/config). The
// shared ones (port, PostgreSQL, Redis, principal keys, migrations) are registered by main; the
// import-zones command's flags by admin/import_zones_command.h.

#include <chrono>
#include <cstdint>

#include "absl/status/status.h"
#include "libs/config/flags.h"
#include "libs/server/media_limit.h"
#include "services/intake/src/api/intake_settings.h"

namespace meldpunt::intake {

struct IntakeOptions {
  int64_t max_media_bytes = server::kDefaultMaxMediaBytes;  // shared with the gateway
  int64_t max_media_per_report = 10;
  int64_t duplicate_distance_m = 50;
  std::chrono::milliseconds duplicate_window{std::chrono::hours(24 * 14)};
};

void RegisterIntakeFlags(config::Flags& flags, IntakeOptions* options);

// The smallest gRPC message limit (--max-message-bytes) that lets a photo of the largest
// accepted size through.
int64_t MinMessageBytes(const IntakeOptions& options);

// INVALID_ARGUMENT when max_message_bytes (the server's --max-message-bytes) is below
// MinMessageBytes: a photo of the maximum size could never arrive.
absl::Status ValidateIntakeOptions(const IntakeOptions& options, int64_t max_message_bytes);

// What the handlers are configured with.
IntakeSettings SettingsFrom(const IntakeOptions& options);

}  // namespace meldpunt::intake
