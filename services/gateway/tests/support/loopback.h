#pragma once
// Server options for the in-process servers of the gateway's tests: loopback only, a free port,
// and a short drain so a test's tear-down does not wait the production grace period.

#include <chrono>
#include <string>

#include "absl/status/statusor.h"
#include "libs/server/grpc_server.h"
#include "libs/testing/service_edge.h"

namespace meldpunt::gateway::testing {

inline server::ServerOptions Loopback(const std::string& name) {
  server::ServerOptions so;
  so.service_name = name;
  so.listen_host = "127.0.0.1";
  so.shutdown_grace = std::chrono::milliseconds(2000);
  return so;
}

// The same for a service's edge (meldpunt::testing::ServiceEdge); trust: the gateway's principal
// keys, when the service checks principals.
inline meldpunt::testing::ServiceEdgeOptions LoopbackEdge(
    const std::string& name, const auth::PrincipalVerifier* trust = nullptr) {
  meldpunt::testing::ServiceEdgeOptions options;
  options.service_name = name;
  options.shutdown_grace = std::chrono::milliseconds(2000);
  options.trust = trust;
  return options;
}

// A stand-in of a downstream (a fake identity) serving on loopback.
inline absl::StatusOr<std::unique_ptr<meldpunt::testing::ServiceEdge>> ServeStandIn(
    const std::string& name, const std::string& full_name, grpc::Service* service) {
  auto edge = meldpunt::testing::ServiceEdge::Create(LoopbackEdge(name));
  if (!edge.ok()) return edge.status();
  if (absl::Status s = (*edge)->Serve(full_name, service); !s.ok()) return s;
  return edge;
}

}  // namespace meldpunt::gateway::testing
