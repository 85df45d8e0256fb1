#include "libs/status/status.h"

#include "absl/strings/cord.h"
#include "google/rpc/error_details.pb.h"

namespace meldpunt::status {
namespace {

// Payload type URLs are the Any type URLs of the detail messages, so the edge can copy them into
// google.rpc.Status.details unchanged.
constexpr char kErrorInfoUrl[] = "type.googleapis.com/google.rpc.ErrorInfo";
constexpr char kRetryInfoUrl[] = "type.googleapis.com/google.rpc.RetryInfo";

}  // namespace

absl::Status Error(absl::StatusCode code, std::string_view reason, std::string_view message,
                   std::string_view domain, const std::map<std::string, std::string>& metadata) {
  absl::Status status(code, absl::string_view(message.data(), message.size()));
  if (status.ok()) return status;
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(std::string(domain));
  for (const auto& [k, v] : metadata) (*info.mutable_metadata())[k] = v;
  status.SetPayload(kErrorInfoUrl, absl::Cord(info.SerializeAsString()));
  return status;
}

absl::Status InvalidField(std::string_view reason, std::string_view field,
                          std::string_view message, std::string_view domain) {
  return Error(absl::StatusCode::kInvalidArgument, reason,
               std::string(field) + ": " + std::string(message), domain,
               {{"field", std::string(field)}});
}

absl::Status InvalidArgument(std::string_view reason, std::string_view message) {
  return Error(absl::StatusCode::kInvalidArgument, reason, message);
}
absl::Status NotFound(std::string_view reason, std::string_view message) {
  return Error(absl::StatusCode::kNotFound, reason, message);
}
absl::Status PermissionDenied(std::string_view reason, std::string_view message) {
  return Error(absl::StatusCode::kPermissionDenied, reason, message);
}
absl::Status Unauthenticated(std::string_view reason, std::string_view message) {
  return Error(absl::StatusCode::kUnauthenticated, reason, message);
}
absl::Status Unavailable(std::string_view reason, std::string_view message) {
  return Error(absl::StatusCode::kUnavailable, reason, message);
}
absl::Status Internal(std::string_view reason, std::string_view message) {
  return Error(absl::StatusCode::kInternal, reason, message);
}

absl::Status Annotate(const absl::Status& status, std::string_view prefix) {
  if (status.ok()) return status;
  std::string message = std::string(prefix) + ": " + std::string(status.message());
  absl::Status out(status.code(), message);
  status.ForEachPayload([&out](absl::string_view url, const absl::Cord& payload) {
    out.SetPayload(url, payload);
  });
  return out;
}

void SetRetryDelay(absl::Status& status, std::chrono::milliseconds delay) {
  if (status.ok()) return;
  google::rpc::RetryInfo info;
  info.mutable_retry_delay()->set_seconds(delay.count() / 1000);
  info.mutable_retry_delay()->set_nanos(static_cast<int32_t>((delay.count() % 1000) * 1000000));
  status.SetPayload(kRetryInfoUrl, absl::Cord(info.SerializeAsString()));
}

ErrorDetails Details(const absl::Status& status) {
  ErrorDetails details;
  if (auto payload = status.GetPayload(kErrorInfoUrl)) {
    google::rpc::ErrorInfo info;
    if (info.ParseFromString(std::string(*payload))) {
      details.reason = info.reason();
      details.domain = info.domain();
      details.metadata.insert(info.metadata().begin(), info.metadata().end());
    }
  }
  if (auto payload = status.GetPayload(kRetryInfoUrl)) {
    google::rpc::RetryInfo info;
    if (info.ParseFromString(std::string(*payload))) {
      details.retry_delay = std::chrono::milliseconds(info.retry_delay().seconds() * 1000 +
                                                      info.retry_delay().nanos() / 1000000);
    }
  }
  return details;
}

std::string Reason(const absl::Status& status) { return Details(status).reason; }

}  // namespace meldpunt::status
