#pragma once
// What every handler does first, once: run off the reactor (UnaryRunner), verify the call's
// principal, check its role against the method's rule. The work then gets the verified
// principal and the time the call was admitted, so no handler repeats the preamble or reads the
// clock on its own.

#include <functional>

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/auth/principal.h"
#include "libs/auth/roles.h"
#include "libs/server/call.h"
#include "libs/time/clock.h"

namespace meldpunt::server {

struct AuthorizedCall {
  const CallInfo& info;
  const auth::Principal& principal;
  absl::Time now;  // when the principal was checked: one time for the whole call
};

class AuthorizedRunner {
 public:
  AuthorizedRunner(const UnaryRunner* runner, const auth::PrincipalVerifier* verifier,
                   const time::Clock* clock = &time::DefaultClock())
      : runner_(runner), verifier_(verifier), clock_(clock) {}

  // UNAUTHENTICATED without a valid principal, PERMISSION_DENIED (ROLE_NOT_ALLOWED) unless it
  // holds one of allowed; otherwise work's status.
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context, auth::RoleSet allowed,
                                std::function<absl::Status(const AuthorizedCall&)> work) const;

  // The same with the work as a const member of the service, so an rpc binds its role set and
  // its work in one line and the work reads as a plain function of the admitted call.
  template <typename Service, typename Request, typename Response>
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context, auth::RoleSet allowed,
                                const Service* service,
                                absl::Status (Service::*work)(const AuthorizedCall&,
                                                              const Request*, Response*) const,
                                const Request* request, Response* response) const {
    return Run(context, allowed, [=](const AuthorizedCall& call) {
      return (service->*work)(call, request, response);
    });
  }

  const UnaryRunner& runner() const { return *runner_; }
  const auth::PrincipalVerifier& verifier() const { return *verifier_; }
  const time::Clock& clock() const { return *clock_; }

 private:
  const UnaryRunner* runner_;
  const auth::PrincipalVerifier* verifier_;
  const time::Clock* clock_;
};

}  // namespace meldpunt::server
