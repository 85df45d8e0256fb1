#include "libs/events/relay.h"

#include <exception>
#include <utility>
#include <vector>

#include <pqxx/binarystring>
#include <pqxx/result>

#include "libs/events/envelope.h"
#include "libs/events/outbox.h"
#include "libs/events/outbox_positions.h"
#include "libs/postgres/errors.h"

namespace meldpunt::events {
namespace {

// Transaction-scoped: released by the commit, and by PostgreSQL if the relay dies. The key is
// derived from a fixed name so every build agrees on it; it differs from the migrator's.
constexpr char kTryLock[] =
    "SELECT pg_try_advisory_xact_lock(hashtextextended('meldpunt_outbox_relay', 0))";

constexpr char kSelectBatch[] =
    "SELECT id, event_id::text, tenant_id, type, stream, payload FROM meldpunt_outbox "
    "WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE";

constexpr char kBacklog[] =
    "SELECT count(*), COALESCE((EXTRACT(EPOCH FROM now() - min(created_at)) * 1000)::bigint, 0) "
    "FROM meldpunt_outbox WHERE published_at IS NULL";

constexpr char kPrune[] =
    "DELETE FROM meldpunt_outbox WHERE id IN (SELECT id FROM meldpunt_outbox "
    "WHERE published_at IS NOT NULL AND published_at < now() - make_interval(secs => $1) "
    "LIMIT 10000)";

}  // namespace

OutboxRelay::OutboxRelay(pg::Pool& pool, redis::RedisClient& redis, RelayOptions options,
                         PublishObserver* observer)
    : pool_(pool), redis_(redis), options_(std::move(options)), observer_(observer) {}

OutboxRelay::~OutboxRelay() { Stop(); }

void OutboxRelay::Start() {
  absl::MutexLock lock(&mu_);
  if (started_) return;
  started_ = true;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void OutboxRelay::Wake() {
  absl::MutexLock lock(&mu_);
  wake_ = true;
}

void OutboxRelay::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (!started_) return;
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
  absl::MutexLock lock(&mu_);
  started_ = false;
}

absl::StatusOr<PublishRound> OutboxRelay::PublishOnce() {
  PublishRound round;
  absl::Status publish_error;
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) -> absl::Status {
    round = PublishRound();
    publish_error = absl::OkStatus();
    if (!tx.exec1(kTryLock)[0].as<bool>()) {
      round.lock_busy = true;
      return absl::OkStatus();
    }
    ScopeToOutboxRelay(tx);
    if (absl::Status recovered = RecoverLostEntries(tx); !recovered.ok()) {
      publish_error = recovered;  // Redis is not answering: nothing can be published either
      return absl::OkStatus();
    }
    pqxx::result rows = tx.exec_params(kSelectBatch, options_.batch_size);
    round.full = static_cast<int>(rows.size()) >= options_.batch_size;
    // Marked by explicit ids, never by range: a row with an id in between may have committed
    // after the SELECT and is not published yet.
    std::vector<PublishedRow> published;
    for (const pqxx::row& row : rows) {
      OutboxRecord record;
      record.id = row[0].as<std::int64_t>();
      record.event_id = row[1].as<std::string>();
      record.tenant_id = row[2].as<std::string>();
      record.type = row[3].as<std::string>();
      record.stream = row[4].as<std::string>();
      record.payload = pqxx::binarystring(row[5]).str();
      absl::StatusOr<redis::RedisReply> reply =
          redis_.Command(XaddCommand(record, options_.stream_maxlen));
      if (!reply.ok()) {
        publish_error = reply.status();
        break;
      }
      const std::string stream_id = reply->is_string() ? reply->str : "";
      published.push_back({record.id, record.stream, stream_id});
      if (observer_ != nullptr) {
        observer_->AfterPublish({record.id, record.event_id, record.stream, stream_id});
      }
    }
    MarkPublished(tx, published);
    round.published = static_cast<int>(published.size());
    return absl::OkStatus();
  });
  absl::MutexLock lock(&mu_);
  ++stats_.rounds;
  if (status.ok()) {
    stats_.published += round.published;
    if (round.lock_busy) ++stats_.lock_busy;
    status = publish_error;
  }
  if (!status.ok()) {
    ++stats_.failures;
    stats_.last_error = status.ToString();
    return status;
  }
  stats_.last_error.clear();
  return round;
}

