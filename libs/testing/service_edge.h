#pragma once
// A service's gRPC edge as ServiceMain builds it (worker pool, deadline-aware runner, principal
// check), for tests that call a service's real handlers over loopback gRPC with principals
// signed the way the gateway signs them. Test-only, like the rest of libs/testing.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/impl/service_type.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/auth/principal.h"
#include "libs/observability/log.h"
#include "libs/server/authorized_call.h"
#include "libs/server/call.h"
#include "libs/server/grpc_server.h"
#include "libs/server/worker_pool.h"

namespace meldpunt::testing {

struct ServiceEdgeOptions {
  std::string service_name;                  // "intake": error domain "intake.meldpunt"
  int max_receive_bytes = 4 * 1024 * 1024;   // the server's limit
  int client_max_send_bytes = -1;            // the test client's (-1: gRPC's default, no limit)
  std::chrono::milliseconds shutdown_grace{10000};
  observability::Logger* logger = nullptr;   // the request log, as main.cc wires it
  // Set: principals are checked with these keys (a gateway's under test) instead of the edge's
  // own, and signer() is not what the service trusts.
  const auth::PrincipalVerifier* trust = nullptr;
};

class ServiceEdge {
 public:
  // Fresh principal keys: the gateway's (key id "gw1") and one per Meldpunt service
  // ("svc@<name>", kServiceNames), all trusted; four workers and a queue of 64. The edge's
  // verifier is bound to service_name, as ServiceMain's is.
  static absl::StatusOr<std::unique_ptr<ServiceEdge>> Create(ServiceEdgeOptions options);
  ~ServiceEdge() { Stop(); }
  ServiceEdge(const ServiceEdge&) = delete;
  ServiceEdge& operator=(const ServiceEdge&) = delete;

  // What a service's handlers are built on.
  const server::AuthorizedRunner* calls() const { return calls_.get(); }
  const server::UnaryRunner* runner() const { return runner_.get(); }
  const auth::PrincipalVerifier* verifier() const {
    return options_.trust != nullptr ? options_.trust : verifier_.get();
  }
  const auth::PrincipalSigner& signer() const { return *signer_; }

  // The services whose own keys the edge holds.
  static const std::vector<std::string>& kServiceNames();

  // Serves service under full_name on a free loopback port; channel() then reaches it.
  absl::Status Serve(const std::string& full_name, grpc::Service* service);
  void Stop();
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(server_ ? server_->port() : 0); }

  // A call context (20 s deadline) with the principal signed as in production: by the gateway's
  // key, or for a service principal (kind SERVICE) by that service's own key. What the principal
  // leaves unset is filled in: audience = this service, issuer = the key's owner, expires_at 30 s.
  std::unique_ptr<grpc::ClientContext> Signed(auth::Principal principal) const;
  // One role and the kind that goes with it (KindOf). ROLE_SERVICE with a subject that is not
  // one of kServiceNames() is signed as the first of them, so tests that try every role with one
  // subject get a service principal as a deployment would sign it.
  std::unique_ptr<grpc::ClientContext> As(const std::string& tenant, common::v1::Role role,
                                          const std::string& subject) const;
  // Signed by the given key; unset issuer becomes the key's owner, unset expires_at 30 s.
  static std::unique_ptr<grpc::ClientContext> SignedBy(const auth::PrincipalSigner& signer,
                                                       auth::Principal principal);
  // No principal at all.
  static std::unique_ptr<grpc::ClientContext> Anonymous();

 private:
  explicit ServiceEdge(ServiceEdgeOptions options) : options_(std::move(options)) {}

  ServiceEdgeOptions options_;
  std::unique_ptr<auth::PrincipalSigner> signer_;
  std::map<std::string, std::unique_ptr<auth::PrincipalSigner>> service_signers_;  // by service
  std::unique_ptr<auth::PrincipalVerifier> verifier_;
  std::unique_ptr<server::WorkerPool> workers_;
  std::unique_ptr<server::UnaryRunner> runner_;
  std::unique_ptr<server::AuthorizedRunner> calls_;
  std::unique_ptr<server::GrpcServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

// The kind the gateway gives a principal of role: CITIZEN, API_CLIENT for an integrator, SERVICE,
// otherwise STAFF.
common::v1::PrincipalKind KindOf(common::v1::Role role);

// A principal of tenant with exactly these kind and roles (combinations the gateway never signs
// included, for the tests that prove they are refused).
auth::Principal MakePrincipal(const std::string& tenant, common::v1::PrincipalKind kind,
                              const std::vector<common::v1::Role>& roles,
                              const std::string& subject);

}  // namespace meldpunt::testing
