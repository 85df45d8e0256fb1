#include "libs/postgres/pool.h"

#include <poll.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <pqxx/except>
#include <pqxx/nontransaction>

#include "libs/postgres/conninfo.h"
#include "libs/postgres/errors.h"
#include "libs/status/status.h"

namespace meldpunt::pg {
namespace {

// The DSN plus our per-connection settings. statement_timeout goes in as a startup option
// rather than a SET after connecting, so it can never be missing on a connection.
absl::StatusOr<std::string> ConnectionString(const PoolOptions& options) {
  absl::StatusOr<ConnParams> params = ParseConnInfo(options.dsn);
  if (!params.ok()) return params.status();
  (*params)["application_name"] = options.application_name;
  // libpq counts whole seconds (and treats 1 as 2); round up so a short timeout is not zero,
  // which would mean "wait forever".
  const auto seconds = (options.connect_timeout.count() + 999) / 1000;
  (*params)["connect_timeout"] = std::to_string(seconds < 1 ? 1 : seconds);
  std::string& startup = (*params)["options"];
  if (!startup.empty()) startup += ' ';
  startup += "-c statement_timeout=" + std::to_string(options.statement_timeout.count());
  return FormatConnInfo(*params);
}

// An idle connection normally has nothing to read: the server only speaks when asked. Readable
// data or a hang-up usually means the backend said goodbye (server shutdown,
// pg_terminate_backend, idle timeout), but can be harmless (a NOTIFY, TLS housekeeping), so only
// then a real round trip decides. The common case costs no round trip.
bool LooksAlive(pqxx::connection& conn) {
  if (!conn.is_open()) return false;
  pollfd fd{conn.sock(), POLLIN, 0};
  if (fd.fd < 0) return false;
  if (::poll(&fd, 1, 0) == 0) return true;
  try {
    pqxx::nontransaction ping(conn);
    ping.exec("SELECT 1");
  } catch (const std::exception&) {
    return false;
  }
  return conn.is_open();
}

class PgPool final : public Pool {
 public:
  PgPool(PoolOptions options, std::string conninfo)
      : options_(std::move(options)), conninfo_(std::move(conninfo)) {}

  // Called once by CreatePool, before the pool is shared.
  absl::Status OpenFirst() {
    absl::StatusOr<std::unique_ptr<pqxx::connection>> conn = Open();
    if (!conn.ok()) return conn.status();
    idle_.push_back(std::move(*conn));
    open_ = 1;
    return absl::OkStatus();
  }

  absl::Status WithConnection(const std::function<absl::Status(pqxx::connection&)>& fn) override {
    absl::StatusOr<std::unique_ptr<pqxx::connection>> conn = Acquire();
    if (!conn.ok()) return conn.status();
    absl::Status result;
    bool broken = false;
    try {
      result = fn(**conn);
    } catch (const pqxx::broken_connection& e) {
      result = MapException(e);
      broken = true;
    } catch (const pqxx::in_doubt_error& e) {
      // The link died during COMMIT; whatever is left of it is not worth keeping.
      result = MapException(e);
      broken = true;
    } catch (const std::exception& e) {
      result = MapException(e);
    } catch (...) {
      result = status::Internal(kReasonUnexpectedException, "non-standard exception");
      broken = true;  // unknown state: do not hand this connection to the next caller
    }
    broken = broken || !(*conn)->is_open();
    Release(std::move(*conn), broken);
    return result;
  }

  PoolStats Stats() const override {
    std::lock_guard<std::mutex> lock(mu_);
    PoolStats stats;
    stats.size = options_.size;
    stats.open = open_;
    stats.in_use = in_use_;
    stats.waiting = waiting_;
    stats.reconnects = reconnects_;
    return stats;
  }