absl::Status OutboxRelay::RecoverLostEntries(pqxx::work& tx) {
  const std::vector<StreamPosition> positions = LastPublished(tx);
  for (const StreamPosition& position : positions) {
    absl::StatusOr<std::optional<LostEntries>> lost =
        CheckLastPublished(redis_, position.stream, position.last_published);
    if (!lost.ok()) return lost.status();
    if (lost->has_value()) Recovered(**lost, RequeueLost(tx, **lost));
  }
  if (options_.trim_check_interval.count() <= 0) return absl::OkStatus();
  {
    absl::MutexLock lock(&mu_);
    if (absl::Now() < next_trim_check_) return absl::OkStatus();
    next_trim_check_ = absl::Now() + absl::FromChrono(options_.trim_check_interval);
  }
  for (const StreamPosition& position : positions) {
    absl::StatusOr<std::optional<LostEntries>> lost = CheckTrimmedUnread(redis_, position.stream);
    if (!lost.ok()) return lost.status();
    if (!lost->has_value()) continue;
    // Entries sent again get new ids past the trimmed range, so a group that stays behind
    // finds nothing more to requeue at the next check: report only what was requeued now.
    if (const std::int64_t requeued = RequeueLost(tx, **lost); requeued > 0) {
      Recovered(**lost, requeued);
    }
  }
  return absl::OkStatus();
}

void OutboxRelay::Recovered(const LostEntries& lost, std::int64_t requeued) {
  {
    absl::MutexLock lock(&mu_);
    ++stats_.recoveries;
    stats_.requeued += static_cast<std::uint64_t>(requeued);
  }
  if (options_.on_recovery) options_.on_recovery({lost.stream, lost.cause, requeued});
}

absl::StatusOr<std::int64_t> OutboxRelay::PrunePublished() {
  if (options_.retention.count() <= 0) return 0;
  std::int64_t deleted = 0;
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) -> absl::Status {
    const double seconds = static_cast<double>(
        std::chrono::duration_cast<std::chrono::seconds>(options_.retention).count());
    ScopeToOutboxRelay(tx);
    deleted = static_cast<std::int64_t>(tx.exec_params(kPrune, seconds).affected_rows());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  absl::MutexLock lock(&mu_);
  stats_.pruned += static_cast<std::uint64_t>(deleted);
  return deleted;
}

RelayStats OutboxRelay::Stats() const {
  absl::MutexLock lock(&mu_);
  return stats_;
}

absl::StatusOr<OutboxBacklog> OutboxRelay::Backlog() {
  OutboxBacklog backlog;
  // A transaction of its own: the relay's scope is transaction-local.
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) -> absl::Status {
    ScopeToOutboxRelay(tx);
    pqxx::row row = tx.exec1(kBacklog);
    backlog.unpublished = row[0].as<std::int64_t>();
    backlog.oldest_age = std::chrono::milliseconds(row[1].as<std::int64_t>());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return backlog;
}

void OutboxRelay::Run() {
  Backoff backoff(options_.backoff);
  absl::Time next_prune = absl::Now();
  while (true) {
    absl::Duration wait;
    bool backing_off = false;
    absl::StatusOr<PublishRound> round = PublishOnce();
    if (!round.ok()) {
      wait = absl::FromChrono(backoff.Next());
      backing_off = true;
    } else {
      backoff.Reset();
      wait = round->full && !round->lock_busy ? absl::ZeroDuration()
                                              : absl::FromChrono(options_.poll_interval);
    }
    if (!backing_off && absl::Now() >= next_prune) {
      PrunePublished().IgnoreError();  // retried at the next interval; never blocks publishing
      next_prune = absl::Now() + absl::FromChrono(options_.prune_interval);
    }
    auto woken = [this, backing_off]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return stopping_ || (wake_ && !backing_off);
    };
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&woken), wait);
    if (stopping_) return;
    wake_ = false;
  }
}

}  // namespace meldpunt::events
