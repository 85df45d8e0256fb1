#pragma once
// Publishes the outbox to Redis Streams. One background thread per service process; replicas
// may all run one, a transaction-level advisory lock lets only one publish at a time (which
// also keeps the stream in outbox order).
//
// Each round is one transaction: lock, take the oldest unpublished rows (FOR UPDATE), XADD each,
// mark the ones that were added, commit. Redis down: nothing more is marked, the round ends, the
// relay backs off and tries again — rows wait in the outbox, nothing is lost. Dying between an
// XADD and the commit publishes those events again next time: delivery is at least once, and
// consumers drop the duplicates (consumer.h).
//
// Order caveat: ids come from a sequence, so a transaction that took an id early but committed
// late is published after rows with higher ids.
//
// Redis losing entries it had acknowledged (stream_loss.h) is noticed at the start of a round:
// every round checks that the entry it published last is still in the stream, and every
// trim_check_interval that no consumer group lost unread entries to trimming. Rows whose entries
// are gone are marked unpublished and go out again in that round, in outbox order; each such
// recovery is reported to on_recovery. Published rows are kept for retention, which bounds what
// can be recovered.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

#include <pqxx/transaction>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/events/backoff.h"
#include "libs/events/stream_loss.h"
#include "libs/postgres/pool.h"
#include "libs/redis/client.h"

namespace meldpunt::events {

// Redis had lost entries of stream; requeued rows are being published again.
struct StreamRecovery {
  std::string stream;
  std::string cause;
  std::int64_t requeued = 0;
};

struct RelayOptions {
  int batch_size = 100;
  // How often to look for new rows when nobody calls Wake().
  std::chrono::milliseconds poll_interval{500};
  // XADD MAXLEN ~ n: the stream keeps about this many entries (Redis memory: roughly n times
  // the payload size); 0 never trims. A consumer group that falls further behind than this
  // loses the oldest entries it has not read yet; the trim check sends them again, at the
  // stream's end, so a group that stays this far behind sees the same events cycle through —
  // watch the consumer lag.
  std::int64_t stream_maxlen = 100000;
  BackoffPolicy backoff{std::chrono::milliseconds(100), std::chrono::milliseconds(10000)};
  // Published rows older than this are deleted (checked about every prune_interval); zero
  // keeps them forever. An entry Redis loses is sent again only while its row is kept (a
  // consumer group that stays behind a trimmed stream for longer misses events); keep the
  // consumers' processed_retention above it.
  std::chrono::milliseconds retention{std::chrono::hours(24 * 7)};
  std::chrono::milliseconds prune_interval{std::chrono::minutes(10)};
  // How often to compare the consumer groups' positions with what the stream trimmed; zero
  // never does. (Whether Redis lost the stream is checked every round.)
  std::chrono::milliseconds trim_check_interval{std::chrono::seconds(30)};
  // Told about each recovery from lost entries, on the relay's thread (a warning for the log).
  std::function<void(const StreamRecovery&)> on_recovery;
};

struct PublishedEvent {
  std::int64_t outbox_id = 0;
  std::string event_id;
  std::string stream;
  std::string stream_id;  // the entry id Redis assigned
};

// Told about each event right after its XADD succeeded, before the outbox row is marked and
// committed. Production passes none; tests use it to die at exactly that point.
class PublishObserver {
 public:
  virtual ~PublishObserver() = default;
  virtual void AfterPublish(const PublishedEvent& event) = 0;
};

struct RelayStats {
  std::uint64_t published = 0;   // rows marked published by this relay
  std::uint64_t rounds = 0;
  std::uint64_t failures = 0;    // rounds that ended in an error
  std::uint64_t lock_busy = 0;   // rounds skipped because another relay held the lock
  std::uint64_t pruned = 0;
  std::uint64_t recoveries = 0;  // times Redis was found to have lost entries
  std::uint64_t requeued = 0;    // rows sent again because of that
  std::string last_error;        // empty after a successful round
};

struct OutboxBacklog {
  std::int64_t unpublished = 0;
  std::chrono::milliseconds oldest_age{0};  // of the oldest unpublished row; 0 when none
};

struct PublishRound {
  int published = 0;
  bool lock_busy = false;  // another relay holds the lock
  bool full = false;       // the batch was full: more rows are probably waiting
};

class OutboxRelay {
 public:
  // pool, redis and observer (may be null) must outlive the relay.
  OutboxRelay(pg::Pool& pool, redis::RedisClient& redis, RelayOptions options = {},
              PublishObserver* observer = nullptr);
  ~OutboxRelay();  // Stop()

  OutboxRelay(const OutboxRelay&) = delete;
  OutboxRelay& operator=(const OutboxRelay&) = delete;

  // Starts the background thread (once).
  void Start();
  // Publish now rather than at the next poll: call after committing a transaction with events.
  // Ignored while backing off from a failure.
  void Wake();
  // Ends the current round and joins the thread. Rows not yet committed as published stay in
  // the outbox for the next relay.
  void Stop();

  // One round, on the caller's thread (the background thread calls nothing else). If an XADD
  // fails, the rows published before it are still marked and committed, and the XADD's error
  // is returned.
  absl::StatusOr<PublishRound> PublishOnce();

  // Deletes rows published longer than retention ago, at most 10,000 per call.
  absl::StatusOr<std::int64_t> PrunePublished();

  RelayStats Stats() const;
  absl::StatusOr<OutboxBacklog> Backlog();

 private:
  void Run();
  // Within the round's transaction, before anything is published: requeues the rows of lost
  // entries. An error is Redis's (the round then publishes nothing).
  absl::Status RecoverLostEntries(pqxx::work& tx);
  void Recovered(const LostEntries& lost, std::int64_t requeued);

  pg::Pool& pool_;
  redis::RedisClient& redis_;
  const RelayOptions options_;
  PublishObserver* const observer_;

  mutable absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool wake_ ABSL_GUARDED_BY(mu_) = false;
  RelayStats stats_ ABSL_GUARDED_BY(mu_);
  absl::Time next_trim_check_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  std::thread thread_;
};

}  // namespace meldpunt::events
