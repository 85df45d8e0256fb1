#pragma once
// The gateway's configuration: flags with MELDPUNT_* environment equivalents (libs/config).

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "absl/status/status.h"
#include "libs/config/flags.h"
#include "libs/server/common_flags.h"

namespace meldpunt::gateway {

struct GatewayOptions {
  server::CommonOptions common;

  std::string pg_dsn;
  int64_t pg_pool_size = 8;
  std::chrono::milliseconds statement_timeout{5000};
  bool migrate = false;
  bool migrate_only = false;

  std::string redis_addr;
  // Short: the limiter asks Redis on every call, and a hung Redis must not hang every call.
  std::chrono::milliseconds redis_timeout{250};
  int64_t redis_pool_size = 8;

  std::string principal_signing_key;  // "kid:/path/private.pem"
  std::string principal_public_keys;  // optional: checked to contain the signing key's public half
  std::string token_public_keys;      // "" → identity's keys if identity is routed, else none
  std::string token_issuer = "meldpunt-identity";
  std::string token_audience = "meldpunt-gateway";

  std::map<std::string, std::string> service_addrs;  // "intake" → "host:port"

  int64_t max_request_bytes = 256 * 1024;
  std::string rate_limits;
  std::chrono::milliseconds api_key_cache_ttl{5000};
  std::chrono::milliseconds health_check_interval{5000};

  // Bootstrap: create one API client, print its key, exit.
  bool create_api_client = false;
  std::string client_name;
  std::string client_tenant_ids;
  std::string client_roles;
  std::string client_rate_class = "standard";
  std::string client_request_id;
};

void RegisterGatewayFlags(config::Flags& flags, GatewayOptions* options);

// Cross-field checks, and what serving needs that the bootstrap paths do not.
absl::Status ValidateGatewayOptions(const GatewayOptions& options);

}  // namespace meldpunt::gateway
