#pragma once
// The RPC edge: absl::Status ↔ grpc::Status with a google.rpc.Status in the error details
// (trailer grpc-status-details-bin), which every gRPC implementation can read.

#include <string_view>

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace meldpunt::status {

// Every non-OK answer carries an ErrorInfo: the status's own, or one whose reason is the code's
// name (e.g. "INTERNAL") and whose domain is default_domain. Messages of INTERNAL/UNKNOWN errors
// are replaced by a generic text so server internals never reach a client.
grpc::Status ToGrpc(const absl::Status& status, std::string_view default_domain);
// The same; an INTERNAL or UNKNOWN answer then names the call's request id, so whoever got it
// can find the logged cause ("internal error (request id 3f9c…)").
grpc::Status ToGrpc(const absl::Status& status, std::string_view default_domain,
                    std::string_view request_id);

// Reads a downstream answer back, keeping its ErrorInfo and RetryInfo.
absl::Status FromGrpc(const grpc::Status& status);

}  // namespace meldpunt::status
