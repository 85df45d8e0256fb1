#pragma once
// The gateway's own configuration: flags with MELDPUNT_* environment equivalents (libs/config).
// The settings every service shares (listening, limits, PostgreSQL, Redis, migrations) are
// ServiceMain's (libs/server/service_main.h).

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "absl/status/status.h"
#include "libs/config/flags.h"
#include "libs/server/media_limit.h"
#include "libs/server/service_main.h"

namespace meldpunt::gateway {

struct GatewayOptions {
  std::string principal_signing_key;  // "kid:/path/private.pem"
  std::string token_public_keys;      // "" → identity's keys if identity is routed, else none
  std::string token_issuer = "meldpunt-identity";
  std::string token_audience = "meldpunt-gateway";

  std::map<std::string, std::string> service_addrs;  // "intake" → "host:port"

  int64_t max_request_bytes = 256 * 1024;
  // The largest photo, the same setting as intake's (libs/server/media_limit.h): uploads
  // (AddReportMedia) may be this large plus the request's other fields.
  int64_t max_media_bytes = server::kDefaultMaxMediaBytes;
  std::string rate_limits;
  std::chrono::milliseconds api_key_cache_ttl{5000};
  std::chrono::milliseconds health_check_interval{5000};
};

// The gateway's defaults of shared settings: a short Redis timeout (the limiter asks Redis on
// every call, and a hung Redis must not hang every call) and more Redis connections.
void ApplyGatewayDefaults(server::ServiceOptions& shared);

void RegisterGatewayFlags(config::Flags& flags, GatewayOptions* options);

// Cross-field checks, and what serving needs.
absl::Status ValidateGatewayOptions(const GatewayOptions& options,
                                    const server::ServiceOptions& shared);

}  // namespace meldpunt::gateway
