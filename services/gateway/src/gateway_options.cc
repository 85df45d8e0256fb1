#include "services/gateway/src/gateway_options.h"

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "services/gateway/src/downstreams.h"

namespace meldpunt::gateway {
namespace {

absl::Status Missing(const std::string& flag) {
  return status::InvalidArgument(
      "INVALID_CONFIGURATION", absl::StrCat("missing required setting --", flag, " (or ",
                                            config::Flags::EnvName(flag), ")"));
}

}  // namespace

void RegisterGatewayFlags(config::Flags& flags, GatewayOptions* o) {
  server::RegisterCommonFlags(flags, &o->common);
  flags.String("pg-dsn", &o->pg_dsn, "PostgreSQL connection string of the gateway's database", true)
      .Int("pg-pool-size", &o->pg_pool_size, "PostgreSQL connections at most", 1, 256)
      .Duration("statement-timeout", &o->statement_timeout, "longest a SQL statement may run")
      .Bool("migrate", &o->migrate, "apply pending migrations before serving")
      .Bool("migrate-only", &o->migrate_only, "apply pending migrations and exit (Kubernetes Job)")
      .String("redis-addr", &o->redis_addr, "host:port of Redis (rate limits)")
      .Duration("redis-timeout", &o->redis_timeout, "connect and command timeout towards Redis")
      .Int("redis-pool-size", &o->redis_pool_size, "Redis connections at most", 1, 256)
      .String("principal-signing-key", &o->principal_signing_key,
              "Ed25519 key that signs call principals: kid:/path/private.pem")
      .String("principal-public-keys", &o->principal_public_keys,
              "the services' trusted principal keys (kid:/path.pem,...); when given, the signing "
              "key must be among them")
      .String("token-public-keys", &o->token_public_keys,
              "fixed keys that verify bearer tokens (Ed25519 or EC P-256): "
              "kid:/path/pub.pem[,...], for tests and development; empty: identity's published "
              "keys (GetSigningKeys) when --service-addr-identity is set, else bearer tokens are "
              "refused")
      .String("token-issuer", &o->token_issuer, "required iss of bearer tokens")
      .String("token-audience", &o->token_audience, "required aud of bearer tokens")
      .Int("max-request-bytes", &o->max_request_bytes,
           "largest request of ordinary methods (uploads may use --max-message-bytes)", 1024,
           64 * 1024 * 1024)
      .String("rate-limits", &o->rate_limits,
              "overrides of the default limits: read.standard=100/200,login.fail=closed,...")
      .Duration("api-key-cache-ttl", &o->api_key_cache_ttl,
                "how long a verified API key is trusted without reading it again (revocation bound)")
      .Duration("health-check-interval", &o->health_check_interval,
                "how often the downstream services' health is checked")
      .Bool("create-api-client", &o->create_api_client,
            "create an API client (--client-*), print its key on stdout and exit")
      .String("client-name", &o->client_name, "with --create-api-client: the client's name")
      .String("client-tenant-ids", &o->client_tenant_ids,
              "with --create-api-client: NIS codes, comma-separated")
      .String("client-roles", &o->client_roles,
              "with --create-api-client: roles, comma-separated (e.g. integrator,citizen)")
      .String("client-rate-class", &o->client_rate_class,
              "with --create-api-client: low, standard or high")
      .String("client-request-id", &o->client_request_id,
              "with --create-api-client: idempotency key (default: a fresh one)");
  for (const auto& known : KnownServices()) {
    const std::string name = known.name;
    flags.String(absl::StrCat("service-addr-", name), &o->service_addrs[name],
                 absl::StrCat("host:port of the ", name, " service; empty: not routed"));
  }
}

absl::Status ValidateGatewayOptions(const GatewayOptions& o) {
  if (absl::Status s = server::ValidateCommonOptions(o.common); !s.ok()) return s;
  if (o.max_request_bytes > o.common.max_message_bytes) {
    return status::InvalidArgument("INVALID_CONFIGURATION",
                                   "--max-request-bytes exceeds --max-message-bytes");
  }
  if (o.create_api_client) {
    if (o.client_name.empty()) return Missing("client-name");
    if (o.client_tenant_ids.empty()) return Missing("client-tenant-ids");
    if (o.client_roles.empty()) return Missing("client-roles");
    return absl::OkStatus();
  }
  if (o.migrate_only) return absl::OkStatus();
  if (o.redis_addr.empty()) return Missing("redis-addr");
  if (o.principal_signing_key.empty()) return Missing("principal-signing-key");
  return absl::OkStatus();
}

}  // namespace meldpunt::gateway
