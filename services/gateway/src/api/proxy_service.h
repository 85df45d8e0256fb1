#pragma once
// The public entry point for every service's methods: a generic gRPC service that never parses a
// request or response. Per call: find the method's policy row (unknown → UNIMPLEMENTED, internal →
// PERMISSION_DENIED METHOD_NOT_PUBLIC), find its downstream (none → UNAVAILABLE
// SERVICE_NOT_CONFIGURED), read the request bytes and check their size, admit the caller on a
// worker thread (authentication, policy, rate limit; admission.h), then forward the bytes with
// only what the gateway itself puts on the call: its signed principal, the request id and the
// effective deadline. Nothing else the client sent (its credentials, a principal of its own, any
// x-meldpunt-* header) reaches a service.
//
// Server-streaming methods (DispatchService.WatchAssignments) are answered UNIMPLEMENTED, reason
// STREAMING_NOT_SUPPORTED, until the proxy learns to relay streams.

#include <cstddef>

#include <grpcpp/generic/async_generic_service.h>

#include "absl/time/time.h"
#include "libs/auth/principal.h"
#include "libs/server/deadline.h"
#include "libs/server/media_limit.h"
#include "libs/server/worker_pool.h"
#include "services/gateway/src/admission/admission.h"
#include "services/gateway/src/admission/peer_failures.h"
#include "services/gateway/src/downstreams/downstreams.h"

namespace meldpunt::gateway {

struct ProxyOptions {
  server::DeadlinePolicy deadlines;
  std::size_t max_request_bytes = 256 * 1024;              // BodyLimit::kStandard
  // BodyLimit::kLarge: the photo limit (libs/server/media_limit.h); the request may be that
  // plus the room for its other fields.
  std::size_t max_media_bytes = server::kDefaultMaxMediaBytes;
  // The signed principal lives until the call's deadline, or principal_lifetime from now if that
  // comes first (it is checked when the call arrives, so seconds are enough), plus
  // principal_clock_skew for clock differences between the gateway and the services: a captured
  // one is useless within seconds. The services refuse one that claims more than a minute.
  absl::Duration principal_lifetime = absl::Seconds(10);
  absl::Duration principal_clock_skew = absl::Seconds(5);
  // Failed authentications a peer address may have before it is refused unread (peer_failures.h).
  PeerFailureOptions peer_failures;
};

class ProxyService final : public grpc::CallbackGenericService {
 public:
  ProxyService(ProxyOptions options, const Downstreams* downstreams, Admission* admission,
               const auth::PrincipalSigner* signer, server::WorkerPool* workers)
      : options_(options), downstreams_(downstreams), admission_(admission), signer_(signer),
        workers_(workers), peer_failures_(options.peer_failures) {}

  grpc::ServerGenericBidiReactor* CreateReactor(grpc::GenericCallbackServerContext* ctx) override;

  const ProxyOptions& options() const { return options_; }
  Admission* admission() const { return admission_; }
  const auth::PrincipalSigner* signer() const { return signer_; }
  server::WorkerPool* workers() const { return workers_; }
  // Internally synchronized, like a mutex: calls share it through the const service.
  PeerFailures* peer_failures() const { return &peer_failures_; }

 private:
  ProxyOptions options_;
  const Downstreams* downstreams_;
  Admission* admission_;
  const auth::PrincipalSigner* signer_;
  server::WorkerPool* workers_;
  mutable PeerFailures peer_failures_;
};

}  // namespace meldpunt::gateway
