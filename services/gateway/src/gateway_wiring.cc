#include "services/gateway/src/gateway_wiring.h"

#include <prometheus/gauge.h>

#include "absl/time/clock.h"
#include "libs/auth/principal.h"
#include "libs/rate_limit/redis_rate_limiter.h"
#include "libs/service_metrics/service_metrics.h"
#include "libs/status/status.h"
#include "meldpunt/gateway/v1/gateway_admin_service.grpc.pb.h"
#include "services/gateway/src/admission/admission.h"
#include "services/gateway/src/api/admin_service.h"
#include "services/gateway/src/api/proxy_service.h"
#include "services/gateway/src/clients/identity_keys_client.h"
#include "services/gateway/src/downstreams/downstreams.h"
#include "services/gateway/src/downstreams/health_checker.h"
#include "services/gateway/src/keys/api_client_admin.h"
#include "services/gateway/src/keys/api_key_verifier.h"
#include "services/gateway/src/keys/pg_api_client_repository.h"
#include "services/gateway/src/tokens/identity_key_source.h"
#include "services/gateway/src/tokens/jwt_verifier.h"
#include "services/gateway/src/tokens/redis_session_revocations.h"

namespace meldpunt::gateway {
namespace {

constexpr char kService[] = "gateway";

absl::StatusOr<std::unique_ptr<auth::PrincipalSigner>> LoadSigner(const GatewayOptions& o,
                                                                   const std::string& public_keys) {
  auto spec = auth::ParseKeySpec(o.principal_signing_key);
  if (!spec.ok()) return spec.status();
  if (spec->size() != 1) {
    return status::InvalidArgument("INVALID_CONFIGURATION",
                                   "--principal-signing-key takes exactly one kid:/path.pem");
  }
  auto signer = auth::PrincipalSigner::FromFile(spec->begin()->first, spec->begin()->second);
  if (!signer.ok() || public_keys.empty()) return signer;
  // A signing key the services do not trust would make every forwarded call fail: refuse to start.
  auto verifier = auth::PrincipalVerifier::FromSpec(public_keys);
  if (!verifier.ok()) return verifier.status();
  auth::Principal probe;
  probe.set_tenant_id("00000");
  probe.set_subject(auth::kGatewayIssuer);
  probe.set_kind(common::v1::PRINCIPAL_KIND_SERVICE);
  probe.add_roles(common::v1::ROLE_SERVICE);
  probe.set_issuer(auth::kGatewayIssuer);
  probe.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Seconds(10)));
  auto signed_probe = (*signer)->Sign(probe);
  if (!signed_probe.ok()) return signed_probe.status();
  if (auto checked = (*verifier)->Verify(*signed_probe, absl::Now()); !checked.ok()) {
    return status::InvalidArgument(
        "INVALID_CONFIGURATION",
        "the principal signing key's public half is not among --principal-public-keys");
  }
  return signer;
}

// The downstream health checker reports into the serving gRPC server.
class ServerHealth final : public HealthSink {
 public:
  void Attach(server::GrpcServer* server) { server_ = server; }
  void SetServing(const std::string& service, bool serving) override {
    if (server_ != nullptr) server_->SetServing(service, serving);
  }

 private:
  server::GrpcServer* server_ = nullptr;
};

// Counters the gateway keeps in its parts, sampled into gauges.
void ExportGauge(observability::Metrics& metrics, const std::string& name, const std::string& help,
                 std::function<double()> read) {
  auto& gauge = metrics.Gauge(name, help, {{"service", kService}});
  metrics.AddSampler([&gauge, read = std::move(read)] { gauge.Set(read()); },
                     service_metrics::kSamplePeriod);
}

}  // namespace

