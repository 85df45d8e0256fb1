// meldpunt-intake: wires configuration, stores and the gRPC server together; the logic lives in
// the intake library beside this file.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "libs/auth/principal.h"
#include "libs/config/flags.h"
#include "libs/observability/log.h"
#include "libs/observability/metrics.h"
#include <prometheus/gauge.h>
#include "libs/postgres/migrator.h"
#include "libs/postgres/pool.h"
#include "libs/server/call.h"
#include "libs/server/common_flags.h"
#include "libs/server/grpc_server.h"
#include "libs/server/signals.h"
#include "migrations/idempotency.h"
#include "migrations/intake.h"
#include "services/intake/src/intake_service.h"
#include "services/intake/src/pg_category_repository.h"

namespace meldpunt::intake {
namespace {

constexpr char kService[] = "intake";

struct Options {
  server::CommonOptions common;
  std::string pg_dsn;
  int64_t pg_pool_size = 8;
  std::chrono::milliseconds statement_timeout{5000};
  std::string principal_public_keys;
  bool migrate = false;
  bool migrate_only = false;
};

int Fail(observability::Logger& log, const std::string& what, const absl::Status& s) {
  log.Write(observability::LogLine(observability::LogLevel::kError, kService, what)
                .Add("error", std::string(s.message()))
                .Finish());
  return 1;
}

absl::Status ApplyMigrations(const std::string& dsn, observability::Logger& log) {
  for (const auto& [component, files] :
       {std::make_pair("idempotency", migrations::idempotency()),
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

int Run(int argc, char** argv) {
  server::BlockTerminationSignals();
  Options o;
  o.common.grpc_port = 50061;
  config::Flags flags("meldpunt-intake");
  server::RegisterCommonFlags(flags, &o.common);
  flags.String("pg-dsn", &o.pg_dsn, "PostgreSQL connection string of intake's database", true)
      .Int("pg-pool-size", &o.pg_pool_size, "PostgreSQL connections at most", 1, 256)
      .Duration("statement-timeout", &o.statement_timeout, "longest a SQL statement may run")
      .String("principal-public-keys", &o.principal_public_keys,
              "keys that verify call principals: kid:/path/pub.pem[,kid2:/path2.pem]")
      .Bool("migrate", &o.migrate, "apply pending migrations before serving")
      .Bool("migrate-only", &o.migrate_only, "apply pending migrations and exit (Kubernetes Job)");
  absl::Status parsed = flags.Parse(argc, argv);
  if (parsed.code() == absl::StatusCode::kCancelled) return 0;  // --help
  if (!parsed.ok()) {
    std::cerr << "meldpunt-intake: " << parsed.message() << "\n";
    return 2;
  }
  if (absl::Status valid = server::ValidateCommonOptions(o.common); !valid.ok()) {
    std::cerr << "meldpunt-intake: " << valid.message() << "\n";
    return 2;
  }
  observability::StreamLogger log(std::cerr, observability::ParseLogLevel(o.common.log_level));

  if (o.migrate || o.migrate_only) {
    if (absl::Status s = ApplyMigrations(o.pg_dsn, log); !s.ok()) return Fail(log, "migration failed", s);
    if (o.migrate_only) return 0;
  }
  if (o.principal_public_keys.empty()) {
    std::cerr << "meldpunt-intake: missing required setting --principal-public-keys "
                 "(or MELDPUNT_PRINCIPAL_PUBLIC_KEYS)\n";
    return 2;
  }
  auto verifier = auth::PrincipalVerifier::FromSpec(o.principal_public_keys);
  if (!verifier.ok()) return Fail(log, "cannot load principal keys", verifier.status());

  auto metrics = observability::Metrics::Create(o.common.MetricsAddress());
  if (!metrics.ok()) return Fail(log, "cannot start metrics", metrics.status());

  pg::PoolOptions pool_options;
  pool_options.dsn = o.pg_dsn;
  pool_options.size = static_cast<std::size_t>(o.pg_pool_size);
  pool_options.statement_timeout = o.statement_timeout;
  pool_options.application_name = "meldpunt-intake";
  auto pool = pg::CreatePool(pool_options);
  if (!pool.ok()) return Fail(log, "cannot connect to PostgreSQL", pool.status());
  (*metrics)->AddSampler(
      [p = pool->get(), m = metrics->get()] {
        pg::PoolStats stats = p->Stats();
        m->Gauge("meldpunt_pg_pool_connections", "PostgreSQL connections by state",
                 {{"service", kService}, {"state", "open"}})
            .Set(static_cast<double>(stats.open));
        m->Gauge("meldpunt_pg_pool_connections", "PostgreSQL connections by state",
                 {{"service", kService}, {"state", "in_use"}})
            .Set(static_cast<double>(stats.in_use));
        m->Gauge("meldpunt_pg_pool_waiting", "calls waiting for a PostgreSQL connection",
                 {{"service", kService}})
            .Set(static_cast<double>(stats.waiting));
      },
      std::chrono::seconds(5));

  server::WorkerPool workers(static_cast<std::size_t>(o.common.worker_threads),
                             static_cast<std::size_t>(o.common.worker_queue));
  server::UnaryRunner runner(&workers, o.common.Deadlines(), server::ErrorDomain(kService));
  PgCategoryRepository categories(pool->get());
  IntakeServiceImpl service(&runner, verifier->get(), &categories);

  auto grpc_server = server::GrpcServer::Start(
      o.common.ToServerOptions(kService),
      {{v1::IntakeService::service_full_name(), &service}}, &workers, metrics->get(), &log);
  if (!grpc_server.ok()) return Fail(log, "cannot start the gRPC server", grpc_server.status());
  log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "serving")
                .Add("port", (*grpc_server)->port())
                .Add("metrics_port", (*metrics)->exposer_port())
                .Finish());

  int sig = server::WaitForTerminationSignal();
  log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "stopping")
                .Add("signal", sig)
                .Finish());
  (*grpc_server)->Shutdown();
  log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "stopped").Finish());
  return 0;
}

}  // namespace
}  // namespace meldpunt::intake

int main(int argc, char** argv) { return meldpunt::intake::Run(argc, argv); }
