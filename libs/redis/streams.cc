#include "libs/redis/streams.h"

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"

namespace meldpunt::redis {
namespace {

absl::Status Malformed(const char* what, const RedisReply& reply) {
  std::string shown = reply.DebugString();
  if (shown.size() > 200) shown = shown.substr(0, 200) + "...";
  return status::Error(absl::StatusCode::kInternal, kReasonReplyMalformed,
                       absl::StrCat("unexpected redis reply for ", what, ": ", shown));
}

bool IsText(const RedisReply& r) { return r.is_string() || r.is_status(); }

}  // namespace

const std::string* StreamEntry::Field(std::string_view name) const {
  for (const auto& [key, value] : fields) {
    if (key == name) return &value;
  }
  return nullptr;
}

absl::StatusOr<StreamEntry> ParseStreamEntry(const RedisReply& reply) {
  if (!reply.is_array() || reply.elements.size() != 2 || !IsText(reply.elements[0])) {
    return Malformed("stream entry", reply);
  }
  StreamEntry entry;
  entry.id = reply.elements[0].str;
  const RedisReply& fields = reply.elements[1];
  if (fields.is_nil()) {
    entry.deleted = true;
    return entry;
  }
  if (!fields.is_array() || fields.elements.size() % 2 != 0) {
    return Malformed("stream entry fields", reply);
  }
  entry.fields.reserve(fields.elements.size() / 2);
  for (std::size_t i = 0; i < fields.elements.size(); i += 2) {
    const RedisReply& key = fields.elements[i];
    const RedisReply& value = fields.elements[i + 1];
    if (!IsText(key) || !IsText(value)) return Malformed("stream entry field", reply);
    entry.fields.emplace_back(key.str, value.str);
  }
  return entry;
}

absl::StatusOr<std::vector<StreamEntry>> ParseStreamRead(const RedisReply& reply) {
  std::vector<StreamEntry> entries;
  if (reply.is_nil()) return entries;
  if (!reply.is_array()) return Malformed("stream read", reply);
  for (const RedisReply& stream : reply.elements) {
    if (!stream.is_array() || stream.elements.size() != 2 || !IsText(stream.elements[0])) {
      return Malformed("stream read", stream);
    }
    const RedisReply& list = stream.elements[1];
    if (list.is_nil()) continue;
    if (!list.is_array()) return Malformed("stream read entries", stream);
    for (const RedisReply& item : list.elements) {
      absl::StatusOr<StreamEntry> entry = ParseStreamEntry(item);
      if (!entry.ok()) return entry.status();
      entries.push_back(*std::move(entry));
    }
  }
  return entries;
}

absl::StatusOr<AutoClaimResult> ParseAutoClaim(const RedisReply& reply) {
  if (!reply.is_array() || reply.elements.size() < 2 || reply.elements.size() > 3 ||
      !IsText(reply.elements[0]) || !reply.elements[1].is_array()) {
    return Malformed("XAUTOCLAIM", reply);
  }
  AutoClaimResult result;
  result.next_cursor = reply.elements[0].str;
  for (const RedisReply& item : reply.elements[1].elements) {
    if (item.is_nil()) continue;  // Redis 6.2: an entry that no longer exists
    absl::StatusOr<StreamEntry> entry = ParseStreamEntry(item);
    if (!entry.ok()) return entry.status();
    result.entries.push_back(*std::move(entry));
  }
  if (reply.elements.size() == 3) {
    const RedisReply& deleted = reply.elements[2];
    if (!deleted.is_array()) return Malformed("XAUTOCLAIM deleted ids", reply);
    for (const RedisReply& id : deleted.elements) {
      if (!IsText(id)) return Malformed("XAUTOCLAIM deleted id", reply);
      result.deleted_ids.push_back(id.str);
    }
  }
  return result;
}

absl::StatusOr<std::vector<GroupInfo>> ParseGroupsInfo(const RedisReply& reply) {
  if (!reply.is_array()) return Malformed("XINFO GROUPS", reply);
  std::vector<GroupInfo> groups;
  for (const RedisReply& map : reply.elements) {
    if (!map.is_array() || map.elements.size() % 2 != 0) return Malformed("XINFO GROUPS", map);
    GroupInfo info;
    for (std::size_t i = 0; i < map.elements.size(); i += 2) {
      const RedisReply& key = map.elements[i];
      const RedisReply& value = map.elements[i + 1];
      if (!IsText(key)) return Malformed("XINFO GROUPS key", map);
      if (key.str == "name" && IsText(value)) {
        info.name = value.str;
      } else if (key.str == "consumers" && value.is_integer()) {
        info.consumers = value.integer;
      } else if (key.str == "pending" && value.is_integer()) {
        info.pending = value.integer;
      } else if (key.str == "last-delivered-id" && IsText(value)) {
        info.last_delivered_id = value.str;
      } else if (key.str == "entries-read" && value.is_integer()) {
        info.entries_read = value.integer;
      } else if (key.str == "lag" && value.is_integer()) {
        info.lag = value.integer;
      }
    }
    groups.push_back(std::move(info));
  }
  return groups;
}

}  // namespace meldpunt::redis
