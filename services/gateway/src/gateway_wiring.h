#pragma once
// The gateway's parts made from the shared environment and registered on it: API keys, bearer
// tokens (fixed keys or identity's published ones), rate limits, the admin service, the proxy of
// every other method, downstream health and the gateway's own gauges. main.cc hands this to
// ServiceMain; apart from main so the choices it makes are read in one place.

#include "absl/status/status.h"
#include "libs/server/service_main.h"
#include "services/gateway/src/gateway_options.h"

namespace meldpunt::gateway {

absl::Status BuildGateway(const GatewayOptions& options, server::ServiceContext& context);

}  // namespace meldpunt::gateway
