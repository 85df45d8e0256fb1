#pragma once
// Finding out that Redis no longer holds stream entries the outbox marked published, so the
// relay can publish those rows again (relay.h). Redis acknowledges an XADD before the entry is
// on disk, and may lose it: a restart without persistence, FLUSHALL, a failover to a replica
// that was behind, or MAXLEN trimming before a consumer group read the entry. Consumers skip
// what they had applied (consumer.h), so sending too much is harmless; sending too little loses
// an event, so a doubt counts as a loss.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/redis/client.h"
#include "libs/redis/streams.h"

namespace meldpunt::events {

// Entries of stream that are gone: ids in (after, through]; through absent means everything
// after `after`, and rows whose entry id was never recorded.
struct LostEntries {
  std::string stream;
  redis::StreamId after;
  std::optional<redis::StreamId> through;
  std::string cause;  // for the log
};

// Whether the entry the relay published last is still in stream. Approximate trimming never
// removes a stream's newest entries and only this outbox's relays write to the stream, so that
// entry is gone only when Redis lost data: the stream is missing or was created anew (everything
// is lost), or it ends before the entry (a replica that was behind: what follows its end is
// lost). nullopt when the entry is there.
absl::StatusOr<std::optional<LostEntries>> CheckLastPublished(redis::RedisClient& redis,
                                                              const std::string& stream,
                                                              const redis::StreamId& last);

// The decision of CheckTrimmedUnread from XINFO STREAM and XINFO GROUPS: the group furthest
// behind has not read what follows its position (last-delivered-id), so entries between that
// position and the stream's first entry (or its last generated id, when it is empty) were
// trimmed or deleted before it read them. nullopt when the slowest group is at or past that
// point, or when there is no group. (Redis 7.0 does not count trimming in max-deleted-entry-id,
// so the first entry is what tells; a row in the range whose entry still exists cannot be.)
std::optional<LostEntries> TrimmedUnread(const std::string& stream, const redis::StreamInfo& info,
                                         const std::vector<redis::GroupInfo>& groups);

// Asks Redis for both and decides (TrimmedUnread); nullopt as well when the stream is missing
// (CheckLastPublished covers that).
absl::StatusOr<std::optional<LostEntries>> CheckTrimmedUnread(redis::RedisClient& redis,
                                                              const std::string& stream);

}  // namespace meldpunt::events
