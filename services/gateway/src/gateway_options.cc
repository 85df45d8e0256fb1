#include "services/gateway/src/gateway_options.h"

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "services/gateway/src/downstreams/downstreams.h"

namespace meldpunt::gateway {

void ApplyGatewayDefaults(server::ServiceOptions& shared) {
  shared.store.redis_timeout = std::chrono::milliseconds(250);
  shared.store.redis_pool_size = 8;
  // A photo of intake's default maximum must pass in one message, and a somewhat larger one
  // must still reach the proxy, which answers with the limit (gRPC's own refusal names none).
  shared.common.max_message_bytes =
      server::MediaMessageBytes(server::kDefaultMaxMediaBytes) + (1 << 20);
}

void RegisterGatewayFlags(config::Flags& flags, GatewayOptions* o) {
  server::RegisterMaxMediaBytesFlag(flags, &o->max_media_bytes);
  flags
      .String("principal-signing-key", &o->principal_signing_key,
              "Ed25519 key that signs call principals: kid:/path/private.pem")
      .String("token-public-keys", &o->token_public_keys,
              "fixed keys that verify bearer tokens (Ed25519 or EC P-256): "
              "kid:/path/pub.pem[,...], for tests and development; empty: identity's published "
              "keys (GetSigningKeys) when --service-addr-identity is set, else bearer tokens are "
              "refused")
      .String("token-issuer", &o->token_issuer, "required iss of bearer tokens")
      .String("token-audience", &o->token_audience, "required aud of bearer tokens")
      .Int("max-request-bytes", &o->max_request_bytes,
           "largest request of ordinary methods (uploads: --max-media-bytes)", 1024,
           64 * 1024 * 1024)
      .String("rate-limits", &o->rate_limits,
              "overrides of the default limits: read.standard=100/200,login.fail=closed,...")
      .Duration("api-key-cache-ttl", &o->api_key_cache_ttl,
                "how long a verified API key is trusted without reading it again (revocation bound)")
      .Duration("health-check-interval", &o->health_check_interval,
                "how often the downstream services' health is checked");
  for (const auto& known : KnownServices()) {
    const std::string name = known.name;
    flags.String(absl::StrCat("service-addr-", name), &o->service_addrs[name],
                 absl::StrCat("host:port of the ", name, " service; empty: not routed"));
  }
}

absl::Status ValidateGatewayOptions(const GatewayOptions& o, const server::ServiceOptions& shared) {
  if (server::MediaMessageBytes(o.max_media_bytes) > shared.common.max_message_bytes) {
    return status::InvalidArgument(
        "INVALID_CONFIGURATION",
        absl::StrCat("--max-message-bytes must be at least --max-media-bytes + ",
                     server::kMediaMessageOverheadBytes, " so a photo of the maximum size fits"));
  }
  if (o.max_request_bytes > shared.common.max_message_bytes) {
    return status::InvalidArgument("INVALID_CONFIGURATION",
                                   "--max-request-bytes exceeds --max-message-bytes");
  }
  if (o.principal_signing_key.empty()) {
    return status::InvalidArgument(
        "INVALID_CONFIGURATION",
        "missing required setting --principal-signing-key (or MELDPUNT_PRINCIPAL_SIGNING_KEY)");
  }
  return absl::OkStatus();
}

}  // namespace meldpunt::gateway
