#include "libs/server/malformed_request.h"

#include "libs/status/grpc_status.h"
#include "libs/status/status.h"

namespace meldpunt::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

class MalformedRequestInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit MalformedRequestInterceptor(const std::string* domain) : domain_(domain) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    // gRPC hands the interceptors a null message when the request failed to deserialize.
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      malformed_ = true;
    }
    // Only the library's own answer to the failed parse is replaced: UNIMPLEMENTED is what the
    // callback handlers send when they could not build a request.
    if (malformed_ && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
        methods->GetSendStatus().error_code() == grpc::StatusCode::UNIMPLEMENTED) {
      methods->ModifySendStatus(status::ToGrpc(
          status::InvalidArgument(kRequestMalformed,
                                  "the request does not parse as this method's message (a string "
                                  "field that is not UTF-8, a truncated or mistyped field)"),
          *domain_));
    }
    methods->Proceed();
  }

 private:
  const std::string* domain_;
  bool malformed_ = false;
};

class Factory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit Factory(std::string domain) : domain_(std::move(domain)) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    // Generic (proxied) methods receive raw bytes that always "parse"; nothing to watch there.
    if (info->type() == grpc::experimental::ServerRpcInfo::Type::UNARY ||
        info->type() == grpc::experimental::ServerRpcInfo::Type::SERVER_STREAMING) {
      return new MalformedRequestInterceptor(&domain_);
    }
    return nullptr;
  }

 private:
  std::string domain_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeMalformedRequestInterceptorFactory(std::string domain) {
  return std::make_unique<Factory>(std::move(domain));
}

}  // namespace meldpunt::server
