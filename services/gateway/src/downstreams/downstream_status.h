#pragma once
// What the client hears when a forwarded call fails. A service's own answer (it always carries a
// google.rpc.ErrorInfo) passes through untouched, reason, domain and retry hint included. A failure
// of the hop itself (no details: connection refused, deadline, a reset) is answered in the
// gateway's words, because gRPC's own text can name internal addresses.

#include <string_view>

#include <grpcpp/support/status.h>

namespace meldpunt::gateway {

inline constexpr char kErrorDomain[] = "gateway.meldpunt";

grpc::Status RelayDownstreamStatus(const grpc::Status& status, std::string_view service_name);

}  // namespace meldpunt::gateway
