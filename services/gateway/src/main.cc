// meldpunt-gateway: wires configuration, stores and the gRPC server together; the logic lives in
// the gateway library beside this file.
#include <iostream>

#include <prometheus/gauge.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/auth/principal.h"
#include "libs/config/flags.h"
#include "libs/events/clock.h"
#include "libs/observability/log.h"
#include "libs/observability/metrics.h"
#include "libs/postgres/migrator.h"
#include "libs/postgres/pool.h"
#include "libs/redis/hiredis_client.h"
#include "libs/server/call.h"
#include "libs/server/signals.h"
#include "libs/service_metrics/service_metrics.h"
#include "libs/status/status.h"
#include "migrations/gateway.h"
#include "services/gateway/src/admin_service.h"
#include "services/gateway/src/admission.h"
#include "services/gateway/src/api_client_admin.h"
#include "services/gateway/src/api_key_verifier.h"
#include "services/gateway/src/bootstrap_client.h"
#include "services/gateway/src/downstream_status.h"
#include "services/gateway/src/downstreams.h"
#include "services/gateway/src/gateway_options.h"
#include "services/gateway/src/gateway_server.h"
#include "services/gateway/src/health_checker.h"
#include "services/gateway/src/identity_key_source.h"
#include "services/gateway/src/identity_keys_client.h"
#include "services/gateway/src/jwt_verifier.h"
#include "services/gateway/src/pg_api_client_repository.h"
#include "services/gateway/src/proxy_service.h"
#include "services/gateway/src/redis_rate_limiter.h"
#include "services/gateway/src/redis_session_revocations.h"

namespace meldpunt::gateway {
namespace {

constexpr char kService[] = "gateway";

int Fail(observability::Logger& log, const std::string& what, const absl::Status& s) {
  log.Write(observability::LogLine(observability::LogLevel::kError, kService, what)
                .Add("error", std::string(s.message()))
                .Finish());
  return 1;
}

absl::StatusOr<std::unique_ptr<pg::Pool>> OpenPool(const GatewayOptions& o) {
  pg::PoolOptions pool_options;
  pool_options.dsn = o.pg_dsn;
  pool_options.size = static_cast<std::size_t>(o.pg_pool_size);
  pool_options.statement_timeout = o.statement_timeout;
  pool_options.application_name = "meldpunt-gateway";
  return pg::CreatePool(pool_options);
}

absl::StatusOr<redis::RedisOptions> RedisOptionsOf(const GatewayOptions& o) {
  redis::RedisOptions r;
  if (!redis::ParseAddress(o.redis_addr, r)) {
    return status::InvalidArgument("INVALID_CONFIGURATION",
                                   "--redis-addr (MELDPUNT_REDIS_ADDR) must be host:port");
  }
  r.connect_timeout = o.redis_timeout;
  r.command_timeout = o.redis_timeout;
  r.pool_size = static_cast<int>(o.redis_pool_size);
  return r;
}

absl::StatusOr<std::unique_ptr<auth::PrincipalSigner>> LoadSigner(const GatewayOptions& o) {
  auto spec = auth::ParseKeySpec(o.principal_signing_key);
  if (!spec.ok()) return spec.status();
  if (spec->size() != 1) {
    return status::InvalidArgument("INVALID_CONFIGURATION",
                                   "--principal-signing-key takes exactly one kid:/path.pem");
  }
  auto signer = auth::PrincipalSigner::FromFile(spec->begin()->first, spec->begin()->second);
  if (!signer.ok() || o.principal_public_keys.empty()) return signer;
  // A signing key the services do not trust would make every forwarded call fail: refuse to start.
  auto verifier = auth::PrincipalVerifier::FromSpec(o.principal_public_keys);
  if (!verifier.ok()) return verifier.status();
  auth::Principal probe;
  probe.set_tenant_id("00000");
  probe.set_subject("start-up-check");
  probe.add_roles(common::v1::ROLE_SERVICE);
  probe.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Minutes(1)));
  auto signed_probe = (*signer)->Sign(probe);
  if (!signed_probe.ok()) return signed_probe.status();
  if (auto checked = (*verifier)->Verify(*signed_probe, absl::Now()); !checked.ok()) {
    return status::InvalidArgument(
        "INVALID_CONFIGURATION",
        "the principal signing key's public half is not among --principal-public-keys");
  }
  return signer;
}

