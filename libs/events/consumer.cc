#include "libs/events/consumer.h"

#include <unistd.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/events/consumer_store.h"
#include "libs/events/envelope.h"
#include "libs/events/uuid.h"
#include "libs/redis/errors.h"
#include "libs/status/status.h"

namespace meldpunt::events {
namespace {

constexpr char kHandled[] = "handled";
constexpr char kParked[] = "parked";

std::string DefaultConsumerName() {
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) != 0 || host[0] == '\0') {
    std::snprintf(host, sizeof(host), "host");
  }
  return absl::StrCat(host, "-", getpid());
}

std::string ErrorText(const absl::Status& status) {
  return absl::StrCat(absl::StatusCodeToString(status.code()), ": ", status.message());
}

}  // namespace

absl::StatusOr<std::unique_ptr<EventConsumer>> EventConsumer::Create(
    pg::Pool& pool, redis::RedisClient& redis, EventHandler& handler, ConsumerOptions options,
    ConsumerObserver* observer) {
  auto invalid = [](std::string_view message) {
    return status::InvalidArgument("EVENT_CONSUMER_OPTIONS_INVALID", message);
  };
  if (options.stream.empty()) return invalid("consumer stream is empty");
  if (options.group.empty()) return invalid("consumer group is empty");
  if (options.group_start_id.empty()) return invalid("consumer group start id is empty");
  if (options.batch_size < 1) return invalid("consumer batch size must be at least 1");
  if (options.max_attempts < 1) return invalid("consumer max attempts must be at least 1");
  if (options.block.count() < 0 || options.claim_min_idle.count() < 0 ||
      options.claim_interval.count() < 0) {
    return invalid("consumer durations must not be negative");
  }
  if (options.consumer.empty()) options.consumer = DefaultConsumerName();
  return std::unique_ptr<EventConsumer>(
      new EventConsumer(pool, redis, handler, std::move(options), observer));
}

EventConsumer::EventConsumer(pg::Pool& pool, redis::RedisClient& redis, EventHandler& handler,
                             ConsumerOptions options, ConsumerObserver* observer)
    : pool_(pool),
      redis_(redis),
      handler_(handler),
      options_(std::move(options)),
      observer_(observer),
      next_claim_(absl::Now()) {}

EventConsumer::~EventConsumer() { Stop(); }

void EventConsumer::Start() {
  absl::MutexLock lock(&mu_);
  if (started_) return;
  started_ = true;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void EventConsumer::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (!started_) return;
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
  absl::MutexLock lock(&mu_);
  started_ = false;
}

ConsumerStats EventConsumer::Stats() const {
  absl::MutexLock lock(&mu_);
  return stats_;
}

void EventConsumer::CountError(const absl::Status& status, bool outage) {
  absl::MutexLock lock(&mu_);
  if (outage) ++stats_.outages;
  stats_.last_error = ErrorText(status);
}

absl::Status EventConsumer::EnsureGroup() {
  absl::StatusOr<redis::RedisReply> reply =
      redis_.Command({"XGROUP", "CREATE", options_.stream, options_.group,
                      options_.group_start_id, "MKSTREAM"});
  if (!reply.ok() && !redis::IsRedisError(reply.status(), "BUSYGROUP")) return reply.status();
  group_ready_ = true;
  read_own_pending_ = true;
  pending_cursor_ = "0";
  return absl::OkStatus();
}

absl::StatusOr<std::vector<redis::StreamEntry>> EventConsumer::Fetch(Source source) {
  const std::string count = std::to_string(options_.batch_size);
  if (source == Source::kClaim) {
    absl::StatusOr<redis::RedisReply> reply = redis_.Command(
        {"XAUTOCLAIM", options_.stream, options_.group, options_.consumer,
         std::to_string(options_.claim_min_idle.count()), claim_cursor_, "COUNT", count});
    if (!reply.ok()) return reply.status();
    absl::StatusOr<redis::AutoClaimResult> claimed = redis::ParseAutoClaim(*reply);
    if (!claimed.ok()) return claimed.status();
    claim_cursor_ = claimed->next_cursor;
    if (claim_cursor_ == "0-0") {
      next_claim_ = absl::Now() + absl::FromChrono(options_.claim_interval);
    }
    // Redis 7 drops pending ids whose entries were trimmed away; they are parked as such so
    // the loss is visible.
    for (std::string& id : claimed->deleted_ids) {
      redis::StreamEntry gone;
      gone.id = std::move(id);
      gone.deleted = true;
      claimed->entries.push_back(std::move(gone));
    }
    absl::MutexLock lock(&mu_);
    stats_.claimed += claimed->entries.size();
    return std::move(claimed->entries);
  }
  std::vector<std::string> args = {"XREADGROUP", "GROUP", options_.group, options_.consumer,
                                    "COUNT", count};
  if (source == Source::kNew) {
    args.insert(args.end(), {"BLOCK", std::to_string(options_.block.count())});
  }
  args.insert(args.end(), {"STREAMS", options_.stream,
                           source == Source::kNew ? std::string(">") : pending_cursor_});
  absl::StatusOr<redis::RedisReply> reply = redis_.Command(args);
  if (!reply.ok()) return reply.status();
  return redis::ParseStreamRead(*reply);
}

