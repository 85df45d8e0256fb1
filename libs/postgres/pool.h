#pragma once
// A bounded pool of libpqxx connections. Blocking: call it from worker threads, never from a
// gRPC reactor. Library exceptions stop here and come out as absl::Status (see errors.h).

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#include <pqxx/connection>
#include <pqxx/transaction>

namespace meldpunt::pg {

struct PoolOptions {
  std::string dsn;                       // libpq connection string or URI
  std::size_t size = 8;                  // connections at most
  std::chrono::milliseconds acquire_timeout{2000};
  std::chrono::milliseconds statement_timeout{5000};  // SET statement_timeout per connection
  std::chrono::milliseconds connect_timeout{3000};
  std::string application_name = "meldpunt";
};

struct PoolStats {
  std::size_t size = 0;
  std::size_t open = 0;
  std::size_t in_use = 0;
  std::size_t waiting = 0;
  std::uint64_t reconnects = 0;
};

class Pool {
 public:
  virtual ~Pool() = default;

  // Runs fn with a connection held for its duration. A connection found broken (server
  // restarted, backend killed) is dropped and reopened on next use. Errors thrown by libpqxx
  // inside fn are mapped by MapException(). If no connection frees up within acquire_timeout the
  // answer is UNAVAILABLE.
  virtual absl::Status WithConnection(const std::function<absl::Status(pqxx::connection&)>& fn) = 0;

  virtual PoolStats Stats() const = 0;
};

// Runs fn inside one read-write transaction (pqxx::work) on a pooled connection: committed when
// fn returns OK, rolled back otherwise (and on any exception). This is where a state change and
// its outbox event are written together.
absl::Status Transact(Pool& pool, const std::function<absl::Status(pqxx::work&)>& fn);

// Opens the first connection eagerly so a wrong DSN fails at start-up with the reason.
absl::StatusOr<std::unique_ptr<Pool>> CreatePool(const PoolOptions& options);

}  // namespace meldpunt::pg