int Run(int argc, char** argv) {
  server::BlockTerminationSignals();
  GatewayOptions o;
  o.common.grpc_port = 50050;
  config::Flags flags("meldpunt-gateway");
  RegisterGatewayFlags(flags, &o);
  absl::Status parsed = flags.Parse(argc, argv);
  if (parsed.code() == absl::StatusCode::kCancelled) return 0;  // --help
  if (!parsed.ok()) {
    std::cerr << "meldpunt-gateway: " << parsed.message() << "\n";
    return 2;
  }
  if (absl::Status valid = ValidateGatewayOptions(o); !valid.ok()) {
    std::cerr << "meldpunt-gateway: " << valid.message() << "\n";
    return 2;
  }
  observability::StreamLogger log(std::cerr, observability::ParseLogLevel(o.common.log_level));

  if (o.migrate || o.migrate_only) {
    auto report = pg::Migrate(o.pg_dsn, "gateway", migrations::gateway());
    if (!report.ok()) return Fail(log, "migration failed", report.status());
    log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "migrated")
                  .Add("component", "gateway")
                  .Add("applied", static_cast<int64_t>(report->applied.size()))
                  .Add("already_applied", static_cast<int64_t>(report->already_applied))
                  .Finish());
    if (o.migrate_only) return 0;
  }

  auto pool = OpenPool(o);
  if (!pool.ok()) return Fail(log, "cannot connect to PostgreSQL", pool.status());
  PgApiClientRepository clients(pool->get());

  if (o.create_api_client) {
    auto created = CreateBootstrapClient(
        &clients, {o.client_name, o.client_tenant_ids, o.client_roles, o.client_rate_class,
                   o.client_request_id});
    if (!created.ok()) return Fail(log, "cannot create the API client", created.status());
    log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "api client created")
                  .Add("api_client_id", created->api_client().id())
                  .Add("key_prefix", created->api_client().key_prefix())
                  .Add("replayed", created->api_key().empty())
                  .Finish());
    if (created->api_key().empty()) {
      std::cerr << "meldpunt-gateway: that request id was used before; its key was shown then and "
                   "is not stored\n";
      return 3;
    }
    std::cout << created->api_key() << std::endl;  // the only time the key is ever shown
    return 0;
  }

  auto signer = LoadSigner(o);
  if (!signer.ok()) return Fail(log, "cannot load the principal signing key", signer.status());
  auto limits = RateLimits::Parse(o.rate_limits);
  if (!limits.ok()) return Fail(log, "bad --rate-limits", limits.status());
  auto redis_options = RedisOptionsOf(o);
  if (!redis_options.ok()) return Fail(log, "bad --redis-addr", redis_options.status());
  auto redis = redis::HiredisClient::Create(*redis_options);
  if (!redis.ok()) return Fail(log, "cannot set up Redis", redis.status());
  auto downstreams = Downstreams::Create(o.service_addrs, static_cast<int>(o.common.max_message_bytes));
  if (!downstreams.ok()) return Fail(log, "bad service addresses", downstreams.status());

  // Bearer tokens: fixed keys when --token-public-keys is given (tests, development), otherwise
  // identity's published keys when identity is routed; neither → bearer tokens are refused.
  RedisSessionRevocations revocations(redis->get(), &log);
  const JwtVerifierOptions token_options{o.token_issuer, o.token_audience};
  std::unique_ptr<IdentityKeysClient> identity_keys_client;
  std::unique_ptr<IdentityKeySource> identity_keys;
  std::unique_ptr<JwtVerifier> tokens;
  std::string token_keys = "none";
  if (!o.token_public_keys.empty()) {
    auto v = JwtVerifier::FromSpec(o.token_public_keys, &revocations, token_options);
    if (!v.ok()) return Fail(log, "cannot load the token keys", v.status());
    tokens = std::move(*v);
    token_keys = "static";
  } else if (const Downstream* identity = (*downstreams)->Find("identity")) {
    identity_keys_client = std::make_unique<IdentityKeysClient>(identity->channel, signer->get());
    identity_keys = std::make_unique<IdentityKeySource>(identity_keys_client.get(),
                                                        &events::DefaultClock(), &log);
    auto v = JwtVerifier::Create(identity_keys.get(), &revocations, token_options);
    if (!v.ok()) return Fail(log, "bad token settings", v.status());
    tokens = std::move(*v);
    token_keys = "identity";
  }

  RedisRateLimiter limiter(redis->get());
  CachingApiKeyVerifier keys(&clients, {absl::FromChrono(o.api_key_cache_ttl), 10000});
  Admission admission(&keys, tokens.get(), &limiter, *limits);
  ApiClientAdmin admin(&clients, &keys);

  // After everything its sampler reads, so it stops sampling before they go away.
  auto metrics = observability::Metrics::Create(o.common.MetricsAddress());
  if (!metrics.ok()) return Fail(log, "cannot start metrics", metrics.status());

  service_metrics::ExportPool(**metrics, kService, **pool);
  auto& failed_open = (*metrics)->Gauge(
      "meldpunt_gateway_rate_limit_failed_open",
      "calls let through unlimited because Redis was unreachable (since start)",
      {{"service", kService}});
  (*metrics)->AddSampler(
      [&failed_open, l = &limiter] { failed_open.Set(static_cast<double>(l->failed_open())); },
      service_metrics::kSamplePeriod);
  auto& revocation_failed_open = (*metrics)->Gauge(
      "meldpunt_gateway_revocation_check_failed_open",
      "bearer tokens accepted without the revocation check because Redis was unreachable (since start)",
      {{"service", kService}});
  (*metrics)->AddSampler(
      [&revocation_failed_open, r = &revocations] {
        revocation_failed_open.Set(static_cast<double>(r->failed_open()));
      },
      service_metrics::kSamplePeriod);
  if (identity_keys) {
    auto& key_count = (*metrics)->Gauge("meldpunt_gateway_token_keys",
                                        "identity signing keys the gateway verifies tokens with",
                                        {{"service", kService}});
    auto& key_failures = (*metrics)->Gauge(
        "meldpunt_gateway_token_key_fetch_failures",
        "failed GetSigningKeys calls to identity (since start)", {{"service", kService}});
    (*metrics)->AddSampler(
        [&key_count, &key_failures, k = identity_keys.get()] {
          key_count.Set(static_cast<double>(k->key_count()));
          key_failures.Set(static_cast<double>(k->fetch_failures()));
        },
        service_metrics::kSamplePeriod);
  }

  server::WorkerPool workers(static_cast<std::size_t>(o.common.worker_threads),
                             static_cast<std::size_t>(o.common.worker_queue));
  server::UnaryRunner runner(&workers, o.common.Deadlines(), kErrorDomain);
  AdminService admin_service(&runner, &admission, &admin);
  ProxyOptions proxy_options;
  proxy_options.deadlines = o.common.Deadlines();
  proxy_options.max_request_bytes = static_cast<std::size_t>(o.max_request_bytes);
  proxy_options.max_large_request_bytes = static_cast<std::size_t>(o.common.max_message_bytes);
  ProxyService proxy(proxy_options, downstreams->get(), &admission, signer->get(), &workers);

  auto grpc_server = GatewayServer::Start(
      o.common.ToServerOptions(kService),
      {{v1::GatewayAdminService::service_full_name(), &admin_service}}, &proxy, &workers,
      metrics->get(), &log);
  if (!grpc_server.ok()) return Fail(log, "cannot start the gRPC server", grpc_server.status());
  DownstreamHealthChecker health(downstreams->get(), grpc_server->get(), o.health_check_interval,
                                 std::chrono::milliseconds(1000));
  health.Start();
  // In the background: identity may start after the gateway; until the first fetch succeeds,
  // bearer calls answer UNAVAILABLE TOKEN_KEYS_UNAVAILABLE.
  if (identity_keys) identity_keys->Start();

  std::string routed;
  for (const auto& d : (*downstreams)->all()) routed += (routed.empty() ? "" : ",") + d->name;
  log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "serving")
                .Add("port", (*grpc_server)->port())
                .Add("metrics_port", (*metrics)->exposer_port())
                .Add("routed_services", routed)
                .Add("bearer_tokens", tokens != nullptr)
                .Add("token_keys", token_keys)
                .Finish());

  int sig = server::WaitForTerminationSignal();
  log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "stopping")
                .Add("signal", sig)
                .Finish());
  health.Stop();
  if (identity_keys) identity_keys->Stop();
  (*grpc_server)->Shutdown();
  log.Write(observability::LogLine(observability::LogLevel::kInfo, kService, "stopped").Finish());
  return 0;
}

}  // namespace
}  // namespace meldpunt::gateway

int main(int argc, char** argv) { return meldpunt::gateway::Run(argc, argv); }
