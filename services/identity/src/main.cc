// meldpunt-identity: wires configuration, stores and the gRPC server together; the logic lives in
// meldpunt_identity_lib (the folders beside this file).
//
// Modes: serve (default); --migrate-only; and two operator commands that run and exit:
//   --import-zones --tenant-id N --zones-geojson FILE    zones a domicile is placed in
//   --create-staff --tenant-id N --username U --display-name D --staff-roles r1,r2
//                                                         (password on stdin: never on argv)
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/auth/principal.h"
#include "libs/config/flags.h"
#include "libs/events/clock.h"
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
#include "migrations/identity.h"
#include "services/identity/src/admin/create_staff_command.h"
#include "services/identity/src/admin/import_zones_command.h"
#include "services/identity/src/api/identity_service.h"
#include "services/identity/src/citizens/pg_citizen_repository.h"
#include "services/identity/src/crypto/data_protector.h"
#include "services/identity/src/identity_options.h"
#include "services/identity/src/oidc/oidc_verifier.h"
#include "services/identity/src/staff/argon2id_hasher.h"
#include "services/identity/src/staff/pg_staff_repository.h"
#include "services/identity/src/tokens/key_reloader.h"
#include "services/identity/src/tokens/key_ring.h"
#include "services/identity/src/tokens/pg_session_manager.h"
#include "services/identity/src/tokens/pg_signing_key_store.h"
#include "services/identity/src/tokens/revocation_publisher.h"
#include "services/identity/src/tokens/token_issuer.h"

