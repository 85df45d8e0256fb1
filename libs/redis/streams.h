#pragma once
// Reading Redis Streams replies into plain structs. Every shape is checked: a reply that is not
// what the command documents is an error (reason REDIS_REPLY_MALFORMED), never a crash.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/redis/reply.h"

namespace meldpunt::redis {

inline constexpr char kReasonReplyMalformed[] = "REDIS_REPLY_MALFORMED";

struct StreamEntry {
  std::string id;
  // A pending entry whose data was trimmed or deleted from the stream: XREADGROUP returns its id
  // with nil fields.
  bool deleted = false;
  std::vector<std::pair<std::string, std::string>> fields;

  // The first field called name, or null.
  const std::string* Field(std::string_view name) const;
};

// XREAD / XREADGROUP: nil (nothing before the BLOCK timeout) or [[stream, [entry...]]...].
// Entries of all streams in the reply, in order.
absl::StatusOr<std::vector<StreamEntry>> ParseStreamRead(const RedisReply& reply);

// One entry: [id, [field, value, ...]] or [id, nil].
absl::StatusOr<StreamEntry> ParseStreamEntry(const RedisReply& reply);

struct AutoClaimResult {
  std::string next_cursor;  // "0-0" when the whole pending list was scanned
  std::vector<StreamEntry> entries;
  std::vector<std::string> deleted_ids;  // Redis ≥ 7: pending ids whose entries no longer exist
};

// XAUTOCLAIM (Redis 6.2: two elements, deleted entries as nil; Redis 7: three elements).
absl::StatusOr<AutoClaimResult> ParseAutoClaim(const RedisReply& reply);

struct GroupInfo {
  std::string name;
  std::int64_t consumers = 0;
  std::int64_t pending = 0;
  std::string last_delivered_id;
  std::optional<std::int64_t> entries_read;  // Redis ≥ 7
  std::optional<std::int64_t> lag;           // Redis ≥ 7; absent when Redis cannot tell
};

// XINFO GROUPS: an array of flat [key, value, ...] maps.
absl::StatusOr<std::vector<GroupInfo>> ParseGroupsInfo(const RedisReply& reply);

}  // namespace meldpunt::redis
