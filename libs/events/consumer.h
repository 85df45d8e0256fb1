#pragma once
// Consumes one stream with one Redis consumer group and applies each event exactly once.
//
// Delivery from Redis is at least once (the relay may publish twice; an entry is redelivered if
// we die before XACK). Exactly-once *effect* comes from PostgreSQL: the handler runs in the same
// transaction that inserts (group, event_id) into meldpunt_processed_events, so the effect and
// the "done" mark commit together, and a redelivered event finds the mark and is skipped. XACK
// comes only after that commit.
//
// Order of work in each round: first this consumer's own pending entries (left over from before
// a restart or an error), then, every claim_interval, entries that another consumer has left
// pending longer than claim_min_idle (it died: XAUTOCLAIM), otherwise new entries (BLOCK).
//
// A failing handler is retried in place with back-off (the stream is handled in order, so a
// failing event holds back the ones after it for at most its retry schedule); attempts are
// counted in meldpunt_event_failures, and after max_attempts the event is parked in
// meldpunt_parked_events, marked processed (outcome 'parked') and acknowledged. Entries that
// cannot be parsed are parked at once. A handler that returns UNAVAILABLE (or loses its
// database connection) is not counted: that is an outage, retried without limit, like Redis or
// PostgreSQL being down.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <pqxx/transaction>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "libs/events/backoff.h"
#include "libs/postgres/pool.h"
#include "libs/redis/client.h"
#include "libs/redis/streams.h"
#include "meldpunt/events/v1/event.pb.h"

namespace meldpunt::events {

class EventHandler {
 public:
  virtual ~EventHandler() = default;
  // Applies the event's effect within tx; OK commits it together with the processed mark.
  // Called at most once per (group, event) with OK committed, but possibly several times in
  // total (after failures), so it must not have effects outside tx.
  virtual absl::Status Handle(pqxx::work& tx, const v1::Event& event) = 0;
};

struct ConsumerOptions {
  std::string stream;  // e.g. "meldpunt:events:intake"
  // The consumer group: the logical subscriber ("dispatch"). Also the key of processed events.
  std::string group;
  // This instance's name within the group; empty: "<hostname>-<pid>". Reusing a name after a
  // restart picks up that name's pending entries at once; another name claims them after
  // claim_min_idle.
  std::string consumer;
  // Where a new group starts: "0" reads the stream's whole history, "$" only what comes next.
  std::string group_start_id = "0";
  int batch_size = 32;
  // XREADGROUP BLOCK: must stay below the Redis client's command_timeout.
  std::chrono::milliseconds block{1000};
  std::chrono::milliseconds claim_min_idle{std::chrono::minutes(1)};
  std::chrono::milliseconds claim_interval{std::chrono::seconds(15)};
  int max_attempts = 5;
  BackoffPolicy retry_backoff{std::chrono::milliseconds(200), std::chrono::milliseconds(10000)};
  BackoffPolicy outage_backoff{std::chrono::milliseconds(100), std::chrono::milliseconds(10000)};
  // Processed marks (and failure records) older than this are deleted, checked about every
  // prune_interval; zero keeps them. A duplicate arriving after its mark is gone would be
  // applied again, so keep this well above the outbox retention and any replay window.
  std::chrono::hours processed_retention{24 * 30};
  std::chrono::milliseconds prune_interval{std::chrono::minutes(10)};
};

// Hooks between the steps of handling one entry. Production passes none; tests use them to
// die at exactly that point.
class ConsumerObserver {
 public:
  virtual ~ConsumerObserver() = default;
  // The handler's transaction has committed; XACK has not been sent.
  virtual void AfterCommit(const v1::Event& event, const std::string& stream_id) = 0;
};

struct ConsumerStats {
  std::uint64_t handled = 0;     // handler effects committed by this instance
  std::uint64_t duplicates = 0;  // entries skipped because the event was processed before
  std::uint64_t failures = 0;    // failed handler attempts
  std::uint64_t parked = 0;
  std::uint64_t acked = 0;
  std::uint64_t outages = 0;     // rounds ended by Redis or PostgreSQL being unavailable
  std::uint64_t claimed = 0;     // entries taken over from other consumers
  std::string last_error;
};

struct ConsumerLag {
  std::int64_t pending = 0;         // delivered to some consumer, not yet acknowledged
  std::optional<std::int64_t> lag;  // not yet delivered; absent when Redis cannot tell
};

class EventConsumer {
 public:
  // pool, redis, handler and observer (may be null) must outlive the consumer.
  // INVALID_ARGUMENT for incomplete options.
  static absl::StatusOr<std::unique_ptr<EventConsumer>> Create(
      pg::Pool& pool, redis::RedisClient& redis, EventHandler& handler, ConsumerOptions options,
      ConsumerObserver* observer = nullptr);
  ~EventConsumer();  // Stop()

  EventConsumer(const EventConsumer&) = delete;
  EventConsumer& operator=(const EventConsumer&) = delete;

  // Starts the background thread (once).
  void Start();
  // Finishes the entry at hand (or abandons its retry wait) and joins. Unfinished entries stay
  // pending in Redis for the next start.
  void Stop();

  // One round on the caller's thread, for tests and tools; not while Start()ed (the background
  // thread calls nothing else). Returns how many entries were finished (acknowledged). UNAVAILABLE while Redis or PostgreSQL is down,
  // CANCELLED when Stop() interrupted a retry.
  absl::StatusOr<int> PollOnce();

  // Deletes this group's processed marks and failure records older than processed_retention,
  // at most 10,000 of each per call. Returns how many rows went.
  absl::StatusOr<std::int64_t> PruneProcessed();

  const std::string& consumer_name() const { return options_.consumer; }
  ConsumerStats Stats() const;
  // From XINFO GROUPS.
  absl::StatusOr<ConsumerLag> Lag();

 private:
  EventConsumer(pg::Pool& pool, redis::RedisClient& redis, EventHandler& handler,
                ConsumerOptions options, ConsumerObserver* observer);

  enum class Source { kOwnPending, kClaim, kNew };

  absl::Status EnsureGroup();
  absl::StatusOr<std::vector<redis::StreamEntry>> Fetch(Source source);
  // OK once the entry is acknowledged; otherwise the entry stays pending.
  absl::Status Process(const redis::StreamEntry& entry);
  absl::Status Park(const redis::StreamEntry& entry, const v1::Event* event,
                    const std::string& error, int attempts);
  absl::StatusOr<int> RecordFailure(const v1::Event& event, const absl::Status& error);
  absl::Status Ack(const std::string& stream_id);
  // Waits, unless Stop() comes first: false then.
  bool Sleep(std::chrono::milliseconds delay);
  void Run();
  void CountError(const absl::Status& status, bool outage);

  pg::Pool& pool_;
  redis::RedisClient& redis_;
  EventHandler& handler_;
  ConsumerOptions options_;
  ConsumerObserver* const observer_;

  // Only the polling thread touches these.
  bool group_ready_ = false;
  bool read_own_pending_ = true;
  std::string pending_cursor_ = "0";
  std::string claim_cursor_ = "0-0";
  absl::Time next_claim_;

  mutable absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  ConsumerStats stats_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace meldpunt::events
