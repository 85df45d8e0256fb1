#pragma once
// Server options for the in-process servers of the gateway's tests: loopback only, a free port,
// and a short drain so a test's tear-down does not wait the production grace period.

#include <chrono>
#include <string>

#include "libs/server/grpc_server.h"

namespace meldpunt::gateway::testing {

inline server::ServerOptions Loopback(const std::string& name) {
  server::ServerOptions so;
  so.service_name = name;
  so.listen_host = "127.0.0.1";
  so.shutdown_grace = std::chrono::milliseconds(2000);
  return so;
}

}  // namespace meldpunt::gateway::testing
