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

// An entry id "<ms>-<seq>", ordered as Redis orders entries (numerically, not as text).
struct StreamId {
  std::uint64_t ms = 0;
  std::uint64_t seq = 0;

  std::string ToString() const;
  friend bool operator<(const StreamId& a, const StreamId& b) {
    return a.ms != b.ms ? a.ms < b.ms : a.seq < b.seq;
  }
  friend bool operator==(const StreamId& a, const StreamId& b) {
    return a.ms == b.ms && a.seq == b.seq;
  }
  friend bool operator!=(const StreamId& a, const StreamId& b) { return !(a == b); }
  friend bool operator>(const StreamId& a, const StreamId& b) { return b < a; }
  friend bool operator<=(const StreamId& a, const StreamId& b) { return !(b < a); }
};

// "1700000000000-3" (or "1700000000000", seq 0); nullopt for anything else.
std::optional<StreamId> ParseStreamId(std::string_view text);

struct StreamInfo {
  std::int64_t length = 0;
  StreamId last_generated_id;
  // The oldest entry's id; absent when the stream is empty.
  std::optional<StreamId> first_entry_id;
  // Redis >= 7: the largest id deleted with XDEL ("0-0" when none was; 7.0 does not count
  // trimming); absent before 7.
  std::optional<StreamId> max_deleted_entry_id;
  std::optional<std::int64_t> entries_added;  // Redis >= 7
};

// XINFO STREAM (without FULL): a flat [key, value, ...] map.
absl::StatusOr<StreamInfo> ParseStreamInfo(const RedisReply& reply);

}  // namespace meldpunt::redis
