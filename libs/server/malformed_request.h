#pragma once
// A request whose bytes do not parse as the method's message (a string field holding bytes that
// are not UTF-8, a truncated field, a wrong wire type) never reaches a handler: gRPC's callback
// API then answers UNIMPLEMENTED with an empty message, which tells the client the method does not
// exist. This interceptor notices the failed parse and turns that answer into INVALID_ARGUMENT
// with ErrorInfo reason REQUEST_MALFORMED, for every method of every service on the server.

#include <memory>
#include <string>

#include <grpcpp/support/server_interceptor.h>

namespace meldpunt::server {

inline constexpr char kRequestMalformed[] = "REQUEST_MALFORMED";

// domain: the ErrorInfo domain of the answer, e.g. "intake.meldpunt".
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeMalformedRequestInterceptorFactory(std::string domain);

}  // namespace meldpunt::server
