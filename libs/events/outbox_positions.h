#pragma once
// The relay's bookkeeping of where published rows went (meldpunt_outbox.stream_id and
// meldpunt_outbox_streams), kept in the outbox's database so that a relay that restarts, or a
// replica taking over, still knows what Redis should hold. Each function runs inside the
// caller's transaction (the relay's round, under its advisory lock) and lets libpqxx exceptions
// through.

#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/transaction>

#include "libs/events/stream_loss.h"
#include "libs/redis/streams.h"

namespace meldpunt::events {

struct PublishedRow {
  std::int64_t outbox_id = 0;
  std::string stream;
  std::string stream_id;  // what XADD answered
};

// Marks rows published with their entry ids and records, per stream, the last one (rows are
// given in publishing order).
void MarkPublished(pqxx::work& tx, const std::vector<PublishedRow>& rows);

struct StreamPosition {
  std::string stream;
  redis::StreamId last_published;
};

// The last entry published to each stream this outbox writes to.
std::vector<StreamPosition> LastPublished(pqxx::work& tx);

// Marks the published rows whose entries are lost unpublished again, so the round publishes
// them next (in outbox order); returns how many. A row pruned after the retention is gone. When
// everything after lost.after is lost the stream's recorded position is forgotten too: it is
// not in Redis any more, and the next publish records a new one.
std::int64_t RequeueLost(pqxx::work& tx, const LostEntries& lost);

}  // namespace meldpunt::events
