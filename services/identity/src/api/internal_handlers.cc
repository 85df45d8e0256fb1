// ResolveContacts, CountCitizens: questions of other Meldpunt services (never exposed by the
// gateway; refused here too for anyone but a service principal).
#include "services/identity/src/api/caller_rules.h"
#include "services/identity/src/api/identity_service.h"

namespace meldpunt::identity {

grpc::ServerUnaryReactor* IdentityServiceImpl::ResolveContacts(
    grpc::CallbackServerContext* ctx, const v1::ResolveContactsRequest* req,
    v1::ResolveContactsResponse* resp) {
  return deps_.calls->Run(ctx, kInternalCallers, [=](const server::AuthorizedCall& call) -> absl::Status {
    const auth::Principal& caller = call.principal;
    auto contacts = deps_.citizens->ResolveContacts(caller.tenant_id(), *req);
    if (!contacts.ok()) return contacts.status();
    *resp = std::move(*contacts);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IdentityServiceImpl::CountCitizens(grpc::CallbackServerContext* ctx,
                                                             const v1::CountCitizensRequest* req,
                                                             v1::CountCitizensResponse* resp) {
  return deps_.calls->Run(ctx, kInternalCallers, [=](const server::AuthorizedCall& call) -> absl::Status {
    const auth::Principal& caller = call.principal;
    auto counts = deps_.citizens->CountCitizens(caller.tenant_id(), *req);
    if (!counts.ok()) return counts.status();
    *resp = std::move(*counts);
    return absl::OkStatus();
  });
}

}  // namespace meldpunt::identity
