#include "libs/redis/hiredis_client.h"

#include <csignal>
#include <climits>
#include <mutex>
#include <utility>

#include <sys/time.h>

#include <hiredis/hiredis.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "libs/redis/errors.h"
#include "libs/redis/reply_reader.h"
#include "libs/status/status.h"

namespace meldpunt::redis {
namespace {

timeval ToTimeval(std::chrono::milliseconds ms) {
  timeval tv;
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

// hiredis writes with write(2): on a connection the server has closed, that raises SIGPIPE,
// whose default action ends the process. Ignoring it turns the write into an EPIPE error that
// we handle. Only done when nobody installed a handler of their own.
void IgnoreSigpipeOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction current {};
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
      std::signal(SIGPIPE, SIG_IGN);
    }
  });
}

}  // namespace

absl::StatusOr<std::unique_ptr<HiredisClient>> HiredisClient::Create(const RedisOptions& options) {
  if (options.host.empty()) {
    return status::InvalidArgument("REDIS_OPTIONS_INVALID", "redis host is empty");
  }
  if (options.port <= 0 || options.port > 65535) {
    return status::InvalidArgument("REDIS_OPTIONS_INVALID",
                                   absl::StrCat("redis port out of range: ", options.port));
  }
  if (options.connect_timeout.count() <= 0 || options.command_timeout.count() <= 0) {
    return status::InvalidArgument("REDIS_OPTIONS_INVALID", "redis timeouts must be positive");
  }
  if (options.pool_size < 1 || options.pool_size > 1024) {
    return status::InvalidArgument("REDIS_OPTIONS_INVALID",
                                   absl::StrCat("redis pool size out of range: ", options.pool_size));
  }
  IgnoreSigpipeOnce();
  return std::unique_ptr<HiredisClient>(new HiredisClient(options));
}

HiredisClient::HiredisClient(const RedisOptions& options) : options_(options) {
  absl::MutexLock lock(&mu_);
  for (int i = 0; i < options_.pool_size; ++i) {
    connections_.push_back(std::make_unique<Connection>());
    idle_.push_back(connections_.back().get());
  }
}

HiredisClient::~HiredisClient() {
  for (auto& connection : connections_) {
    if (connection->context != nullptr) redisFree(connection->context);
  }
}

HiredisClientStats HiredisClient::Stats() const {
  absl::MutexLock lock(&mu_);
  return stats_;
}

absl::StatusOr<HiredisClient::Connection*> HiredisClient::Acquire() {
  auto available = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !idle_.empty(); };
  absl::MutexLock lock(&mu_);
  if (!mu_.AwaitWithTimeout(absl::Condition(&available),
                            absl::FromChrono(options_.command_timeout))) {
    return UnavailableError(absl::StrCat("all ", options_.pool_size, " connections are busy"));
  }
  // Prefer a connection that is already open.
  for (auto it = idle_.begin(); it != idle_.end(); ++it) {
    if ((*it)->context != nullptr) {
      Connection* connection = *it;
      idle_.erase(it);
      return connection;
    }
  }
  Connection* connection = idle_.back();
  idle_.pop_back();
  return connection;
}

void HiredisClient::Release(Connection* connection) {
  absl::MutexLock lock(&mu_);
  idle_.push_back(connection);
}

absl::Status HiredisClient::Connect(Connection& connection) {
  redisContext* context = redisConnectWithTimeout(options_.host.c_str(), options_.port,
                                                  ToTimeval(options_.connect_timeout));
  absl::Status status;
  if (context == nullptr) {
    status = UnavailableError("cannot allocate a connection");
  } else if (context->err != 0) {
    status = UnavailableError(absl::StrCat("connect to ", options_.host, ":", options_.port,
                                           ": ", context->errstr));
  } else if (redisSetTimeout(context, ToTimeval(options_.command_timeout)) != REDIS_OK) {
    status = UnavailableError(absl::StrCat("set timeout: ", context->errstr));
  } else {
    redisEnableKeepAlive(context);  // best effort: notices a peer that vanished silently
    // Swap in our reader before the first command so every reply is built and checked by it.
    redisReader* reader = NewReplyReader();
    if (reader == nullptr) {
      status = UnavailableError("cannot allocate a reply reader");
    } else {
      redisReaderFree(context->reader);
      context->reader = reader;
    }
  }
  {
    absl::MutexLock lock(&mu_);
    if (!status.ok()) {
      if (context != nullptr) redisFree(context);
      ++stats_.connect_failures;
      return status;
    }
    ++stats_.connects;
  }
  connection.context = context;
  return Authenticate(connection);  // outside the lock: a refusal drops the connection
}

absl::Status HiredisClient::Authenticate(Connection& connection) {
  if (options_.password.empty()) return absl::OkStatus();
  std::vector<std::string> auth = {"AUTH"};
  if (!options_.user.empty()) auth.push_back(options_.user);
  auth.push_back(options_.password);
  absl::StatusOr<RedisReply> reply = Send(connection, auth);
  if (reply.ok()) return absl::OkStatus();
  if (connection.context != nullptr) Drop(connection);
  // The reply says WRONGPASS or that no such user exists; the password itself is never echoed.
  return status::Unavailable("REDIS_AUTH_FAILED",
                             absl::StrCat("Redis refused the credentials of user \"",
                                          options_.user.empty() ? "default" : options_.user,
                                          "\": ", reply.status().message()));
}

void HiredisClient::Drop(Connection& connection) {
  redisFree(connection.context);
  connection.context = nullptr;
  absl::MutexLock lock(&mu_);
  ++stats_.dropped;
}

absl::StatusOr<RedisReply> HiredisClient::Command(const std::vector<std::string>& args) {
  if (args.empty() || args.size() > INT_MAX) {
    return status::InvalidArgument("REDIS_COMMAND_INVALID", "redis command without arguments");
  }
  absl::StatusOr<Connection*> acquired = Acquire();
  if (!acquired.ok()) return acquired.status();
  Connection* connection = *acquired;
  if (connection->context == nullptr) {
    if (absl::Status status = Connect(*connection); !status.ok()) {
      Release(connection);
      return status;
    }
  }

  absl::StatusOr<RedisReply> reply = Send(*connection, args);
  Release(connection);
  return reply;
}

absl::StatusOr<RedisReply> HiredisClient::Send(Connection& connection,
                                               const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<std::size_t> argvlen;
  argv.reserve(args.size());
  argvlen.reserve(args.size());
  for (const std::string& arg : args) {
    argv.push_back(arg.data());
    argvlen.push_back(arg.size());
  }
  void* object = redisCommandArgv(connection.context, static_cast<int>(args.size()), argv.data(),
                                  argvlen.data());
  if (object == nullptr) {
    // The connection's state is unknown (half a reply may be unread): never reuse it.
    absl::Status status = UnavailableError(
        absl::StrCat(args[0].substr(0, 32), ": ", connection.context->errstr));
    Drop(connection);
    return status;
  }
  RedisReply reply = TakeReply(object);
  if (reply.is_error()) return ErrorReplyToStatus(reply.str);
  return reply;
}

}  // namespace meldpunt::redis
