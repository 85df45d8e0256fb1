// meldpunt-intake: wires configuration, stores and the gRPC server together; the logic lives in
// the intake library beside this file.
//
// Modes: serve (default); --migrate-only; --import-zones (an operator command: load a tenant's
// territory and zones from GeoJSON, then exit).
#include <iostream>

#include "libs/auth/principal.h"
#include "libs/config/flags.h"
#include "libs/events/clock.h"
#include "libs/events/consumer.h"
#include "libs/events/outbox.h"
#include "libs/events/relay.h"
#include "libs/observability/log.h"
#include "libs/observability/metrics.h"
#include "libs/postgres/migrator.h"
#include "libs/postgres/pool.h"
#include "libs/redis/hiredis_client.h"
#include "libs/server/call.h"
#include "libs/server/common_flags.h"
#include "libs/server/grpc_server.h"
#include "libs/server/signals.h"
#include "libs/service_metrics/service_metrics.h"
#include "migrations/events.h"
#include "migrations/idempotency.h"
#include "migrations/intake.h"
#include "services/intake/src/admin/import_zones_command.h"
#include "services/intake/src/api/intake_service.h"
#include "services/intake/src/categories/pg_category_repository.h"
#include "services/intake/src/events/pg_status_projection.h"
#include "services/intake/src/intake_options.h"
#include "services/intake/src/media/pg_media_repository.h"
#include "services/intake/src/reports/pg_report_repository.h"

