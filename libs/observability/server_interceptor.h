#pragma once
// One interceptor on every server: counts and times each RPC per method and status code, writes
// one JSON log line per call, and makes sure every call has a request id that the handler sees
// (minted here when the caller sent none or a malformed one).

#include <memory>
#include <string>

#include <grpcpp/support/server_interceptor.h>

#include "libs/observability/log.h"
#include "libs/observability/metrics.h"

namespace meldpunt::observability {

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeServerInterceptorFactory(
    Metrics* metrics, Logger* logger, std::string service_name);

}  // namespace meldpunt::observability
