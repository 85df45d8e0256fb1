#include "libs/redis/streams.h"

#include "absl/strings/numbers.h"
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

std::string StreamId::ToString() const { return absl::StrCat(ms, "-", seq); }

std::optional<StreamId> ParseStreamId(std::string_view text) {
  // Digits and at most one dash only: SimpleAtoi alone would take "+1" or " 1".
  for (char c : text) {
    if (c != '-' && (c < '0' || c > '9')) return std::nullopt;
  }
  auto number = [](std::string_view digits, std::uint64_t* out) {
    return !digits.empty() &&
           absl::SimpleAtoi(absl::string_view(digits.data(), digits.size()), out);
  };
  StreamId id;
  const std::size_t dash = text.find('-');
  if (!number(text.substr(0, dash), &id.ms)) return std::nullopt;
  if (dash != std::string_view::npos && !number(text.substr(dash + 1), &id.seq)) {
    return std::nullopt;
  }
  return id;
}

absl::StatusOr<StreamInfo> ParseStreamInfo(const RedisReply& reply) {
  if (!reply.is_array() || reply.elements.size() % 2 != 0) {
    return Malformed("XINFO STREAM", reply);
  }
  StreamInfo info;
  bool have_last_id = false;
  for (std::size_t i = 0; i < reply.elements.size(); i += 2) {
    const RedisReply& key = reply.elements[i];
    const RedisReply& value = reply.elements[i + 1];
    if (!IsText(key)) return Malformed("XINFO STREAM key", reply);
    if (key.str == "length" && value.is_integer()) {
      info.length = value.integer;
    } else if (key.str == "last-generated-id" && IsText(value)) {
      std::optional<StreamId> id = ParseStreamId(value.str);
      if (!id) return Malformed("XINFO STREAM last-generated-id", value);
      info.last_generated_id = *id;
      have_last_id = true;
    } else if (key.str == "max-deleted-entry-id" && IsText(value)) {
      std::optional<StreamId> id = ParseStreamId(value.str);
      if (!id) return Malformed("XINFO STREAM max-deleted-entry-id", value);
      info.max_deleted_entry_id = *id;
    } else if (key.str == "entries-added" && value.is_integer()) {
      info.entries_added = value.integer;
    } else if (key.str == "first-entry" && !value.is_nil()) {
      absl::StatusOr<StreamEntry> entry = ParseStreamEntry(value);
      if (!entry.ok()) return entry.status();
      std::optional<StreamId> id = ParseStreamId(entry->id);
      if (!id) return Malformed("XINFO STREAM first-entry", value);
      info.first_entry_id = *id;
    }
  }
  if (!have_last_id) return Malformed("XINFO STREAM without last-generated-id", reply);
  return info;
}

}  // namespace meldpunt::redis
