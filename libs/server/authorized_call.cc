#include "libs/server/authorized_call.h"

#include "libs/auth/authorize.h"

namespace meldpunt::server {

grpc::ServerUnaryReactor* AuthorizedRunner::Run(
    grpc::CallbackServerContext* context, auth::RoleSet allowed,
    std::function<absl::Status(const AuthorizedCall&)> work) const {
  return runner_->Run(context, [this, context, allowed,
                                work = std::move(work)](const CallInfo& info) -> absl::Status {
    const absl::Time now = clock_->Now();
    auto principal = auth::AuthorizeCall(*context, *verifier_, now, allowed);
    if (!principal.ok()) return principal.status();
    return work(AuthorizedCall{info, *principal, now});
  });
}

}  // namespace meldpunt::server
