#include "services/gateway/src/downstreams/downstream_status.h"

#include "absl/strings/str_cat.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"

namespace meldpunt::gateway {

grpc::Status RelayDownstreamStatus(const grpc::Status& s, std::string_view service) {
  if (s.ok() || !s.error_details().empty()) return s;
  const absl::string_view service_name(service.data(), service.size());
  const auto code = static_cast<absl::StatusCode>(s.error_code());
  absl::Status out;
  switch (code) {
    case absl::StatusCode::kUnavailable:
      out = status::Unavailable("SERVICE_UNAVAILABLE",
                                absl::StrCat("the ", service_name, " service cannot be reached; retry shortly"));
      status::SetRetryDelay(out, std::chrono::seconds(1));
      break;
    case absl::StatusCode::kDeadlineExceeded:
      out = status::Error(code, "DEADLINE_EXCEEDED",
                          absl::StrCat("the ", service_name, " service did not answer in time"));
      break;
    case absl::StatusCode::kCancelled:
      out = status::Error(code, "CANCELLED", "the call was cancelled");
      break;
    case absl::StatusCode::kResourceExhausted:
      out = status::Error(code, "MESSAGE_TOO_LARGE",
                          absl::StrCat("a message to or from the ", service_name,
                                       " service exceeds the size limit"));
      break;
    case absl::StatusCode::kUnimplemented:
      out = status::Error(code, "METHOD_NOT_IMPLEMENTED",
                          absl::StrCat("the ", service_name, " service does not implement this method yet"));
      break;
    default:
      // Internal by nature: the message is replaced by ToGrpc for INTERNAL/UNKNOWN anyway.
      out = status::Error(code, "DOWNSTREAM_FAILED",
                          absl::StrCat("the ", service_name, " service failed"));
      break;
  }
  return status::ToGrpc(out, kErrorDomain);
}

}  // namespace meldpunt::gateway