namespace meldpunt::intake {
namespace {

constexpr char kService[] = "intake";

struct Options {
  server::CommonOptions common;
  std::string pg_dsn;
  int64_t pg_pool_size = 8;
  std::chrono::milliseconds statement_timeout{5000};
  std::string principal_public_keys;
  std::string redis_addr;
  bool migrate = false;
  bool migrate_only = false;
  IntakeOptions intake;
  ImportZonesOptions import;
};

int Fail(observability::Logger& log, const std::string& what, const absl::Status& s) {
  log.Write(observability::LogLine(observability::LogLevel::kError, kService, what)
                .Add("error", std::string(s.message()))
                .Finish());
  return 1;
}

int Usage(const std::string& message) {
  std::cerr << "meldpunt-intake: " << message << "\n";
  return 2;
}

absl::Status ApplyMigrations(const std::string& dsn, observability::Logger& log) {
  for (const auto& [component, files] :
       {std::make_pair("events", migrations::events()),
        std::make_pair("idempotency", migrations::idempotency()),
        std::make_pair("intake", migrations::intake())}) {
    auto report = pg::Migrate(dsn, component, files);
    if (!report.ok()) return report.status();
    log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "migrated")
                  .Add("component", component)
                  .Add("applied", static_cast<int64_t>(report->applied.size()))
                  .Add("already_applied", static_cast<int64_t>(report->already_applied))
                  .Finish());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<pg::Pool>> Connect(const Options& o) {
  pg::PoolOptions pool_options;
  pool_options.dsn = o.pg_dsn;
  pool_options.size = static_cast<std::size_t>(o.pg_pool_size);
  pool_options.statement_timeout = o.statement_timeout;
  pool_options.application_name = "meldpunt-intake";
  return pg::CreatePool(pool_options);
}

int RunImport(const Options& o, observability::Logger& log) {
  if (absl::Status valid = ValidateZoneImportOptions(o.import.zones); !valid.ok()) {
    return Usage(std::string(valid.message()));
  }
  auto pool = Connect(o);
  if (!pool.ok()) return Fail(log, "cannot connect to PostgreSQL", pool.status());
  return RunImportZones(o.import, **pool, log);
}

void RegisterFlags(config::Flags& flags, Options& o) {
  server::RegisterCommonFlags(flags, &o.common);
  flags.String("pg-dsn", &o.pg_dsn, "PostgreSQL connection string of intake's database", true)
      .Int("pg-pool-size", &o.pg_pool_size, "PostgreSQL connections at most", 1, 256)
      .Duration("statement-timeout", &o.statement_timeout, "longest a SQL statement may run")
      .String("principal-public-keys", &o.principal_public_keys,
              "keys that verify call principals: kid:/path/pub.pem[,kid2:/path2.pem]")
      .String("redis-addr", &o.redis_addr,
              "host:port of the Redis that carries events (intake's outbox out, dispatch's in)")
      .Bool("migrate", &o.migrate, "apply pending migrations before serving (or importing)")
      .Bool("migrate-only", &o.migrate_only, "apply pending migrations and exit (Kubernetes Job)");
  RegisterIntakeFlags(flags, &o.intake);
  RegisterImportZonesFlags(flags, &o.import);
}

int Run(int argc, char** argv) {
  server::BlockTerminationSignals();
  Options o;
  o.common.grpc_port = 50061;
  // Overload is answered SERVER_BUSY at once instead of queued until deadlines pass
  // (BENCHMARKS.md, run 4). A report holds a worker for a few milliseconds, so a call is only
  // refused when dozens are queued ahead of it or the queue has stopped draining.
  o.common.max_queue_wait = std::chrono::milliseconds(200);
  // A photo of the default maximum must fit in one message.
  o.common.max_message_bytes = MinMessageBytes(o.intake);
  config::Flags flags("meldpunt-intake");
  RegisterFlags(flags, o);
  absl::Status parsed = flags.Parse(argc, argv);
  if (parsed.code() == absl::StatusCode::kCancelled) return 0;  // --help
  if (!parsed.ok()) return Usage(std::string(parsed.message()));
  if (absl::Status valid = server::ValidateCommonOptions(o.common); !valid.ok()) {
    return Usage(std::string(valid.message()));
  }
  observability::StreamLogger log(std::cerr, observability::ParseLogLevel(o.common.log_level));

  if (o.migrate || o.migrate_only) {
    if (absl::Status s = ApplyMigrations(o.pg_dsn, log); !s.ok()) return Fail(log, "migration failed", s);
    if (o.migrate_only) return 0;
  }
  if (o.import.import_zones) return RunImport(o, log);

  if (o.principal_public_keys.empty()) {
    return Usage("missing required setting --principal-public-keys (or MELDPUNT_PRINCIPAL_PUBLIC_KEYS)");
  }
  redis::RedisOptions redis_options;
  if (!redis::ParseAddress(o.redis_addr, redis_options)) {
    return Usage("missing or malformed setting --redis-addr (or MELDPUNT_REDIS_ADDR): host:port");
  }
  if (absl::Status valid = ValidateIntakeOptions(o.intake, o.common.max_message_bytes); !valid.ok()) {
    return Usage(std::string(valid.message()));
  }
  auto verifier = auth::PrincipalVerifier::FromSpec(o.principal_public_keys);
  if (!verifier.ok()) return Fail(log, "cannot load principal keys", verifier.status());

  auto metrics = observability::Metrics::Create(o.common.MetricsAddress());
  if (!metrics.ok()) return Fail(log, "cannot start metrics", metrics.status());
  auto pool = Connect(o);
  if (!pool.ok()) return Fail(log, "cannot connect to PostgreSQL", pool.status());
  // Connections open lazily: intake serves while Redis is down, events wait in the outbox.
  auto redis = redis::HiredisClient::Create(redis_options);
  if (!redis.ok()) return Fail(log, "bad Redis settings", redis.status());

  events::OutboxRelay relay(**pool, **redis);
  StatusProjectionHandler projection;
  events::ConsumerOptions consumer_options;
  consumer_options.stream = events::StreamName("dispatch");
  consumer_options.group = kStatusProjectionGroup;
  auto consumer = events::EventConsumer::Create(**pool, **redis, projection, consumer_options);
  if (!consumer.ok()) return Fail(log, "cannot create the status consumer", consumer.status());
  service_metrics::ExportPool(**metrics, kService, **pool);
  service_metrics::ExportRelay(**metrics, kService, relay);
  service_metrics::ExportConsumer(**metrics, kService, consumer_options.group, **consumer);

  server::WorkerPool workers(o.common.Workers());
  server::UnaryRunner runner(&workers, o.common.Deadlines(), server::ErrorDomain(kService));
  PgCategoryRepository categories(pool->get());
  PgReportRepository reports(pool->get(), &events::DefaultClock());
  PgMediaRepository media(pool->get(), &events::DefaultClock());
  IntakeServiceDeps deps;
  deps.runner = &runner;
  deps.verifier = verifier->get();
  deps.categories = &categories;
  deps.reports = &reports;
  deps.media = &media;
  deps.settings = SettingsFrom(o.intake);
  deps.events_written = [&relay] { relay.Wake(); };
  IntakeServiceImpl service(std::move(deps));

  relay.Start();
  (*consumer)->Start();
  auto grpc_server = server::GrpcServer::Start(
      o.common.ToServerOptions(kService),
      {{v1::IntakeService::service_full_name(), &service}}, &workers, metrics->get(), &log);
  if (!grpc_server.ok()) {
    (*metrics)->StopSamplers();
    return Fail(log, "cannot start the gRPC server", grpc_server.status());
  }
  log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "serving")
                .Add("port", (*grpc_server)->port())
                .Add("metrics_port", (*metrics)->exposer_port())
                .Finish());

  int sig = server::WaitForTerminationSignal();
  log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "stopping")
                .Add("signal", sig)
                .Finish());
  (*grpc_server)->Shutdown();
  (*consumer)->Stop();
  relay.Stop();
  (*metrics)->StopSamplers();
  log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "stopped").Finish());
  return 0;
}

}  // namespace
}  // namespace meldpunt::intake

int main(int argc, char** argv) { return meldpunt::intake::Run(argc, argv); }
