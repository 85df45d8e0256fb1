#include "libs/status/grpc_status.h"

#include <cctype>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/any.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "libs/status/status.h"

namespace meldpunt::status {
namespace {

// The canonical code names double as default reasons: "DEADLINE_EXCEEDED" is still more useful
// to a client than no reason at all.
std::string CodeName(absl::StatusCode code) {
  std::string name = absl::StatusCodeToString(code);
  for (char& c : name) {
    if (c == ' ') c = '_';
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

}  // namespace

grpc::Status ToGrpc(const absl::Status& status, std::string_view default_domain) {
  return ToGrpc(status, default_domain, "");
}

grpc::Status ToGrpc(const absl::Status& status, std::string_view default_domain,
                    std::string_view request_id) {
  if (status.ok()) return grpc::Status::OK;
  ErrorDetails details = Details(status);
  google::rpc::ErrorInfo info;
  info.set_reason(details.reason.empty() ? CodeName(status.code()) : details.reason);
  info.set_domain(details.domain.empty() ? std::string(default_domain) : details.domain);
  for (const auto& [k, v] : details.metadata) (*info.mutable_metadata())[k] = v;

  std::string message(status.message());
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown) {
    // Internal messages can name tables, files or hosts: they go to the log, not to the caller.
    message = request_id.empty() ? "internal error"
                                 : "internal error (request id " + std::string(request_id) + ")";
  }

  google::rpc::Status rich;
  rich.set_code(static_cast<int>(status.code()));
  rich.set_message(message);
  rich.add_details()->PackFrom(info);
  if (details.retry_delay) {
    google::rpc::RetryInfo retry;
    retry.mutable_retry_delay()->set_seconds(details.retry_delay->count() / 1000);
    retry.mutable_retry_delay()->set_nanos(
        static_cast<int32_t>((details.retry_delay->count() % 1000) * 1000000));
    rich.add_details()->PackFrom(retry);
  }
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), message,
                      rich.SerializeAsString());
}

absl::Status FromGrpc(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  auto code = static_cast<absl::StatusCode>(status.error_code());
  google::rpc::Status rich;
  if (status.error_details().empty() || !rich.ParseFromString(status.error_details())) {
    return absl::Status(code, status.error_message());
  }
  absl::Status result(code, status.error_message());
  std::optional<std::chrono::milliseconds> retry_delay;
  for (const auto& any : rich.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::RetryInfo retry;
    if (any.UnpackTo(&info)) {
      std::map<std::string, std::string> metadata(info.metadata().begin(), info.metadata().end());
      result = Error(code, info.reason(), status.error_message(), info.domain(), metadata);
    } else if (any.UnpackTo(&retry)) {
      retry_delay = std::chrono::milliseconds(retry.retry_delay().seconds() * 1000 +
                                              retry.retry_delay().nanos() / 1000000);
    }
  }
  if (retry_delay) SetRetryDelay(result, *retry_delay);
  return result;
}

}  // namespace meldpunt::status