 private:
  absl::StatusOr<std::unique_ptr<pqxx::connection>> Open() const {
    try {
      auto conn = std::make_unique<pqxx::connection>(conninfo_);
      // libpqxx 6 silently reconnects a broken connection on the next BEGIN. That would drop
      // session state (a migration's advisory lock) without anyone noticing and hide the
      // reconnect from Stats(); the pool replaces broken connections itself.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
      conn->inhibit_reactivation(true);
#pragma GCC diagnostic pop
      return conn;
    } catch (const pqxx::broken_connection& e) {
      std::string message = e.what();
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
      }
      return status::Unavailable(kReasonConnectFailed, "cannot connect to PostgreSQL: " + message);
    } catch (const std::exception& e) {
      return MapException(e);
    }
  }

  // Hands out an idle connection or opens a new one while below size; otherwise waits up to
  // acquire_timeout. A connection found dead before use is replaced once by a fresh one:
  // nothing has run on it, so this is never a retry of the caller's work.
  absl::StatusOr<std::unique_ptr<pqxx::connection>> Acquire() {
    std::unique_ptr<pqxx::connection> conn;
    {
      std::unique_lock<std::mutex> lock(mu_);
      const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
      ++waiting_;
      const bool got = cv_.wait_until(lock, deadline,
                                      [this] { return !idle_.empty() || open_ < options_.size; });
      --waiting_;
      if (!got) {
        return status::Unavailable(kReasonPoolExhausted,
                                   "no PostgreSQL connection free within " +
                                       std::to_string(options_.acquire_timeout.count()) +
                                       " ms (pool size " + std::to_string(options_.size) + ")");
      }
      ++in_use_;
      if (!idle_.empty()) {
        conn = std::move(idle_.back());  // most recently used: warm and least likely stale
        idle_.pop_back();
      } else {
        ++open_;  // reserve the slot; the connect happens outside the lock
      }
    }
    if (conn != nullptr && LooksAlive(*conn)) return conn;
    if (conn != nullptr) {
      conn.reset();
      std::lock_guard<std::mutex> lock(mu_);
      ++reconnects_;
    }
    absl::StatusOr<std::unique_ptr<pqxx::connection>> fresh = Open();
    if (!fresh.ok()) {
      std::lock_guard<std::mutex> lock(mu_);
      --in_use_;
      --open_;
      cv_.notify_one();
    }
    return fresh;
  }

  void Release(std::unique_ptr<pqxx::connection> conn, bool broken) {
    if (broken) conn.reset();  // close outside the lock
    std::lock_guard<std::mutex> lock(mu_);
    --in_use_;
    if (broken) {
      --open_;
      ++reconnects_;  // its slot gets a fresh connection on next demand
    } else {
      idle_.push_back(std::move(conn));
    }
    cv_.notify_one();
  }

  const PoolOptions options_;
  const std::string conninfo_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  std::size_t open_ = 0;    // idle + in use + being opened
  std::size_t in_use_ = 0;  // handed out (or being opened for a caller)
  std::size_t waiting_ = 0;
  std::uint64_t reconnects_ = 0;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Pool>> CreatePool(const PoolOptions& options) {
  if (options.size == 0) {
    return status::InvalidArgument("DB_POOL_SIZE", "PostgreSQL pool size must be at least 1");
  }
  absl::StatusOr<std::string> conninfo = ConnectionString(options);
  if (!conninfo.ok()) return conninfo.status();
  auto pool = std::make_unique<PgPool>(options, *std::move(conninfo));
  if (absl::Status opened = pool->OpenFirst(); !opened.ok()) return opened;
  return pool;
}

absl::Status Transact(Pool& pool, const std::function<absl::Status(pqxx::work&)>& fn) {
  return pool.WithConnection([&fn](pqxx::connection& conn) -> absl::Status {
    pqxx::work txn(conn);
    absl::Status result = fn(txn);
    if (!result.ok()) {
      // fn's answer is the one that matters. If the rollback fails the link is gone, the server
      // rolls back on its own, and WithConnection drops the connection (is_open() is false).
      try {
        txn.abort();
      } catch (const std::exception&) {
      }
      return result;
    }
    txn.commit();
    return absl::OkStatus();
  });
}

}  // namespace meldpunt::pg
