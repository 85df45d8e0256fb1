#include "services/gateway/src/api/proxy_service.h"

#include <algorithm>
#include <mutex>

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include "absl/strings/str_cat.h"
#include "libs/auth/authorize.h"
#include "libs/observability/request_id.h"
#include "libs/time/conversions.h"
#include "libs/server/call.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "services/gateway/src/downstreams/downstream_status.h"

namespace meldpunt::gateway {
namespace {

grpc::Status ToGrpc(const absl::Status& s) { return status::ToGrpc(s, kErrorDomain); }

// A call refused before its request is read.
class Refusal final : public grpc::ServerGenericBidiReactor {
 public:
  explicit Refusal(const absl::Status& s) { Finish(ToGrpc(s)); }
  void OnDone() override { delete this; }
};


// One forwarded unary call. Lifetime: created by CreateReactor, deleted in OnDone. Finish is
// called exactly once, and never while the onward call is still running, so nothing refers to
// this object after OnDone.
class ProxyCall final : public grpc::ServerGenericBidiReactor {
 public:
  ProxyCall(const ProxyService* service, grpc::GenericCallbackServerContext* ctx,
            const MethodPolicy* policy, const Downstream* downstream)
      : service_(service), ctx_(ctx), policy_(policy), downstream_(downstream) {
    call_ = server::StartCall(ctx, service->options().deadlines);
    // A peer that keeps failing is refused here, in memory, before it takes a worker or a queue
    // place a valid caller needs, and before its credentials cost a lookup.
    peer_ = PeerHost(ctx->peer());
    if (absl::Status spent = service_->peer_failures()->Check(peer_, absl::Now()); !spent.ok()) {
      Finish(ToGrpc(spent));
      return;
    }
    // Admission first, from the metadata alone: a caller without valid credentials is refused
    // before its body is read, so large bodies cost an attacker more than they cost the gateway.
    // It may read PostgreSQL (an uncached key) and Redis (rate limits): not on this thread.
    if (!service_->workers()->TrySubmit([this] { Admit(); })) Finish(ToGrpc(server::ServerBusy()));
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(ToGrpc(status::InvalidArgument("REQUEST_MISSING", "the call carried no request message")));
      return;
    }
    const bool upload = policy_->body == BodyLimit::kLarge;
    const std::size_t media = service_->options().max_media_bytes;
    const std::size_t limit =
        upload ? static_cast<std::size_t>(server::MediaMessageBytes(static_cast<int64_t>(media)))
               : service_->options().max_request_bytes;
    if (request_.Length() > limit) {
      // The answer names the limit, so an app can tell its user how large a photo may be.
      Finish(ToGrpc(status::Error(
          absl::StatusCode::kResourceExhausted, "REQUEST_TOO_LARGE",
          upload ? absl::StrCat("a photo may be at most ", media, " bytes (requests to this "
                                "method at most ", limit, " bytes)")
                 : absl::StrCat("requests to this method are at most ", limit, " bytes"),
          {}, {{"max_bytes", absl::StrCat(upload ? media : limit)},
               {"max_request_bytes", absl::StrCat(limit)}})));
      return;
    }
    Forward();
  }

  void OnWriteDone(bool) override {}

  void OnCancel() override {
    // Safe before the onward call starts too: the context then cancels it as it starts.
    client_.TryCancel();
  }

  void OnDone() override { delete this; }

 private:
  void Admit() {
    if (absl::Status ready = server::ReadyToStart(call_); !ready.ok()) {
      Finish(ToGrpc(ready));
      return;
    }
    const absl::Time now = absl::Now();
    auto credentials = ExtractCredentials(ctx_->client_metadata());
    if (!credentials.ok()) {
      service_->peer_failures()->RecordFailure(peer_, now);
      Finish(ToGrpc(credentials.status()));
      return;
    }
    auto admitted = service_->admission()->Admit(*policy_, *credentials, now);
    if (!admitted.ok()) {
      if (admitted.status().code() == absl::StatusCode::kUnauthenticated) {
        service_->peer_failures()->RecordFailure(peer_, now);
      }
      Finish(ToGrpc(admitted.status()));
      return;
    }
    auth::Principal& principal = admitted->principal;
    principal.set_issuer(auth::kGatewayIssuer);
    principal.set_audience(downstream_->name);  // bound to the service it is forwarded to
    const ProxyOptions& options = service_->options();
    *principal.mutable_expires_at() = time::ToProto(
        std::min(absl::FromChrono(call_.deadline), now + options.principal_lifetime) +
        options.principal_clock_skew);
    auto signed_principal = service_->signer()->Sign(principal);
    if (!signed_principal.ok()) {
      Finish(ToGrpc(signed_principal.status()));
      return;
    }
    // A fresh context: the client's metadata is not copied, only what is set here travels on.
    server::PropagateTo(call_, client_);
    auth::AttachPrincipal(client_, *signed_principal);
    StartRead(&request_);  // now the body: OnReadDone checks its size, then Forward()
  }

  void Forward() {
    downstream_->stub->UnaryCall(&client_, ctx_->method(), grpc::StubOptions(), &request_,
                                 &response_, [this](grpc::Status s) { OnForwarded(std::move(s)); });
  }

  void OnForwarded(grpc::Status s) {
    if (s.ok()) {
      StartWriteAndFinish(&response_, grpc::WriteOptions(), grpc::Status::OK);
    } else {
      Finish(RelayDownstreamStatus(s, downstream_->name));
    }
  }

  const ProxyService* service_;
  grpc::GenericCallbackServerContext* ctx_;
  const MethodPolicy* policy_;
  const Downstream* downstream_;
  server::CallInfo call_;
  std::string peer_;  // the caller's address (PeerHost), for its failure budget
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
  grpc::ClientContext client_;
};

}  // namespace

grpc::ServerGenericBidiReactor* ProxyService::CreateReactor(grpc::GenericCallbackServerContext* ctx) {
  const std::string& method = ctx->method();
  MethodLookup found = LookupMethod(method);
  switch (found.kind) {
    case MethodLookup::Kind::kUnknown:
      return new Refusal(status::Error(absl::StatusCode::kUnimplemented, "METHOD_UNKNOWN",
                                       "the gateway does not expose this method"));
    case MethodLookup::Kind::kInternal:
      return new Refusal(status::PermissionDenied(
          "METHOD_NOT_PUBLIC", "this method is internal to Meldpunt and not reachable from outside"));
    case MethodLookup::Kind::kPublic:
      break;
  }
  if (found.policy->shape != CallShape::kUnary) {
    return new Refusal(status::Error(absl::StatusCode::kUnimplemented, "STREAMING_NOT_SUPPORTED",
                                     "streaming methods are not yet served through the gateway"));
  }
  const std::string_view name = Downstreams::NameOf(method);
  const Downstream* downstream = downstreams_->Find(name);
  if (downstream == nullptr) {
    return new Refusal(status::Unavailable(
        "SERVICE_NOT_CONFIGURED",
        absl::StrCat("the ", std::string(name), " service is not available through this gateway")));
  }
  return new ProxyCall(this, ctx, found.policy, downstream);
}

}  // namespace meldpunt::gateway
