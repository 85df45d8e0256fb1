#pragma once
// ServiceMain: the one start-up and shut-down of every Meldpunt service binary. A service's
// main.cc fills a ServiceSpec (its name, port, migrations, flags, operator commands and a Build
// function that makes its gRPC services and background work) and returns ServiceMain(argc, argv,
// spec). Everything else happens here, in the same order for every service:
//
//   flags (with MELDPUNT_* environment names) → a clear failure (exit 2) on bad settings →
//   migrations (named sets, with --migrate, or the `migrate` command; as the migration role of
//   --migrate-pg-dsn) → an operator command, or:
//   principal keys → metrics → PostgreSQL pool → Redis → worker pool (every common option,
//   --max-queue-wait included) → Build → background work started in order → the gRPC server →
//   work that needs the serving server → SIGTERM → the reverse: that work stopped, the server
//   drained, background work stopped in reverse order, samplers stopped, objects destroyed in
//   reverse order of creation.
//
// Command line: `meldpunt-<svc> [serve] [--flags]`, `meldpunt-<svc> migrate [--flags]`,
// `meldpunt-<svc> <command> [--flags]` for the service's operator commands, each with --help.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/impl/service_type.h>

#include "absl/status/status.h"
#include "libs/auth/principal.h"
#include "libs/config/flags.h"
#include "libs/events/consumer.h"
#include "libs/events/relay.h"
#include "libs/observability/log.h"
#include "libs/observability/metrics.h"
#include "libs/postgres/migrator.h"
#include "libs/postgres/pool.h"
#include "libs/redis/client.h"
#include "libs/server/authorized_call.h"
#include "libs/server/call.h"
#include "libs/server/common_flags.h"
#include "libs/server/grpc_server.h"
#include "libs/server/worker_pool.h"
#include "libs/time/clock.h"

namespace meldpunt::server {

// The stores and trust settings every service shares, beside CommonOptions.
struct StoreOptions {
  // The runtime role's DSN: it reads and writes rows under row-level security and owns nothing.
  std::string pg_dsn;
  // The migration role's DSN (it owns the schema): migrations run with it; empty, with pg_dsn
  // (a database whose one role owns everything, e.g. a superuser's DSN in a test).
  std::string migrate_pg_dsn;
  int64_t pg_pool_size = 8;
  std::chrono::milliseconds statement_timeout{5000};
  std::string redis_addr;
  // 0: the client's defaults (1 s to connect, 3 s per command); otherwise both.
  std::chrono::milliseconds redis_timeout{0};
  int64_t redis_pool_size = 4;
  // The service's own ACL user in Redis and its password (AUTH on every connection); an empty
  // password: a Redis without authentication (tests' own servers).
  std::string redis_user;
  std::string redis_password;
  // How long the outbox keeps published rows: what Redis loses can be sent again only while they
  // are kept (libs/events/relay.h).
  std::chrono::milliseconds outbox_retention{std::chrono::hours(24 * 7)};
  std::string principal_public_keys;
  bool migrate = false;
};

struct ServiceOptions {
  CommonOptions common;
  StoreOptions store;
};

struct MigrationSet {
  std::string component;  // "events", "idempotency", "intake" …: one row set in schema_migrations
  std::vector<pg::Migration> files;
};

// What an operator command gets: the parsed shared options, a logger, and a pool when the
// command needs the database (opened after migrations ran with --migrate).
struct CommandContext {
  const ServiceOptions& options;
  observability::Logger& log;
  pg::Pool* pool;  // null unless the command needs_database
};

struct Command {
  std::string name;     // "import-zones"
  std::string summary;  // one line for the binary's help
  bool needs_database = true;
  std::function<void(config::Flags&)> register_flags;  // the command's own flags (may be empty)
  std::function<absl::Status()> validate;              // after parsing (may be empty)
  std::function<int(CommandContext&)> run;              // the exit code
};

class ServiceContext;
struct ServiceSpec;

// ServiceMain's serving path (service_main.cc); the only reader of a context's registrations.
class ServiceRun {
 public:
  static int Serve(const ServiceSpec& spec, int argc, char** argv);
};

struct ServiceSpec {
  std::string name;  // "intake": log field, metrics label, error domain intake.meldpunt
  int default_grpc_port = 0;
  std::vector<MigrationSet> migrations;
  bool uses_redis = true;
  // Services verify the principal on every call (--principal-public-keys required); the
  // gateway signs principals instead and sets this false.
  bool verifies_principals = true;
  // Service defaults of shared options, applied before flags are read (e.g. intake's 200 ms
  // --max-queue-wait, the gateway's short Redis timeouts).
  std::function<void(ServiceOptions&)> defaults;
  std::function<void(config::Flags&)> register_flags;  // the service's own serving flags
  std::function<absl::Status(const ServiceOptions&)> validate;
  // Makes the service's parts from the shared environment and registers them on context.
  std::function<absl::Status(ServiceContext&)> build;
  std::vector<Command> commands;
};

int ServiceMain(int argc, char** argv, const ServiceSpec& spec);

// The shared environment a Build function wires its parts from, and where it registers them.
class ServiceContext {
 public:
  ServiceContext(const ServiceSpec& spec, const ServiceOptions& options,
                 observability::Logger& log, observability::Metrics& metrics, pg::Pool& pool,
                 redis::RedisClient* redis, const auth::PrincipalVerifier* verifier,
                 WorkerPool& workers);
  ~ServiceContext();  // destroys owned objects in reverse order of Own()

