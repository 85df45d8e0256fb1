#include "libs/events/outbox_positions.h"

#include <map>

#include <pqxx/result>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace meldpunt::events {
namespace {

// Entry ids are digits and one dash, so they go into array literals unquoted.
constexpr char kMark[] =
    "UPDATE meldpunt_outbox o SET published_at = now(), stream_id = v.stream_id "
    "FROM unnest($1::bigint[], $2::text[]) AS v(id, stream_id) WHERE o.id = v.id";

constexpr char kRecordLast[] =
    "INSERT INTO meldpunt_outbox_streams (stream, last_stream_id) VALUES ($1, $2) "
    "ON CONFLICT (stream) DO UPDATE SET last_stream_id = EXCLUDED.last_stream_id, "
    "last_published_at = now()";

constexpr char kSelectLast[] = "SELECT stream, last_stream_id FROM meldpunt_outbox_streams";

// Entry ids compare as (ms, seq) numbers, not as text.
constexpr char kAfter[] =
    "(split_part(stream_id, '-', 1)::numeric, split_part(stream_id, '-', 2)::numeric) > "
    "($2::numeric, $3::numeric)";
constexpr char kThrough[] =
    "(split_part(stream_id, '-', 1)::numeric, split_part(stream_id, '-', 2)::numeric) <= "
    "($4::numeric, $5::numeric)";

constexpr char kForget[] = "DELETE FROM meldpunt_outbox_streams WHERE stream = $1";

}  // namespace

void MarkPublished(pqxx::work& tx, const std::vector<PublishedRow>& rows) {
  if (rows.empty()) return;
  std::vector<std::string> ids, stream_ids;
  std::map<std::string, std::string> last;  // stream -> its last entry in this batch
  for (const PublishedRow& row : rows) {
    ids.push_back(std::to_string(row.outbox_id));
    stream_ids.push_back(row.stream_id);
    last[row.stream] = row.stream_id;
  }
  tx.exec_params(kMark, absl::StrCat("{", absl::StrJoin(ids, ","), "}"),
                 absl::StrCat("{", absl::StrJoin(stream_ids, ","), "}"));
  for (const auto& [stream, stream_id] : last) tx.exec_params(kRecordLast, stream, stream_id);
}

std::vector<StreamPosition> LastPublished(pqxx::work& tx) {
  std::vector<StreamPosition> positions;
  for (const pqxx::row& row : tx.exec(kSelectLast)) {
    std::optional<redis::StreamId> id = redis::ParseStreamId(row[1].as<std::string>());
    if (!id.has_value()) continue;  // never written by MarkPublished
    positions.push_back({row[0].as<std::string>(), *id});
  }
  return positions;
}

std::int64_t RequeueLost(pqxx::work& tx, const LostEntries& lost) {
  const std::string after_ms = std::to_string(lost.after.ms);
  const std::string after_seq = std::to_string(lost.after.seq);
  pqxx::result result;
  if (lost.through.has_value()) {
    result = tx.exec_params(
        absl::StrCat("UPDATE meldpunt_outbox SET published_at = NULL WHERE stream = $1 "
                     "AND published_at IS NOT NULL AND stream_id IS NOT NULL AND ",
                     kAfter, " AND ", kThrough),
        lost.stream, after_ms, after_seq, std::to_string(lost.through->ms),
        std::to_string(lost.through->seq));
  } else {
    result = tx.exec_params(
        absl::StrCat("UPDATE meldpunt_outbox SET published_at = NULL WHERE stream = $1 "
                     "AND published_at IS NOT NULL AND (stream_id IS NULL OR ",
                     kAfter, ")"),
        lost.stream, after_ms, after_seq);
    tx.exec_params(kForget, lost.stream);
  }
  return static_cast<std::int64_t>(result.affected_rows());
}

}  // namespace meldpunt::events
