#pragma once
// How an outbox row travels as a Redis Streams entry. The fields are
//   event_id  the UUID (readable with XRANGE, and how duplicates are recognised)
//   type      the payload name, e.g. "ReportSubmitted"
//   tenant_id
//   payload   the serialized meldpunt.events.v1.Event (binary)
// The payload is the truth; the other fields are for people and tools reading the stream.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/redis/streams.h"
#include "meldpunt/events/v1/event.pb.h"

namespace meldpunt::events {

inline constexpr char kReasonEntryMalformed[] = "EVENT_ENTRY_MALFORMED";

struct OutboxRecord {
  std::int64_t id = 0;
  std::string event_id;
  std::string tenant_id;
  std::string type;
  std::string stream;
  std::string payload;
};

// XADD <stream> [MAXLEN ~ <maxlen>] * event_id .. type .. tenant_id .. payload ..
// maxlen 0 leaves the stream untrimmed.
std::vector<std::string> XaddCommand(const OutboxRecord& record, std::int64_t maxlen);

// The event of a stream entry. INVALID_ARGUMENT (EVENT_ENTRY_MALFORMED) when the payload is
// missing or does not parse, its event_id is not a UUID, or it disagrees with the entry's
// event_id field: such an entry can never be handled and is parked.
absl::StatusOr<v1::Event> DecodeEntry(const redis::StreamEntry& entry);

}  // namespace meldpunt::events
