#include "libs/observability/server_interceptor.h"

#include <chrono>
#include <cstring>

#include <grpcpp/server_context.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "libs/observability/request_id.h"

namespace meldpunt::observability {
namespace {

using grpc::experimental::InterceptionHookPoints;

const char* CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return "OK";
    case grpc::StatusCode::CANCELLED: return "CANCELLED";
    case grpc::StatusCode::UNKNOWN: return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND: return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS: return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED: return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED: return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE: return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED: return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL: return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS: return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED: return "UNAUTHENTICATED";
    default: return "UNKNOWN";
  }
}

std::string ReasonOf(const grpc::Status& status) {
  google::rpc::Status rich;
  if (status.error_details().empty() || !rich.ParseFromString(status.error_details())) return "";
  for (const auto& any : rich.details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info)) return info.reason();
  }
  return "";
}

class CallInterceptor : public grpc::experimental::Interceptor {
 public:
  CallInterceptor(grpc::experimental::ServerRpcInfo* info, Metrics* metrics, Logger* logger,
                  const std::string* service)
      : info_(info), metrics_(metrics), logger_(logger), service_(service),
        start_(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      AdoptRequestId(methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      Record(methods->GetSendStatus());
    }
    methods->Proceed();
  }

 private:
  // The handler reads the request id from the client metadata. When the client sent none, or
  // one we refuse to log, a fresh id is put into that same map: this interceptor lives as long
  // as the call, so the string it points to does too.
  void AdoptRequestId(std::multimap<grpc::string_ref, grpc::string_ref>* md) {
    if (md == nullptr) return;
    auto range = md->equal_range(kRequestIdHeader);
    for (auto it = range.first; it != range.second; ++it) {
      std::string_view id(it->second.data(), it->second.size());
      if (IsValidRequestId(id)) {
        request_id_ = std::string(id);
        return;
      }
    }
    md->erase(kRequestIdHeader);
    request_id_ = NewRequestId();
    md->emplace(grpc::string_ref(kRequestIdHeader, std::strlen(kRequestIdHeader)),
                grpc::string_ref(request_id_.data(), request_id_.size()));
  }

  void Record(const grpc::Status& status) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const std::string method = info_->method() ? info_->method() : "";
    const char* code = CodeName(status.error_code());
    if (metrics_ != nullptr) metrics_->RecordRpc(method, code, seconds);
    if (logger_ == nullptr) return;
    // Health probes arrive every few seconds from Kubernetes; they are only worth a debug line.
    const bool probe = method.rfind("/grpc.health.v1.Health/", 0) == 0;
    LogLevel level = status.ok() ? (probe ? LogLevel::kDebug : LogLevel::kInfo)
                     : status.error_code() == grpc::StatusCode::INTERNAL ||
                             status.error_code() == grpc::StatusCode::UNKNOWN
                         ? LogLevel::kError
                         : LogLevel::kWarning;
    if (level < logger_->level()) return;
    JsonLine line = LogLine(level, *service_, "rpc");
    line.Add("method", method)
        .Add("code", code)
        .Add("duration_ms", seconds * 1000.0)
        .Add("request_id", request_id_);
    if (!status.ok()) {
      line.Add("reason", ReasonOf(status));
      line.Add("error", status.error_message());
    }
    if (auto* ctx = info_->server_context()) line.Add("peer", ctx->peer());
    logger_->Write(line.Finish());
  }

  grpc::experimental::ServerRpcInfo* info_;
  Metrics* metrics_;
  Logger* logger_;
  const std::string* service_;
  std::chrono::steady_clock::time_point start_;
  std::string request_id_;
};

class Factory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  Factory(Metrics* metrics, Logger* logger, std::string service)
      : metrics_(metrics), logger_(logger), service_(std::move(service)) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new CallInterceptor(info, metrics_, logger_, &service_);
  }

 private:
  Metrics* metrics_;
  Logger* logger_;
  std::string service_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeServerInterceptorFactory(
    Metrics* metrics, Logger* logger, std::string service_name) {
  return std::make_unique<Factory>(metrics, logger, std::move(service_name));
}

}  // namespace meldpunt::observability
