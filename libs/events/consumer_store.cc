#include "libs/events/consumer_store.h"

#include <pqxx/binarystring>
#include <pqxx/result>

namespace meldpunt::events {
namespace {

constexpr char kMarkProcessed[] =
    "INSERT INTO meldpunt_processed_events (consumer, event_id, outcome) "
    "VALUES ($1, $2::uuid, $3) ON CONFLICT DO NOTHING";

constexpr char kClearFailures[] =
    "DELETE FROM meldpunt_event_failures WHERE consumer = $1 AND event_id = $2::uuid";

constexpr char kRecordFailure[] =
    "INSERT INTO meldpunt_event_failures (consumer, event_id, attempts, last_error) "
    "VALUES ($1, $2::uuid, 1, $3) "
    "ON CONFLICT (consumer, event_id) DO UPDATE SET "
    "attempts = meldpunt_event_failures.attempts + 1, last_error = EXCLUDED.last_error, "
    "updated_at = now() "
    "RETURNING attempts";

constexpr char kInsertParked[] =
    "INSERT INTO meldpunt_parked_events "
    "(consumer, event_id, stream, stream_id, type, payload, error, attempts) "
    "VALUES ($1, NULLIF($2, '')::uuid, $3, $4, NULLIF($5, ''), "
    "CASE WHEN $6 THEN $7::bytea END, $8, $9) "
    // Without a conflict target: naming one needs a SELECT policy, and the runtime role may
    // not read parked events (0002_outbox_and_parked_rls.sql). The only key a new row can
    // collide on is UNIQUE (consumer, stream, stream_id).
    "ON CONFLICT DO NOTHING";

constexpr char kPruneProcessed[] =
    "DELETE FROM meldpunt_processed_events WHERE (consumer, event_id) IN ("
    "SELECT consumer, event_id FROM meldpunt_processed_events WHERE consumer = $1 "
    "AND processed_at < now() - make_interval(secs => $2) LIMIT $3)";

constexpr char kPruneFailures[] =
    "DELETE FROM meldpunt_event_failures WHERE (consumer, event_id) IN ("
    "SELECT consumer, event_id FROM meldpunt_event_failures WHERE consumer = $1 "
    "AND updated_at < now() - make_interval(secs => $2) LIMIT $3)";

// Length of the valid UTF-8 sequence starting at text[i], or 0.
std::size_t Utf8Length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  std::size_t n;
  unsigned int min;
  unsigned int cp;
  if (c < 0x80) return 1;
  if ((c & 0xe0) == 0xc0) {
    n = 2, min = 0x80, cp = c & 0x1f;
  } else if ((c & 0xf0) == 0xe0) {
    n = 3, min = 0x800, cp = c & 0x0f;
  } else if ((c & 0xf8) == 0xf0) {
    n = 4, min = 0x10000, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3f);
  }
  // Overlong forms, surrogates and values past Unicode are not valid.
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

}  // namespace

std::string SafeText(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes));
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t n = Utf8Length(text, i);
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (n == 0 || (n == 1 && (c < 0x20 || c == 0x7f) && c != '\n' && c != '\t')) {
      n = 1;
      if (out.size() + 1 > max_bytes) break;
      out.push_back('?');
    } else {
      if (out.size() + n > max_bytes) break;
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

bool MarkProcessed(pqxx::work& tx, const std::string& consumer, const std::string& event_id,
                   const char* outcome) {
  return tx.exec_params(kMarkProcessed, consumer, event_id, std::string(outcome))
             .affected_rows() == 1;
}

void ClearFailures(pqxx::work& tx, const std::string& consumer, const std::string& event_id) {
  tx.exec_params(kClearFailures, consumer, event_id);
}

int RecordFailure(pqxx::work& tx, const std::string& consumer, const std::string& event_id,
                  std::string_view error) {
  return tx.exec_params1(kRecordFailure, consumer, event_id, SafeText(error))[0].as<int>();
}

void InsertParked(pqxx::work& tx, const ParkedEntry& entry) {
  tx.exec_params(kInsertParked, SafeText(entry.consumer, 200), entry.event_id,
                 SafeText(entry.stream, 500), SafeText(entry.stream_id, 100),
                 SafeText(entry.type, 200), entry.payload.has_value(),
                 pqxx::binarystring(entry.payload.value_or("")), SafeText(entry.error),
                 entry.attempts);
}

std::int64_t PruneProcessed(pqxx::work& tx, const std::string& consumer, double older_than_seconds,
                            int limit) {
  std::int64_t deleted = 0;
  deleted += tx.exec_params(kPruneProcessed, consumer, older_than_seconds, limit).affected_rows();
  deleted += tx.exec_params(kPruneFailures, consumer, older_than_seconds, limit).affected_rows();
  return deleted;
}

}  // namespace meldpunt::events
