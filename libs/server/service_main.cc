#include "libs/server/service_main.h"

#include <iostream>
#include <map>

#include "absl/strings/str_cat.h"
#include "libs/events/outbox.h"
#include "libs/redis/hiredis_client.h"
#include "libs/server/signals.h"
#include "libs/service_metrics/service_metrics.h"

namespace meldpunt::server {
namespace {

constexpr char kServe[] = "serve";
constexpr char kMigrate[] = "migrate";

// Exit codes: 0 done, 1 a failure at run time (the log says why), 2 bad usage or settings.
int Fail(observability::Logger& log, const std::string& service, const std::string& what,
         const absl::Status& s) {
  log.Write(observability::LogLine(observability::LogLevel::kError, service, what)
                .Add("error", std::string(s.message()))
                .Finish());
  return 1;
}

int Usage(const ServiceSpec& spec, const std::string& message) {
  std::cerr << "meldpunt-" << spec.name << ": " << message << "\n";
  return 2;
}

std::string CommandList(const ServiceSpec& spec) {
  std::string out = absl::StrCat("\ncommands (meldpunt-", spec.name, " <command> --help):\n",
                                 "  serve          run the service (the default)\n",
                                 "  migrate        apply pending migrations and exit (Kubernetes Job)\n");
  for (const Command& c : spec.commands) {
    out += absl::StrCat("  ", c.name, std::string(c.name.size() < 15 ? 15 - c.name.size() : 1, ' '),
                        c.summary, "\n");
  }
  return out;
}

// pg_dsn_required: false for the migrate command, which needs only the migration role.
void RegisterDatabaseFlags(config::Flags& flags, const ServiceSpec& spec, StoreOptions& s,
                           bool pg_dsn_required = true) {
  flags.String("pg-dsn", &s.pg_dsn,
               absl::StrCat("PostgreSQL connection string of ", spec.name,
                            "'s database, as its runtime role (owns nothing, bound by row-level "
                            "security)"),
               pg_dsn_required)
      .String("migrate-pg-dsn", &s.migrate_pg_dsn,
              "the same database as its migration role (owns the schema); migrations run with "
              "it (default: --pg-dsn)")
      .Int("pg-pool-size", &s.pg_pool_size, "PostgreSQL connections at most", 1, 256)
      .Duration("statement-timeout", &s.statement_timeout, "longest a SQL statement may run")
      .Bool("migrate", &s.migrate, "apply pending migrations first");
}

void RegisterServeFlags(config::Flags& flags, const ServiceSpec& spec, ServiceOptions& o,
                        bool& migrate_only) {
  RegisterCommonFlags(flags, &o.common);
  RegisterDatabaseFlags(flags, spec, o.store);
  flags.Bool("migrate-only", &migrate_only, "the same as the migrate command (kept for scripts)");
  if (spec.uses_redis) {
    flags.String("redis-addr", &o.store.redis_addr, "host:port of Redis")
        .Duration("redis-timeout", &o.store.redis_timeout,
                  "connect and command timeout towards Redis (0: 1s to connect, 3s per command)")
        .Int("redis-pool-size", &o.store.redis_pool_size, "Redis connections at most", 1, 256)
        .String("redis-user", &o.store.redis_user, "the service's ACL user in Redis")
        .String("redis-password", &o.store.redis_password,
                "its password (set MELDPUNT_REDIS_PASSWORD from a secret rather than a flag)")
        .Duration("outbox-retention", &o.store.outbox_retention,
                  "how long published outbox rows are kept, so events Redis loses can be sent "
                  "again (0: forever)");
  }
  flags.String("principal-public-keys", &o.store.principal_public_keys,
               spec.verifies_principals
                   ? "keys that verify call principals: kid:/path/pub.pem[,kid2:/path2.pem]"
                   : "the services' trusted principal keys (kid:/path.pem,...)");
}

absl::Status ApplyMigrations(const ServiceSpec& spec, const StoreOptions& store,
                             observability::Logger& log) {
  const std::string& dsn = store.migrate_pg_dsn.empty() ? store.pg_dsn : store.migrate_pg_dsn;
  for (const MigrationSet& set : spec.migrations) {
    auto report = pg::Migrate(dsn, set.component, set.files);
    if (!report.ok()) return report.status();
    log.Write(observability::LogLine(observability::LogLevel::kInfo, spec.name, "migrated")
                  .Add("component", set.component)
                  .Add("applied", static_cast<int64_t>(report->applied.size()))
                  .Add("already_applied", static_cast<int64_t>(report->already_applied))
                  .Finish());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<pg::Pool>> OpenPool(const ServiceSpec& spec,
                                                   const StoreOptions& store) {
  pg::PoolOptions o;
  o.dsn = store.pg_dsn;
  o.size = static_cast<std::size_t>(store.pg_pool_size);
  o.statement_timeout = store.statement_timeout;
  o.application_name = "meldpunt-" + spec.name;
  return pg::CreatePool(o);
}

int RunCommand(const ServiceSpec& spec, const Command& command, int argc, char** argv) {
  ServiceOptions o;
  if (spec.defaults) spec.defaults(o);
  config::Flags flags(absl::StrCat("meldpunt-", spec.name, " ", command.name));
  flags.String("log-level", &o.common.log_level, "debug, info, warning or error");
  if (command.needs_database || command.name == kMigrate) {
    RegisterDatabaseFlags(flags, spec, o.store, command.name != kMigrate);
  }
  if (command.register_flags) command.register_flags(flags);
  absl::Status parsed = flags.Parse(argc, argv);
  if (parsed.code() == absl::StatusCode::kCancelled) return 0;  // --help
  if (!parsed.ok()) return Usage(spec, std::string(parsed.message()));
  if (command.name == kMigrate && o.store.pg_dsn.empty() && o.store.migrate_pg_dsn.empty()) {
    return Usage(spec, "missing required setting --migrate-pg-dsn (or MELDPUNT_MIGRATE_PG_DSN)");
  }
  if (command.validate) {
    if (absl::Status valid = command.validate(); !valid.ok()) {
      return Usage(spec, std::string(valid.message()));
    }
  }
  observability::StreamLogger log(std::cerr, observability::ParseLogLevel(o.common.log_level));
  if (o.store.migrate || command.name == kMigrate) {
    if (absl::Status s = ApplyMigrations(spec, o.store, log); !s.ok()) {
      return Fail(log, spec.name, "migration failed", s);
    }
  }
  std::unique_ptr<pg::Pool> pool;
  if (command.needs_database) {
    auto opened = OpenPool(spec, o.store);
    if (!opened.ok()) return Fail(log, spec.name, "cannot connect to PostgreSQL", opened.status());
    pool = std::move(*opened);
  }
  if (!command.run) return 0;
  CommandContext context{o, log, pool.get()};
  return command.run(context);
}

}  // namespace

int ServiceRun::Serve(const ServiceSpec& spec, int argc, char** argv) {
  ServiceOptions o;
  o.common.grpc_port = spec.default_grpc_port;
  if (spec.defaults) spec.defaults(o);
  bool migrate_only = false;
  config::Flags flags("meldpunt-" + spec.name);
  RegisterServeFlags(flags, spec, o, migrate_only);
  if (spec.register_flags) spec.register_flags(flags);
  absl::Status parsed = flags.Parse(argc, argv);
  if (parsed.code() == absl::StatusCode::kCancelled) {  // --help printed the flags
    std::cout << CommandList(spec);
    return 0;
  }
  if (!parsed.ok()) return Usage(spec, std::string(parsed.message()));
  if (absl::Status valid = ValidateCommonOptions(o.common); !valid.ok()) {
    return Usage(spec, std::string(valid.message()));
  }
  observability::StreamLogger log(std::cerr, observability::ParseLogLevel(o.common.log_level));
  if (o.store.migrate || migrate_only) {
    if (absl::Status s = ApplyMigrations(spec, o.store, log); !s.ok()) {
      return Fail(log, spec.name, "migration failed", s);
    }
    if (migrate_only) return 0;
  }
  if (spec.verifies_principals && o.store.principal_public_keys.empty()) {
    return Usage(spec, "missing required setting --principal-public-keys (or MELDPUNT_PRINCIPAL_PUBLIC_KEYS)");
  }
  redis::RedisOptions redis_options;
  if (spec.uses_redis) {
    if (!redis::ParseAddress(o.store.redis_addr, redis_options)) {
      return Usage(spec, "missing or malformed setting --redis-addr (or MELDPUNT_REDIS_ADDR): host:port");
    }
    if (o.store.redis_timeout.count() > 0) {
      redis_options.connect_timeout = o.store.redis_timeout;
      redis_options.command_timeout = o.store.redis_timeout;
    }
    redis_options.pool_size = static_cast<int>(o.store.redis_pool_size);
    redis_options.user = o.store.redis_user;
    redis_options.password = o.store.redis_password;
  }
  if (spec.validate) {
    if (absl::Status valid = spec.validate(o); !valid.ok()) {
      return Usage(spec, std::string(valid.message()));
    }
  }

  // Declared in the order they must outlive each other: the context (and what it owns) goes
  // first, the pool, Redis and metrics after it.
  std::unique_ptr<auth::PrincipalVerifier> verifier;
  if (spec.verifies_principals) {
    // Bound to this service: a principal the gateway signed for another is refused here.
    auto loaded = auth::PrincipalVerifier::FromSpec(o.store.principal_public_keys,
                                                    auth::VerifierOptions{spec.name});
    if (!loaded.ok()) return Fail(log, spec.name, "cannot load principal keys", loaded.status());
    verifier = std::move(*loaded);
  }
  auto metrics = observability::Metrics::Create(o.common.MetricsAddress());
  if (!metrics.ok()) return Fail(log, spec.name, "cannot start metrics", metrics.status());
  auto pool = OpenPool(spec, o.store);
  if (!pool.ok()) {
    (*metrics)->StopSamplers();
    return Fail(log, spec.name, "cannot connect to PostgreSQL", pool.status());
  }
  // Connections open lazily: a service serves while Redis is down (events wait in the outbox).
  std::unique_ptr<redis::HiredisClient> redis;
  if (spec.uses_redis) {
    auto created = redis::HiredisClient::Create(redis_options);
    if (!created.ok()) return Fail(log, spec.name, "bad Redis settings", created.status());
    redis = std::move(*created);
  }
  WorkerPool workers(o.common.Workers());
  {
    ServiceContext context(spec, o, log, **metrics, **pool, redis.get(), verifier.get(), workers);
    if (absl::Status built = spec.build(context); !built.ok()) {
      (*metrics)->StopSamplers();
      return Fail(log, spec.name, "cannot set up the service", built);
    }
    service_metrics::ExportPool(**metrics, spec.name, **pool);
    for (auto& task : context.background_) task.start();
    auto stop_background = [&context] {
      for (auto it = context.background_.rbegin(); it != context.background_.rend(); ++it) {
        it->stop();
      }
    };
    auto grpc_server = GrpcServer::Start(o.common.ToServerOptions(spec.name), context.services_,
                                         &workers, metrics->get(), &log, context.generic_);
    if (!grpc_server.ok()) {
      stop_background();
      (*metrics)->StopSamplers();
      return Fail(log, spec.name, "cannot start the gRPC server", grpc_server.status());
    }
    for (auto& task : context.while_serving_) task.start(**grpc_server);

    observability::JsonLine serving =
        observability::LogLine(observability::LogLevel::kInfo, spec.name, "serving");
    serving.Add("port", (*grpc_server)->port())
        .Add("metrics_port", (*metrics)->exposer_port())
        .Add("worker_threads", static_cast<int64_t>(workers.threads()))
        .Add("max_queue_wait_ms", static_cast<int64_t>(workers.max_queue_wait().count()));
    for (const auto& [k, v] : context.log_strings_) serving.Add(k, v);
    for (const auto& [k, v] : context.log_ints_) serving.Add(k, v);
    log.Write(serving.Finish());

    const int sig = WaitForTerminationSignal();
    log.Write(observability::LogLine(observability::LogLevel::kInfo, spec.name, "stopping")
                  .Add("signal", sig)
                  .Finish());
    for (auto it = context.while_serving_.rbegin(); it != context.while_serving_.rend(); ++it) {
      it->stop();
    }
    (*grpc_server)->Shutdown();
    stop_background();
    (*metrics)->StopSamplers();
  }
  log.Write(observability::LogLine(observability::LogLevel::kInfo, spec.name, "stopped").Finish());
  return 0;
}

ServiceContext::ServiceContext(const ServiceSpec& spec, const ServiceOptions& options,
                               observability::Logger& log, observability::Metrics& metrics,
                               pg::Pool& pool, redis::RedisClient* redis,
                               const auth::PrincipalVerifier* verifier, WorkerPool& workers)
    : spec_(spec),
      options_(options),
      log_(log),
      metrics_(metrics),
      pool_(pool),
      redis_(redis),
      verifier_(verifier),
      workers_(workers),
      runner_(&workers, options.common.Deadlines(), ErrorDomain(spec.name), &log) {}

ServiceContext::~ServiceContext() {
  while (!owned_.empty()) owned_.pop_back();  // reverse order of creation
}

redis::RedisClient& ServiceContext::redis() { return *redis_; }

const auth::PrincipalVerifier& ServiceContext::verifier() { return *verifier_; }

const AuthorizedRunner& ServiceContext::calls() {
  if (!calls_) calls_ = std::make_unique<AuthorizedRunner>(&runner_, verifier_, &clock());
  return *calls_;
}

void ServiceContext::Serve(const std::string& full_name, grpc::Service* service) {
  services_.push_back({full_name, service});
}

void ServiceContext::ServeGeneric(grpc::CallbackGenericService* generic) { generic_ = generic; }

void ServiceContext::Background(std::function<void()> start, std::function<void()> stop) {
  background_.push_back({std::move(start), std::move(stop)});
}

void ServiceContext::WhileServing(std::function<void(GrpcServer&)> start,
                                  std::function<void()> stop) {
  while_serving_.push_back({std::move(start), std::move(stop)});
}

events::OutboxRelay& ServiceContext::Relay() {
  if (relay_ == nullptr) {
    events::RelayOptions o;
    o.retention = options_.store.outbox_retention;
    // Redis lost entries it had acknowledged: worth an operator's attention even though the
    // relay recovers by itself (a Redis without persistence, or a group far behind).
    o.on_recovery = [this](const events::StreamRecovery& recovery) {
      if (log_.level() > observability::LogLevel::kWarning) return;
      log_.Write(observability::LogLine(observability::LogLevel::kWarning, spec_.name,
                                        "redis lost published events; sending them again")
                     .Add("stream", recovery.stream)
                     .Add("cause", recovery.cause)
                     .Add("requeued", recovery.requeued)
                     .Finish());
    };
    relay_ = Make<events::OutboxRelay>(pool_, *redis_, std::move(o));
    service_metrics::ExportRelay(metrics_, spec_.name, *relay_);
    Background([r = relay_] { r->Start(); }, [r = relay_] { r->Stop(); });
  }
  return *relay_;
}

absl::Status ServiceContext::Consume(const std::string& producer, const std::string& group,
                                     events::EventHandler& handler) {
  events::ConsumerOptions o;
  o.stream = events::StreamName(producer);
  o.group = group;
  auto consumer = events::EventConsumer::Create(pool_, *redis_, handler, o);
  if (!consumer.ok()) return consumer.status();
  events::EventConsumer* c = Own(std::move(*consumer));
  service_metrics::ExportConsumer(metrics_, spec_.name, group, *c);
  Background([c] { c->Start(); }, [c] { c->Stop(); });
  return absl::OkStatus();
}

void ServiceContext::LogField(const std::string& key, const std::string& value) {
  log_strings_.emplace_back(key, value);
}

void ServiceContext::LogField(const std::string& key, int64_t value) {
  log_ints_.emplace_back(key, value);
}

int ServiceMain(int argc, char** argv, const ServiceSpec& spec) {
  BlockTerminationSignals();
  // A first argument that is not a flag names the command; the rest are its flags.
  if (argc >= 2 && argv[1][0] != '-') {
    const std::string name = argv[1];
    if (name == "help") {
      std::cout << "meldpunt-" << spec.name << " [command] [--flags]\n" << CommandList(spec);
      return 0;
    }
    // argv[1] becomes the program name the flag parser skips.
    if (name == kServe) return ServiceRun::Serve(spec, argc - 1, argv + 1);
    if (name == kMigrate) {
      Command migrate{kMigrate, "", false, nullptr, nullptr, nullptr};
      return RunCommand(spec, migrate, argc - 1, argv + 1);
    }
    for (const Command& c : spec.commands) {
      if (c.name == name) return RunCommand(spec, c, argc - 1, argv + 1);
    }
    return Usage(spec, absl::StrCat("unknown command ", name, CommandList(spec)));
  }
  return ServiceRun::Serve(spec, argc, argv);
}

}  // namespace meldpunt::server