  ServiceContext(const ServiceContext&) = delete;
  ServiceContext& operator=(const ServiceContext&) = delete;

  const ServiceOptions& options() const { return options_; }
  const std::string& service_name() const { return spec_.name; }
  observability::Logger& log() { return log_; }
  observability::Metrics& metrics() { return metrics_; }
  pg::Pool& pool() { return pool_; }
  redis::RedisClient& redis();                  // only when the spec uses_redis
  const auth::PrincipalVerifier& verifier();    // only when the spec verifies_principals
  const time::Clock& clock() const { return time::DefaultClock(); }
  WorkerPool& workers() { return workers_; }
  const UnaryRunner& runner() const { return runner_; }
  // The authorised-call helper every handler starts with (verifier_ must exist).
  const AuthorizedRunner& calls();

  // Keeps object alive until ServiceMain returns (after the server and background work stopped).
  template <typename T>
  T* Own(std::unique_ptr<T> object) {
    T* raw = object.get();
    owned_.push_back(std::shared_ptr<void>(std::move(object)));
    return raw;
  }
  template <typename T, typename... Args>
  T* Make(Args&&... args) {
    return Own(std::make_unique<T>(std::forward<Args>(args)...));
  }

  void Serve(const std::string& full_name, grpc::Service* service);
  // Receives every method no registered service has (the gateway's proxy).
  void ServeGeneric(grpc::CallbackGenericService* generic);

  // Work beside the server (relays, consumers, key reloaders): started in the order added before
  // the server takes calls, stopped in reverse order after it drained.
  void Background(std::function<void()> start, std::function<void()> stop);
  // Work that reports into the serving server (health of dependencies): started once it
  // serves, stopped before it shuts down.
  void WhileServing(std::function<void(GrpcServer&)> start, std::function<void()> stop);

  // The service's outbox relay, made once on first use: metrics exported, started and stopped
  // as background work. Handlers call Wake() after committing events.
  events::OutboxRelay& Relay();
  // Consumes producer's stream as group with handler (which must outlive ServiceMain's run,
  // e.g. Own()ed): metrics exported, started and stopped as background work.
  absl::Status Consume(const std::string& producer, const std::string& group,
                       events::EventHandler& handler);

  // Extra fields of the "serving" log line.
  void LogField(const std::string& key, const std::string& value);
  void LogField(const std::string& key, int64_t value);

 private:
  friend class ServiceRun;
  struct Task {
    std::function<void()> start;
    std::function<void()> stop;
  };
  struct ServingTask {
    std::function<void(GrpcServer&)> start;
    std::function<void()> stop;
  };

  const ServiceSpec& spec_;
  const ServiceOptions& options_;
  observability::Logger& log_;
  observability::Metrics& metrics_;
  pg::Pool& pool_;
  redis::RedisClient* redis_;
  const auth::PrincipalVerifier* verifier_;
  WorkerPool& workers_;
  UnaryRunner runner_;
  std::unique_ptr<AuthorizedRunner> calls_;
  std::vector<std::shared_ptr<void>> owned_;
  std::vector<RegisteredService> services_;
  grpc::CallbackGenericService* generic_ = nullptr;
  std::vector<Task> background_;
  std::vector<ServingTask> while_serving_;
  events::OutboxRelay* relay_ = nullptr;
  std::vector<std::pair<std::string, std::string>> log_strings_;
  std::vector<std::pair<std::string, int64_t>> log_ints_;
};

}  // namespace meldpunt::server
