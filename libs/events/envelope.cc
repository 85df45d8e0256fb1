#include "libs/events/envelope.h"

#include "libs/events/uuid.h"
#include "libs/status/status.h"

namespace meldpunt::events {
namespace {

absl::Status Malformed(std::string_view message) {
  return status::InvalidArgument(kReasonEntryMalformed, message);
}

}  // namespace

std::vector<std::string> XaddCommand(const OutboxRecord& record, std::int64_t maxlen) {
  std::vector<std::string> args = {"XADD", record.stream};
  if (maxlen > 0) {
    // "~": Redis trims whole macro nodes only, which is far cheaper than an exact cut.
    args.insert(args.end(), {"MAXLEN", "~", std::to_string(maxlen)});
  }
  args.insert(args.end(), {"*", "event_id", record.event_id, "type", record.type, "tenant_id",
                           record.tenant_id, "payload", record.payload});
  return args;
}

absl::StatusOr<v1::Event> DecodeEntry(const redis::StreamEntry& entry) {
  if (entry.deleted) return Malformed("entry no longer exists in the stream");
  const std::string* payload = entry.Field("payload");
  if (payload == nullptr) return Malformed("entry has no payload field");
  v1::Event event;
  if (!event.ParseFromString(*payload)) return Malformed("payload is not an Event");
  if (!IsUuid(event.event_id())) return Malformed("event_id is not a UUID");
  if (const std::string* id = entry.Field("event_id"); id != nullptr && *id != event.event_id()) {
    return Malformed("entry event_id differs from the payload's");
  }
  return event;
}

}  // namespace meldpunt::events
