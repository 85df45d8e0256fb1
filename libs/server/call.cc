#include "libs/server/call.h"

#include <exception>

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "libs/observability/request_id.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"

namespace meldpunt::server {
namespace {

std::string RequestIdOf(const grpc::CallbackServerContext& context) {
  const auto& md = context.client_metadata();
  auto it = md.find(observability::kRequestIdHeader);
  if (it != md.end()) {
    std::string id(it->second.data(), it->second.size());
    if (observability::IsValidRequestId(id)) return id;
  }
  return observability::NewRequestId();
}

}  // namespace

absl::Status ServerBusy() {
  absl::Status busy = status::Error(absl::StatusCode::kResourceExhausted, "SERVER_BUSY",
                                    "the server is at capacity; retry shortly");
  status::SetRetryDelay(busy, std::chrono::milliseconds(100));
  return busy;
}

CallInfo StartCall(grpc::CallbackServerContext* context, const DeadlinePolicy& policy) {
  CallInfo call{RequestIdOf(*context),
                EffectiveDeadline(context->deadline(), std::chrono::system_clock::now(), policy),
                context};
  context->AddInitialMetadata(observability::kRequestIdHeader, call.request_id);
  return call;
}

absl::Status ReadyToStart(const CallInfo& call) {
  if (call.context->IsCancelled()) return absl::CancelledError("the client cancelled the call");
  if (call.Expired()) {
    return status::Error(absl::StatusCode::kDeadlineExceeded, "DEADLINE_EXCEEDED_IN_QUEUE",
                         "the deadline passed before the server could start the call");
  }
  return absl::OkStatus();
}

void PropagateTo(const CallInfo& call, grpc::ClientContext& client) {
  client.set_deadline(call.deadline);
  client.AddMetadata(observability::kRequestIdHeader, call.request_id);
}

namespace {

// The answer's real cause, for whoever investigates the request id the client quotes. Messages
// here never carry request payloads (PostgreSQL errors are cut to their first line, see
// libs/postgres/errors.cc), so no personal data reaches the log.
void LogInternal(observability::Logger* log, std::string_view domain, const CallInfo& call,
                 const absl::Status& result) {
  if (log == nullptr || log->level() > observability::LogLevel::kError) return;
  const std::string_view service = domain.substr(0, domain.find('.'));
  log->Write(observability::LogLine(observability::LogLevel::kError, service, "internal error")
                 .Add("request_id", call.request_id)
                 .Add("code", absl::StatusCodeToString(result.code()))
                 .Add("reason", status::Reason(result))
                 .Add("cause", std::string(result.message()))
                 .Finish());
}

}  // namespace

grpc::ServerUnaryReactor* UnaryRunner::Run(
    grpc::CallbackServerContext* context,
    std::function<absl::Status(const CallInfo&)> work) const {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const CallInfo call = StartCall(context, policy_);

  auto task = [reactor, call, work = std::move(work), domain = domain_, log = log_]() {
    absl::Status result = ReadyToStart(call);
    if (result.ok()) {
      try {
        result = work(call);
      } catch (const std::exception& e) {
        // Handlers return statuses; an exception here is a bug, and must not take the process down.
        result = status::Internal("UNHANDLED_EXCEPTION", e.what());
      } catch (...) {
        result = status::Internal("UNHANDLED_EXCEPTION", "unknown exception");
      }
    }
    if (result.code() == absl::StatusCode::kInternal ||
        result.code() == absl::StatusCode::kUnknown) {
      LogInternal(log, domain, call, result);
      reactor->Finish(status::ToGrpc(result, domain, call.request_id));
      return;
    }
    reactor->Finish(status::ToGrpc(result, domain));
  };

  auto shed = [reactor, domain = domain_]() {
    reactor->Finish(status::ToGrpc(ServerBusy(), domain));
  };
  if (!pool_->TrySubmit(std::move(task), std::move(shed))) {
    reactor->Finish(status::ToGrpc(ServerBusy(), domain_));
  }
  return reactor;
}

}  // namespace meldpunt::server
