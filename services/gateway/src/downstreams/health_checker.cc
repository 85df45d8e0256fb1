#include "services/gateway/src/downstreams/health_checker.h"

#include <grpcpp/client_context.h>

#include "grpc/health/v1/health.grpc.pb.h"

namespace meldpunt::gateway {

DownstreamHealthChecker::DownstreamHealthChecker(const Downstreams* downstreams, HealthSink* sink,
                                                 std::chrono::milliseconds interval,
                                                 std::chrono::milliseconds timeout)
    : downstreams_(downstreams), sink_(sink), interval_(interval), timeout_(timeout) {}

DownstreamHealthChecker::~DownstreamHealthChecker() { Stop(); }

void DownstreamHealthChecker::CheckOnce() {
  for (const auto& known : KnownServices()) {
    const Downstream* d = downstreams_->Find(known.name);
    bool serving = false;
    if (d != nullptr) {
      auto stub = grpc::health::v1::Health::NewStub(d->channel);
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + timeout_);
      grpc::health::v1::HealthCheckRequest req;
      req.set_service(known.full_name);
      grpc::health::v1::HealthCheckResponse resp;
      grpc::Status s = stub->Check(&ctx, req, &resp);
      serving = s.ok() && resp.status() == grpc::health::v1::HealthCheckResponse::SERVING;
    }
    sink_->SetServing(known.full_name, serving);
  }
}

void DownstreamHealthChecker::Start() {
  thread_.Start([this] {
    CheckOnce();
    return std::chrono::nanoseconds(interval_);
  });
}

void DownstreamHealthChecker::Stop() { thread_.Stop(); }

}  // namespace meldpunt::gateway
