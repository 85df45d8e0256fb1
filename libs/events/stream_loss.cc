#include "libs/events/stream_loss.h"

#include "absl/strings/str_cat.h"

namespace meldpunt::events {
namespace {

absl::StatusOr<bool> StreamExists(redis::RedisClient& redis, const std::string& stream) {
  absl::StatusOr<redis::RedisReply> reply = redis.Command({"EXISTS", stream});
  if (!reply.ok()) return reply.status();
  return reply->is_integer() && reply->integer > 0;
}

absl::StatusOr<redis::StreamInfo> StreamInfoOf(redis::RedisClient& redis,
                                               const std::string& stream) {
  absl::StatusOr<redis::RedisReply> reply = redis.Command({"XINFO", "STREAM", stream});
  if (!reply.ok()) return reply.status();
  return redis::ParseStreamInfo(*reply);
}

}  // namespace

absl::StatusOr<std::optional<LostEntries>> CheckLastPublished(redis::RedisClient& redis,
                                                              const std::string& stream,
                                                              const redis::StreamId& last) {
  const std::string id = last.ToString();
  absl::StatusOr<redis::RedisReply> range =
      redis.Command({"XRANGE", stream, id, id, "COUNT", "1"});
  if (!range.ok()) return range.status();
  if (range->is_array() && !range->elements.empty()) return std::nullopt;

  LostEntries lost;
  lost.stream = stream;
  absl::StatusOr<bool> exists = StreamExists(redis, stream);
  if (!exists.ok()) return exists.status();
  if (!*exists) {
    lost.cause = absl::StrCat("the stream is gone (last published entry ", id, ")");
    return lost;
  }
  absl::StatusOr<redis::StreamInfo> info = StreamInfoOf(redis, stream);
  if (!info.ok()) return info.status();
  if (info->last_generated_id < last) {
    // Rolled back to an older state: what it still has is intact.
    lost.after = info->last_generated_id;
    lost.cause = absl::StrCat("the stream ends at ", info->last_generated_id.ToString(),
                              ", before the last published entry ", id);
  } else {
    // Made anew since (its ids start again from the clock): nothing of the old one is left.
    lost.cause = absl::StrCat("the last published entry ", id,
                              " is gone from a stream that was created again");
  }
  return lost;
}

std::optional<LostEntries> TrimmedUnread(const std::string& stream, const redis::StreamInfo& info,
                                         const std::vector<redis::GroupInfo>& groups) {
  if (groups.empty()) return std::nullopt;
  std::optional<redis::StreamId> slowest;
  std::string slowest_name;
  for (const redis::GroupInfo& group : groups) {
    // An id Redis would not write is read as the stream's start: at worst a few rows too many.
    redis::StreamId position =
        redis::ParseStreamId(group.last_delivered_id).value_or(redis::StreamId{});
    if (!slowest.has_value() || position < *slowest) {
      slowest = position;
      slowest_name = group.name;
    }
  }
  // The newest id that is gone: just before the first entry, or the stream's last id when
  // nothing is left; XDEL may have removed more further on.
  redis::StreamId gone_through = info.last_generated_id;
  if (info.first_entry_id.has_value()) {
    const redis::StreamId& first = *info.first_entry_id;
    if (first.seq > 0) {
      gone_through = {first.ms, first.seq - 1};
    } else if (first.ms > 0) {
      gone_through = {first.ms - 1, ~std::uint64_t{0}};
    } else {
      gone_through = {};
    }
  }
  if (info.max_deleted_entry_id.has_value() && *info.max_deleted_entry_id > gone_through) {
    gone_through = *info.max_deleted_entry_id;
  }
  if (!(gone_through > *slowest)) return std::nullopt;
  LostEntries lost;
  lost.stream = stream;
  lost.after = *slowest;
  lost.through = gone_through;
  lost.cause = absl::StrCat("entries up to ", gone_through.ToString(),
                            " were trimmed before group ", slowest_name, " read past ",
                            slowest->ToString());
  return lost;
}

absl::StatusOr<std::optional<LostEntries>> CheckTrimmedUnread(redis::RedisClient& redis,
                                                              const std::string& stream) {
  absl::StatusOr<bool> exists = StreamExists(redis, stream);
  if (!exists.ok()) return exists.status();
  if (!*exists) return std::nullopt;
  absl::StatusOr<redis::StreamInfo> info = StreamInfoOf(redis, stream);
  if (!info.ok()) return info.status();
  absl::StatusOr<redis::RedisReply> reply = redis.Command({"XINFO", "GROUPS", stream});
  if (!reply.ok()) return reply.status();
  absl::StatusOr<std::vector<redis::GroupInfo>> groups = redis::ParseGroupsInfo(*reply);
  if (!groups.ok()) return groups.status();
  return TrimmedUnread(stream, *info, *groups);
}

}  // namespace meldpunt::events
