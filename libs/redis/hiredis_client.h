#pragma once
// RedisClient over hiredis's synchronous API with a small pool of connections.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "libs/redis/client.h"

struct redisContext;

namespace meldpunt::redis {

struct HiredisClientStats {
  std::uint64_t connects = 0;          // connections opened
  std::uint64_t connect_failures = 0;
  std::uint64_t dropped = 0;           // connections closed after an I/O or protocol error
};

class HiredisClient final : public RedisClient {
 public:
  // Connections are opened lazily, so a service starts while Redis is down; a connection that
  // failed is dropped and reopened on its next use (one connect attempt per call, then
  // UNAVAILABLE). Only malformed options fail here.
  static absl::StatusOr<std::unique_ptr<HiredisClient>> Create(const RedisOptions& options);

  ~HiredisClient() override;
  HiredisClient(const HiredisClient&) = delete;
  HiredisClient& operator=(const HiredisClient&) = delete;

  absl::StatusOr<RedisReply> Command(const std::vector<std::string>& args) override;

  HiredisClientStats Stats() const;

 private:
  struct Connection {
    redisContext* context = nullptr;  // null: not connected
  };

  explicit HiredisClient(const RedisOptions& options);

  absl::StatusOr<Connection*> Acquire();
  void Release(Connection* connection);
  absl::Status Connect(Connection& connection);  // and Authenticate
  absl::Status Authenticate(Connection& connection);
  void Drop(Connection& connection);
  // One command on a connected connection; a transport failure drops the connection.
  absl::StatusOr<RedisReply> Send(Connection& connection, const std::vector<std::string>& args);

  const RedisOptions options_;
  std::vector<std::unique_ptr<Connection>> connections_;  // fixed after construction

  mutable absl::Mutex mu_;
  std::vector<Connection*> idle_ ABSL_GUARDED_BY(mu_);
  HiredisClientStats stats_ ABSL_GUARDED_BY(mu_);
};

}  // namespace meldpunt::redis
