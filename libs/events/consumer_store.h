#pragma once
// The consumer's bookkeeping in PostgreSQL: processed marks, failed attempts, parked events.
// Each function runs inside the caller's transaction and lets libpqxx exceptions through (the
// pool maps them). Text that came from outside (stream fields, error messages) is made safe for
// a text column first: a stray byte must not turn an event into an endless database error.

#include <optional>
#include <string>
#include <string_view>

#include <pqxx/transaction>

namespace meldpunt::events {

// Marks (consumer, event_id) done with the given outcome ("handled" or "parked"). False when
// it was already marked: the event was processed before and must be skipped.
bool MarkProcessed(pqxx::work& tx, const std::string& consumer, const std::string& event_id,
                   const char* outcome);

// Forgets earlier failed attempts (the event has now succeeded).
void ClearFailures(pqxx::work& tx, const std::string& consumer, const std::string& event_id);

// Counts one more failed attempt and returns the total so far.
int RecordFailure(pqxx::work& tx, const std::string& consumer, const std::string& event_id,
                  std::string_view error);

struct ParkedEntry {
  std::string consumer;
  std::string event_id;  // empty when unknown
  std::string stream;
  std::string stream_id;
  std::string type;                    // empty when unknown
  std::optional<std::string> payload;  // as received
  std::string error;
  int attempts = 0;
};

// Idempotent: parking the same stream entry twice keeps the first row.
void InsertParked(pqxx::work& tx, const ParkedEntry& entry);

// Deletes up to limit processed marks and up to limit failure records of consumer older than
// the given number of seconds; returns how many rows went.
std::int64_t PruneProcessed(pqxx::work& tx, const std::string& consumer, double older_than_seconds,
                            int limit);

// Valid UTF-8 without control characters, at most max_bytes long; anything else becomes '?'.
std::string SafeText(std::string_view text, std::size_t max_bytes = 2000);

}  // namespace meldpunt::events
