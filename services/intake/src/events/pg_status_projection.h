#pragma once
// The consumer side of the status projection: an events::EventHandler for the dispatch
// service's stream (consumer group "intake") that applies case events to reports.
//
// Each change is applied only to the report with that id in the event's tenant: an event naming
// another tenant's report (or a report that does not exist) changes nothing and is acknowledged.
// An event that happened before the last one applied to the report (occurred_at) arrives late
// and is skipped, so a reordering between streams cannot undo a newer status. Applying the same
// event twice is prevented by the consumer's processed-events table.

#include "libs/events/consumer.h"

namespace meldpunt::intake {

// Group name on the dispatch stream.
inline constexpr char kStatusProjectionGroup[] = "intake";

class StatusProjectionHandler final : public events::EventHandler {
 public:
  absl::Status Handle(pqxx::work& tx, const events::v1::Event& event) override;
};

}  // namespace meldpunt::intake