absl::StatusOr<int> EventConsumer::PollOnce() {
  if (!group_ready_) {
    if (absl::Status status = EnsureGroup(); !status.ok()) {
      CountError(status, true);
      return status;
    }
  }
  Source source = Source::kNew;
  if (read_own_pending_) {
    source = Source::kOwnPending;
  } else if (absl::Now() >= next_claim_) {
    source = Source::kClaim;
  }
  absl::StatusOr<std::vector<redis::StreamEntry>> entries = Fetch(source);
  if (!entries.ok()) {
    // The group is gone when Redis lost its data set: create it again (the relay republishes
    // whatever the outbox still holds).
    if (redis::IsRedisError(entries.status(), "NOGROUP")) group_ready_ = false;
    // A read whose reply was lost may still have delivered entries to us: look at our pending
    // list first when Redis is back.
    read_own_pending_ = true;
    pending_cursor_ = "0";
    CountError(entries.status(), true);
    return entries.status();
  }
  if (source == Source::kOwnPending && entries->empty()) read_own_pending_ = false;
  int finished = 0;
  for (const redis::StreamEntry& entry : *entries) {
    if (absl::Status status = Process(entry); !status.ok()) {
      // Whatever is left is still pending with us: start over from our pending list.
      read_own_pending_ = true;
      pending_cursor_ = "0";
      CountError(status, status.code() != absl::StatusCode::kCancelled);
      return status;
    }
    ++finished;
    if (source == Source::kOwnPending) pending_cursor_ = entry.id;
  }
  return finished;
}

absl::Status EventConsumer::Process(const redis::StreamEntry& entry) {
  absl::StatusOr<v1::Event> decoded = DecodeEntry(entry);
  if (!decoded.ok()) {
    if (absl::Status status = Park(entry, nullptr, ErrorText(decoded.status()), 0);
        !status.ok()) {
      return status;
    }
    return Ack(entry.id);
  }
  const v1::Event& event = *decoded;
  Backoff retry(options_.retry_backoff);
  bool failed_before = false;
  while (true) {
    bool duplicate = false;
    bool handler_ran = false;
    bool handler_ok = false;
    absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) -> absl::Status {
      duplicate = handler_ran = handler_ok = false;
      // First: a concurrent duplicate (another consumer that claimed the same entry) waits
      // here on the key until this transaction ends, then finds it taken.
      if (!MarkProcessed(tx, options_.group, event.event_id(), kHandled)) {
        duplicate = true;
        return absl::OkStatus();
      }
      if (failed_before) ClearFailures(tx, options_.group, event.event_id());
      handler_ran = true;
      absl::Status handled = handler_.Handle(tx, event);
      handler_ok = handled.ok();
      return handled;
    });
    if (status.ok()) {
      {
        absl::MutexLock lock(&mu_);
        ++(duplicate ? stats_.duplicates : stats_.handled);
      }
      if (observer_ != nullptr) observer_->AfterCommit(event, entry.id);
      return Ack(entry.id);
    }
    // Only the handler's own failures count towards parking; an outage (including the
    // handler's connection dying, or COMMIT failing) is retried without limit.
    const bool handler_failed =
        handler_ran && !handler_ok && status.code() != absl::StatusCode::kUnavailable;
    if (!handler_failed) return status;
    failed_before = true;
    {
      absl::MutexLock lock(&mu_);
      ++stats_.failures;
      stats_.last_error = ErrorText(status);
    }
    absl::StatusOr<int> attempts = RecordFailure(event, status);
    if (!attempts.ok()) return attempts.status();
    if (*attempts >= options_.max_attempts) {
      if (absl::Status parked = Park(entry, &event, ErrorText(status), *attempts); !parked.ok()) {
        return parked;
      }
      return Ack(entry.id);
    }
    if (!Sleep(retry.Next())) return absl::CancelledError("consumer stopping");
  }
}

