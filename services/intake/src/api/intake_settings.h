#pragma once
// What a deployment configures about reports (flags of meldpunt-intake, see
// intake_options.h).

#include <cstdint>

#include "services/intake/src/reports/report_repository.h"

namespace meldpunt::intake {

struct IntakeSettings {
  // Open reports of the same category within this distance and period are suggested as possible
  // duplicates of a new one.
  DuplicateSearch duplicates;
  // Largest photo accepted by AddReportMedia; the gRPC message limit must leave room for it.
  std::int64_t max_media_bytes = 10 << 20;
  int max_media_per_report = 10;
};

}  // namespace meldpunt::intake