absl::Status BuildGateway(const GatewayOptions& o, server::ServiceContext& ctx) {
  const server::ServiceOptions& shared = ctx.options();
  auto signer = LoadSigner(o, shared.store.principal_public_keys);
  if (!signer.ok()) return status::Annotate(signer.status(), "the principal signing key");
  auto limits = RateLimits::Parse(o.rate_limits);
  if (!limits.ok()) return status::Annotate(limits.status(), "--rate-limits");
  auto downstreams =
      Downstreams::Create(o.service_addrs, static_cast<int>(shared.common.max_message_bytes));
  if (!downstreams.ok()) return status::Annotate(downstreams.status(), "service addresses");
  auto* routes = ctx.Own(std::move(*downstreams));
  auto* principal_signer = ctx.Own(std::move(*signer));
  auto* clients = ctx.Make<PgApiClientRepository>(&ctx.pool());

  // Bearer tokens: fixed keys when --token-public-keys is given (tests, development), otherwise
  // identity's published keys when identity is routed; neither → bearer tokens are refused.
  auto* revocations = ctx.Make<RedisSessionRevocations>(&ctx.redis(), &ctx.log());
  const JwtVerifierOptions token_options{o.token_issuer, o.token_audience};
  JwtVerifier* tokens = nullptr;
  std::string token_keys = "none";
  if (!o.token_public_keys.empty()) {
    auto v = JwtVerifier::FromSpec(o.token_public_keys, revocations, token_options);
    if (!v.ok()) return status::Annotate(v.status(), "the token keys");
    tokens = ctx.Own(std::move(*v));
    token_keys = "static";
  } else if (const Downstream* identity = routes->Find("identity")) {
    auto* fetcher = ctx.Make<IdentityKeysClient>(identity->channel, principal_signer);
    auto* identity_keys = ctx.Make<IdentityKeySource>(fetcher, &ctx.clock(), &ctx.log());
    auto v = JwtVerifier::Create(identity_keys, revocations, token_options);
    if (!v.ok()) return status::Annotate(v.status(), "token settings");
    tokens = ctx.Own(std::move(*v));
    token_keys = "identity";
    ExportGauge(ctx.metrics(), "meldpunt_gateway_token_keys",
                "identity signing keys the gateway verifies tokens with",
                [identity_keys] { return static_cast<double>(identity_keys->key_count()); });
    ExportGauge(ctx.metrics(), "meldpunt_gateway_token_key_fetch_failures",
                "failed GetSigningKeys calls to identity (since start)",
                [identity_keys] { return static_cast<double>(identity_keys->fetch_failures()); });
    // Once serving: identity may start after the gateway; until the first fetch succeeds,
    // bearer calls answer UNAVAILABLE TOKEN_KEYS_UNAVAILABLE.
    ctx.WhileServing([identity_keys](server::GrpcServer&) { identity_keys->Start(); },
                     [identity_keys] { identity_keys->Stop(); });
  }

  auto* limiter = ctx.Make<rate_limit::RedisRateLimiter>(&ctx.redis());
  auto* keys = ctx.Make<CachingApiKeyVerifier>(
      clients, ApiKeyCacheOptions{absl::FromChrono(o.api_key_cache_ttl), 10000});
  auto* admission = ctx.Make<Admission>(keys, tokens, limiter, *limits);
  auto* admin = ctx.Make<ApiClientAdmin>(clients, keys);
  ExportGauge(ctx.metrics(), "meldpunt_gateway_rate_limit_failed_open",
              "calls let through unlimited because Redis was unreachable (since start)",
              [limiter] { return static_cast<double>(limiter->failed_open()); });
  ExportGauge(ctx.metrics(), "meldpunt_gateway_revocation_check_failed_open",
              "bearer tokens accepted without the revocation check because Redis was unreachable "
              "(since start)",
              [revocations] { return static_cast<double>(revocations->failed_open()); });

  ctx.Serve(v1::GatewayAdminService::service_full_name(),
            ctx.Make<AdminService>(&ctx.runner(), admission, admin));
  ProxyOptions proxy_options;
  proxy_options.deadlines = shared.common.Deadlines();
  proxy_options.max_request_bytes = static_cast<std::size_t>(o.max_request_bytes);
  proxy_options.max_media_bytes = static_cast<std::size_t>(o.max_media_bytes);
  ctx.ServeGeneric(
      ctx.Make<ProxyService>(proxy_options, routes, admission, principal_signer, &ctx.workers()));

  auto* health_sink = ctx.Make<ServerHealth>();
  auto* health = ctx.Make<DownstreamHealthChecker>(routes, health_sink, o.health_check_interval,
                                                   std::chrono::milliseconds(1000));
  ctx.WhileServing(
      [health_sink, health](server::GrpcServer& server) {
        health_sink->Attach(&server);
        health->Start();
      },
      [health] { health->Stop(); });

  std::string routed;
  for (const auto& d : routes->all()) routed += (routed.empty() ? "" : ",") + d->name;
  ctx.LogField("routed_services", routed);
  ctx.LogField("bearer_tokens", static_cast<int64_t>(tokens != nullptr));
  ctx.LogField("token_keys", token_keys);
  return absl::OkStatus();
}

}  // namespace meldpunt::gateway