absl::StatusOr<int> EventConsumer::RecordFailure(const v1::Event& event,
                                                 const absl::Status& error) {
  int attempts = 0;
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) -> absl::Status {
    attempts = events::RecordFailure(tx, options_.group, event.event_id(), ErrorText(error));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return attempts;
}

absl::Status EventConsumer::Park(const redis::StreamEntry& entry, const v1::Event* event,
                                 const std::string& error, int attempts) {
  ParkedEntry parked;
  parked.consumer = options_.group;
  parked.stream = options_.stream;
  parked.stream_id = entry.id;
  parked.error = error;
  parked.attempts = attempts;
  if (event != nullptr) {
    parked.event_id = event->event_id();
    parked.type = event->type();
  } else {
    const std::string* id = entry.Field("event_id");
    if (id != nullptr && IsUuid(*id)) parked.event_id = *id;
    if (const std::string* type = entry.Field("type"); type != nullptr) parked.type = *type;
  }
  if (const std::string* payload = entry.Field("payload"); payload != nullptr) {
    parked.payload = *payload;
  }
  bool already_processed = false;
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) -> absl::Status {
    already_processed = false;
    // A parsed event's outcome is final once parked: its duplicates are skipped, not parked
    // again. If some consumer already processed it, there is nothing to park.
    if (event != nullptr && !MarkProcessed(tx, options_.group, event->event_id(), kParked)) {
      already_processed = true;
      return absl::OkStatus();
    }
    InsertParked(tx, parked);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  absl::MutexLock lock(&mu_);
  if (already_processed) {
    ++stats_.duplicates;
  } else {
    ++stats_.parked;
  }
  return absl::OkStatus();
}

absl::Status EventConsumer::Ack(const std::string& stream_id) {
  absl::StatusOr<redis::RedisReply> reply =
      redis_.Command({"XACK", options_.stream, options_.group, stream_id});
  if (!reply.ok()) return reply.status();
  absl::MutexLock lock(&mu_);
  ++stats_.acked;
  return absl::OkStatus();
}

bool EventConsumer::Sleep(std::chrono::milliseconds delay) {
  auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
  absl::MutexLock lock(&mu_);
  return !mu_.AwaitWithTimeout(absl::Condition(&stopping), absl::FromChrono(delay));
}

absl::StatusOr<std::int64_t> EventConsumer::PruneProcessed() {
  if (options_.processed_retention.count() <= 0) return 0;
  const double seconds = static_cast<double>(
      std::chrono::duration_cast<std::chrono::seconds>(options_.processed_retention).count());
  std::int64_t deleted = 0;
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) -> absl::Status {
    deleted = events::PruneProcessed(tx, options_.group, seconds, 10000);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return deleted;
}

void EventConsumer::Run() {
  Backoff outage(options_.outage_backoff);
  absl::Time next_prune = absl::Now();
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    if (absl::Now() >= next_prune) {
      PruneProcessed().IgnoreError();  // tried again next interval; never holds up consuming
      next_prune = absl::Now() + absl::FromChrono(options_.prune_interval);
    }
    absl::StatusOr<int> round = PollOnce();
    if (round.ok()) {
      outage.Reset();
      continue;
    }
    if (round.status().code() == absl::StatusCode::kCancelled) return;
    if (!Sleep(outage.Next())) return;
  }
}

absl::StatusOr<ConsumerLag> EventConsumer::Lag() {
  absl::StatusOr<redis::RedisReply> reply =
      redis_.Command({"XINFO", "GROUPS", options_.stream});
  if (!reply.ok()) return reply.status();
  absl::StatusOr<std::vector<redis::GroupInfo>> groups = redis::ParseGroupsInfo(*reply);
  if (!groups.ok()) return groups.status();
  for (const redis::GroupInfo& group : *groups) {
    if (group.name == options_.group) return ConsumerLag{group.pending, group.lag};
  }
  return status::NotFound("EVENT_CONSUMER_GROUP_NOT_FOUND",
                          absl::StrCat("no consumer group ", options_.group, " on ",
                                       options_.stream));
}

}  // namespace meldpunt::events