namespace meldpunt::identity {
namespace {

constexpr char kService[] = "identity";

struct Options {
  // Shared by every service (the lead's ServiceMain will own these).
  server::CommonOptions common;
  std::string pg_dsn;
  int64_t pg_pool_size = 8;
  std::chrono::milliseconds statement_timeout{5000};
  std::string principal_public_keys;
  std::string redis_addr;
  bool migrate = false;
  bool migrate_only = false;
  // identity's own.
  IdentityOptions identity;
  // Operator commands.
  bool import_zones = false;
  bool create_staff = false;
  admin::ImportZonesOptions zones;
  admin::CreateStaffOptions staff;
};

int Fail(observability::Logger& log, const std::string& what, const absl::Status& s) {
  log.Write(observability::LogLine(observability::LogLevel::kError, kService, what)
                .Add("error", std::string(s.message()))
                .Finish());
  return 1;
}

int Usage(const std::string& message) {
  std::cerr << "meldpunt-identity: " << message << "\n";
  return 2;
}

absl::Status ApplyMigrations(const std::string& dsn, observability::Logger& log) {
  for (const auto& [component, files] : {std::make_pair("events", migrations::events()),
                                         std::make_pair("identity", migrations::identity())}) {
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
  pool_options.application_name = "meldpunt-identity";
  return pg::CreatePool(pool_options);
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void RegisterFlags(config::Flags& flags, Options& o) {
  server::RegisterCommonFlags(flags, &o.common);
  flags.String("pg-dsn", &o.pg_dsn, "PostgreSQL connection string of identity's database", true)
      .Int("pg-pool-size", &o.pg_pool_size, "PostgreSQL connections at most", 1, 256)
      .Duration("statement-timeout", &o.statement_timeout, "longest a SQL statement may run")
      .String("principal-public-keys", &o.principal_public_keys,
              "keys that verify call principals: kid:/path/pub.pem[,kid2:/path2.pem]")
      .String("redis-addr", &o.redis_addr,
              "host:port of the Redis that carries events and the gateway's revocation cache")
      .Bool("migrate", &o.migrate, "apply pending migrations before serving")
      .Bool("migrate-only", &o.migrate_only, "apply pending migrations and exit (Kubernetes Job)");
  RegisterIdentityFlags(flags, &o.identity);
  flags
      .Bool("import-zones", &o.import_zones,
            "operator command: load a tenant's zones (names) for placing domiciles, then exit")
      .Bool("create-staff", &o.create_staff,
            "operator command: create a staff account (password on stdin), then exit");
  // One --tenant-id for both commands: registered with the zone import's flags, copied into the
  // staff command's options after parsing.
  admin::RegisterImportZonesFlags(flags, &o.zones);
  admin::RegisterCreateStaffFlags(flags, &o.staff, /*with_tenant_id=*/false);
}

int RunImportZones(const Options& o, observability::Logger& log) {
  if (absl::Status valid = admin::ValidateImportZonesOptions(o.zones); !valid.ok()) {
    return Usage(std::string(valid.message()));
  }
  auto pool = Connect(o);
  if (!pool.ok()) return Fail(log, "cannot connect to PostgreSQL", pool.status());
  return admin::RunImportZones(o.zones, **pool, log);
}

int RunCreateStaff(const Options& o, observability::Logger& log) {
  auto account = admin::ReadNewStaffAccount(o.staff, std::cin);
  if (!account.ok()) return Usage(std::string(account.status().message()));
  auto hasher = staff::Argon2idHasher::Create(HashParams(o.identity));
  if (!hasher.ok()) return Fail(log, "bad password hashing settings", hasher.status());
  auto pool = Connect(o);
  if (!pool.ok()) return Fail(log, "cannot connect to PostgreSQL", pool.status());
  return admin::RunCreateStaff(*account, **hasher, **pool, log, std::cout);
}

int Run(int argc, char** argv) {
  server::BlockTerminationSignals();
  Options o;
  o.common.grpc_port = 50062;
  config::Flags flags("meldpunt-identity");
  RegisterFlags(flags, o);
  absl::Status parsed = flags.Parse(argc, argv);
  if (parsed.code() == absl::StatusCode::kCancelled) return 0;  // --help
  if (!parsed.ok()) return Usage(std::string(parsed.message()));
  o.staff.tenant_id = o.zones.tenant_id;
  if (absl::Status valid = server::ValidateCommonOptions(o.common); !valid.ok()) {
    return Usage(std::string(valid.message()));
  }
  observability::StreamLogger log(std::cerr, observability::ParseLogLevel(o.common.log_level));

  if (o.migrate || o.migrate_only) {
    if (absl::Status s = ApplyMigrations(o.pg_dsn, log); !s.ok()) {
      return Fail(log, "migration failed", s);
    }
    if (o.migrate_only) return 0;
  }
  if (o.import_zones) return RunImportZones(o, log);
  if (o.create_staff) return RunCreateStaff(o, log);

  if (o.principal_public_keys.empty()) {
    return Usage("missing required setting --principal-public-keys (or MELDPUNT_PRINCIPAL_PUBLIC_KEYS)");
  }
  redis::RedisOptions redis_options;
  if (!redis::ParseAddress(o.redis_addr, redis_options)) {
    return Usage("missing or malformed setting --redis-addr (or MELDPUNT_REDIS_ADDR): host:port");
  }
  if (absl::Status valid = ValidateIdentityOptions(&o.identity); !valid.ok()) {
    return Usage(std::string(valid.message()));
  }

  auto verifier = auth::PrincipalVerifier::FromSpec(o.principal_public_keys);
  if (!verifier.ok()) return Fail(log, "cannot load principal keys", verifier.status());
  auto protector = crypto::DataProtector::FromFile(o.identity.data_key_file);
  if (!protector.ok()) return Fail(log, "cannot load the data key", protector.status());
  std::unique_ptr<eid::EidVerifier> cards;
  if (!o.identity.eid_trusted_roots.empty()) {
    auto roots = ReadFile(o.identity.eid_trusted_roots);
    if (!roots.ok()) return Fail(log, "cannot read the eID roots", roots.status());
    auto created = eid::EidVerifier::Create(*roots);
    if (!created.ok()) return Fail(log, "cannot load the eID roots", created.status());
    cards = std::move(*created);
  }
  std::unique_ptr<oidc::OidcVerifier> oidc_verifier;
  if (!o.identity.oidc_issuers.empty()) {
    auto created = oidc::OidcVerifier::FromFile(o.identity.oidc_issuers);
    if (!created.ok()) return Fail(log, "cannot load the OIDC issuers", created.status());
    oidc_verifier = std::move(*created);
  }
  auto hasher = staff::Argon2idHasher::Create(HashParams(o.identity));
  if (!hasher.ok()) return Fail(log, "bad password hashing settings", hasher.status());

  auto metrics = observability::Metrics::Create(o.common.MetricsAddress());
  if (!metrics.ok()) return Fail(log, "cannot start metrics", metrics.status());
  auto pool = Connect(o);
  if (!pool.ok()) return Fail(log, "cannot connect to PostgreSQL", pool.status());
  auto redis = redis::HiredisClient::Create(redis_options);
  if (!redis.ok()) return Fail(log, "bad Redis settings", redis.status());

  tokens::PgSigningKeyStore key_store(pool->get());
  auto key_ring =
      tokens::KeyRing::Create(&key_store, protector->get(), o.identity.tokens, absl::Now());
  if (!key_ring.ok()) return Fail(log, "cannot load the signing keys", key_ring.status());
  tokens::KeyReloader key_reloader(key_ring->get(), &events::DefaultClock(), &log);
  tokens::TokenIssuer token_issuer(key_ring->get());
  tokens::RedisRevocationPublisher revocations(redis->get());
  tokens::PgSessionManagerDeps session_deps;
  session_deps.pool = pool->get();
  session_deps.keys = key_ring->get();
  session_deps.issuer = &token_issuer;
  session_deps.revocations = &revocations;
  session_deps.log = &log;
  tokens::PgSessionManager sessions(session_deps);

  staff::PgStaffRepository staff_repository(pool->get());
  auto staff_login =
      staff::StaffLogin::Create(&staff_repository, hasher->get(), Lockout(o.identity));
  if (!staff_login.ok()) return Fail(log, "bad lock-out settings", staff_login.status());

  PgCitizenRepository citizens(pool->get(), protector->get());
  PgChallengeNonces nonces(pool->get());
  events::OutboxRelay relay(**pool, **redis);
  service_metrics::ExportPool(**metrics, kService, **pool);
  service_metrics::ExportRelay(**metrics, kService, relay);

  server::WorkerPool workers(static_cast<std::size_t>(o.common.worker_threads),
                             static_cast<std::size_t>(o.common.worker_queue));
  server::UnaryRunner runner(&workers, o.common.Deadlines(), server::ErrorDomain(kService));
  IdentityServiceDeps deps;
  deps.runner = &runner;
  deps.verifier = verifier->get();
  deps.cards = cards.get();
  deps.nonces = &nonces;
  deps.oidc = oidc_verifier.get();
  deps.staff = staff_login->get();
  deps.sessions = &sessions;
  deps.citizens = &citizens;
  deps.events_written = [&relay] { relay.Wake(); };
  IdentityServiceImpl service(std::move(deps));

  relay.Start();
  key_reloader.Start();
  auto grpc_server = server::GrpcServer::Start(
      o.common.ToServerOptions(kService), {{v1::IdentityService::service_full_name(), &service}},
      &workers, metrics->get(), &log);
  if (!grpc_server.ok()) {
    key_reloader.Stop();
    relay.Stop();
    (*metrics)->StopSamplers();
    return Fail(log, "cannot start the gRPC server", grpc_server.status());
  }
  log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "serving")
                .Add("port", (*grpc_server)->port())
                .Add("metrics_port", (*metrics)->exposer_port())
                .Add("eid", static_cast<int64_t>(cards != nullptr))
                .Add("oidc_issuers", oidc_verifier ? static_cast<int64_t>(
                                                         oidc_verifier->issuers().size())
                                                   : int64_t{0})
                .Finish());

  int sig = server::WaitForTerminationSignal();
  log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "stopping")
                .Add("signal", sig)
                .Finish());
  (*grpc_server)->Shutdown();
  key_reloader.Stop();
  relay.Stop();
  (*metrics)->StopSamplers();
  log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "stopped").Finish());
  return 0;
}

}  // namespace
}  // namespace meldpunt::identity

int main(int argc, char** argv) { return meldpunt::identity::Run(argc, argv); }
