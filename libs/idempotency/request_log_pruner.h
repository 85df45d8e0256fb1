#pragma once
// Keeps the request log to what retries can use: in the background, deletes answers older than
// kRetention in batches, then waits. A failed round (PostgreSQL away) is logged and tried again
// sooner; the log only grows meanwhile, nothing is lost.

#include <chrono>
#include <string>

#include "libs/observability/log.h"
#include "libs/postgres/pool.h"
#include "libs/server/periodic_thread.h"

namespace meldpunt::idempotency {

struct RequestLogPrunerOptions {
  std::chrono::seconds interval{600};   // between rounds that found nothing more to delete
  std::chrono::seconds retry_after{60};  // after a failed round
  int batch = 1000;                       // rows per statement, so no round holds locks long
};

class RequestLogPruner {
 public:
  RequestLogPruner(pg::Pool* pool, observability::Logger* log, std::string service,
                   RequestLogPrunerOptions options = {})
      : pool_(pool), log_(log), service_(std::move(service)), options_(options) {}

  void Start();
  void Stop() { thread_.Stop(); }

  // One round: batches until one comes back short. What was deleted, or the failure.
  absl::StatusOr<std::int64_t> PruneNow();

 private:
  pg::Pool* pool_;
  observability::Logger* log_;
  std::string service_;
  RequestLogPrunerOptions options_;
  server::PeriodicThread thread_;
};

}  // namespace meldpunt::idempotency
