#include "services/intake/src/intake_options.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace meldpunt::intake {

void RegisterIntakeFlags(config::Flags& flags, IntakeOptions* o) {
  server::RegisterMaxMediaBytesFlag(flags, &o->max_media_bytes);
  flags
      .Int("max-media-per-report", &o->max_media_per_report, "photos per report at most", 1, 100)
      .Int("duplicate-distance-m", &o->duplicate_distance_m,
           "open reports of the same category this close (metres) are suggested as duplicates", 1,
           5000)
      .Duration("duplicate-window", &o->duplicate_window,
                "... and this recent (e.g. 336h for 14 days)");
}

int64_t MinMessageBytes(const IntakeOptions& o) { return server::MediaMessageBytes(o.max_media_bytes); }

absl::Status ValidateIntakeOptions(const IntakeOptions& o, int64_t max_message_bytes) {
  if (max_message_bytes < MinMessageBytes(o)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--max-message-bytes must be at least --max-media-bytes + ",
                     server::kMediaMessageOverheadBytes, " so a photo of the maximum size fits"));
  }
  return absl::OkStatus();
}

IntakeSettings SettingsFrom(const IntakeOptions& o) {
  IntakeSettings s;
  s.max_media_bytes = o.max_media_bytes;
  s.max_media_per_report = static_cast<int>(o.max_media_per_report);
  s.duplicates.distance_m = static_cast<double>(o.duplicate_distance_m);
  s.duplicates.window = absl::FromChrono(o.duplicate_window);
  return s;
}

}  // namespace meldpunt::intake
