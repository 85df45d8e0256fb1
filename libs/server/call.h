#pragma once
// Running a unary RPC's blocking work off the reactor thread. A handler of the callback API calls
// RunUnary() and returns its reactor at once; the work runs on the worker pool and finishes the
// reactor from there. A full pool answers RESOURCE_EXHAUSTED (SERVER_BUSY, with a retry delay) at
// once, and so does a call that waited in the queue longer than the pool's max_queue_wait; work
// whose deadline passed while it queued is not started.

#include <functional>
#include <string>

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include "absl/status/status.h"
#include "libs/observability/log.h"
#include "libs/server/deadline.h"
#include "libs/server/worker_pool.h"

namespace meldpunt::server {

// What a handler knows about its call besides the request.
struct CallInfo {
  std::string request_id;
  TimePoint deadline;  // effective: the client's, defaulted and capped by the service's policy
  grpc::CallbackServerContext* context;

  bool Expired() const { return std::chrono::system_clock::now() >= deadline; }
};

// Prepares an onward call: same request id, and a deadline no later than this call's.
void PropagateTo(const CallInfo& call, grpc::ClientContext& client);

// What every call starts with, here and in the gateway's proxy: its request id (the client's
// x-request-id when well-formed, else a fresh one) and its effective deadline under policy.
// The id is also sent back to the client in the initial metadata.
CallInfo StartCall(grpc::CallbackServerContext* context, const DeadlinePolicy& policy);

// Overload: the queue is full, or a call would wait (or has waited) in it longer than the pool's
// bound. RESOURCE_EXHAUSTED (SERVER_BUSY) with a hint to retry, so callers back off instead of
// waiting out their deadlines.
absl::Status ServerBusy();

// The answer to a call whose deadline passed while it waited for a worker, or that the client
// cancelled meanwhile; OK when it may start.
absl::Status ReadyToStart(const CallInfo& call);

class UnaryRunner {
 public:
  // domain: the ErrorInfo domain of this service's errors, e.g. "intake.meldpunt". log: where
  // the cause of an INTERNAL or UNKNOWN answer goes, with the request id the client is told (the
  // client gets only "internal error (request id …)"); null writes nothing.
  UnaryRunner(WorkerPool* pool, DeadlinePolicy policy, std::string domain,
              observability::Logger* log = nullptr)
      : pool_(pool), policy_(policy), domain_(std::move(domain)), log_(log) {}

  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context,
                                std::function<absl::Status(const CallInfo&)> work) const;

  const std::string& domain() const { return domain_; }

 private:
  WorkerPool* pool_;
  DeadlinePolicy policy_;
  std::string domain_;
  observability::Logger* log_;
};

}  // namespace meldpunt::server
