#pragma once
// The Redis client the suite uses: one method, a command as binary-safe arguments in, a reply
// value out. An interface so libraries above it (events) can be tested against a fake.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/redis/reply.h"

namespace meldpunt::redis {

class RedisClient {
 public:
  virtual ~RedisClient() = default;

  // Runs one command, e.g. {"XADD", stream, "*", "payload", bytes}. Blocking; thread-safe.
  // An error reply comes back as a non-OK status (errors.h), never as a kError reply.
  virtual absl::StatusOr<RedisReply> Command(const std::vector<std::string>& args) = 0;
};

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::chrono::milliseconds connect_timeout{1000};
  // Bounds every read and write. A blocking command (XREADGROUP ... BLOCK t) needs t below it.
  std::chrono::milliseconds command_timeout{3000};
  // Connections at most; callers beyond that wait for one to free up (up to command_timeout).
  int pool_size = 4;
  // The ACL user and its password, sent (AUTH) on every new connection. An empty password sends
  // nothing (a Redis without authentication); an empty user with a password authenticates as
  // Redis's "default" user.
  std::string user;
  std::string password;
};

// "host:port" (the --redis-addr form every service takes) into options' host and port; false,
// leaving options as they were, when it is not of that form or the port is not 1-65535.
bool ParseAddress(std::string_view host_port, RedisOptions& options);

}  // namespace meldpunt::redis
