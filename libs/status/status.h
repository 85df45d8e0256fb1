#pragma once
// Errors inside Meldpunt are absl::Status values that carry a google.rpc.ErrorInfo (reason in
// UPPER_SNAKE, domain "<service>.meldpunt") as a payload, so the reason survives every layer and
// reaches the client unchanged. Conversion to grpc::Status happens once, at the edge
// (grpc_status.h).

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace meldpunt::status {

// An error with a machine-readable reason. An empty domain is filled in at the edge with the
// serving service's domain.
absl::Status Error(absl::StatusCode code, std::string_view reason, std::string_view message,
                   std::string_view domain = {},
                   const std::map<std::string, std::string>& metadata = {});

// Shorthands for the common cases.
absl::Status InvalidArgument(std::string_view reason, std::string_view message);
absl::Status NotFound(std::string_view reason, std::string_view message);
absl::Status PermissionDenied(std::string_view reason, std::string_view message);
absl::Status Unauthenticated(std::string_view reason, std::string_view message);
absl::Status Unavailable(std::string_view reason, std::string_view message);
absl::Status Internal(std::string_view reason, std::string_view message);

// INVALID_ARGUMENT for one field of a request: the message reads "<field>: <message>" and the
// ErrorInfo carries metadata field=<field>, so a client can point at the input to fix.
absl::Status InvalidField(std::string_view reason, std::string_view field,
                          std::string_view message, std::string_view domain = {});

// The same error with "prefix: " before its message, keeping code and every payload (reason,
// retry hint). For adding context on the way up without losing what the client needs.
absl::Status Annotate(const absl::Status& status, std::string_view prefix);

// Adds a retry hint (google.rpc.RetryInfo) to an error, e.g. RESOURCE_EXHAUSTED from a limiter.
void SetRetryDelay(absl::Status& status, std::chrono::milliseconds delay);

struct ErrorDetails {
  std::string reason;
  std::string domain;
  std::map<std::string, std::string> metadata;
  std::optional<std::chrono::milliseconds> retry_delay;
};

// The details carried by status (empty reason when it has none).
ErrorDetails Details(const absl::Status& status);

// The reason alone; "" for OK or an error without ErrorInfo.
std::string Reason(const absl::Status& status);

}  // namespace meldpunt::status
