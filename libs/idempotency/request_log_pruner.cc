#include "libs/idempotency/request_log_pruner.h"

#include "libs/idempotency/request_log.h"

namespace meldpunt::idempotency {

absl::StatusOr<std::int64_t> RequestLogPruner::PruneNow() {
  std::int64_t total = 0;
  while (true) {
    auto deleted = PruneRequestLog(*pool_, options_.batch);
    if (!deleted.ok()) return deleted.status();
    total += *deleted;
    if (*deleted < options_.batch) return total;
  }
}

void RequestLogPruner::Start() {
  thread_.Start([this]() -> std::chrono::nanoseconds {
    auto pruned = PruneNow();
    if (!pruned.ok()) {
      log_->Write(observability::LogLine(observability::LogLevel::kWarning, service_,
                                         "request log pruning failed")
                      .Add("error", pruned.status().ToString())
                      .Finish());
      return options_.retry_after;
    }
    if (*pruned > 0 && log_->level() <= observability::LogLevel::kDebug) {
      log_->Write(observability::LogLine(observability::LogLevel::kDebug, service_,
                                         "request log pruned")
                      .Add("deleted", *pruned)
                      .Finish());
    }
    return options_.interval;
  });
}

}  // namespace meldpunt::idempotency
