#pragma once

#include "libs/time/clock.h"
#include "libs/postgres/pool.h"
#include "services/intake/src/media/media_repository.h"

namespace meldpunt::intake {

class PgMediaRepository : public MediaRepository {
 public:
  // pool and clock must outlive the repository. The clock stamps events' occurred_at.
  PgMediaRepository(pg::Pool* pool, const time::Clock* clock) : pool_(pool), clock_(clock) {}

  absl::StatusOr<AddMediaResult> Add(const AddMediaCommand& command) override;

 private:
  pg::Pool* pool_;
  const time::Clock* clock_;
};

}  // namespace meldpunt::intake
