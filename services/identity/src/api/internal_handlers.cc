// ResolveContacts, CountCitizens: questions of other Meldpunt services (never exposed by the
// gateway; refused here too for anyone but a service principal).
#include "services/identity/src/api/caller_rules.h"
#include "services/identity/src/api/identity_service.h"

namespace meldpunt::identity {

absl::Status IdentityServiceImpl::HandleResolveContacts(const server::AuthorizedCall& call,
                                                        const v1::ResolveContactsRequest* req,
                                                        v1::ResolveContactsResponse* resp) const {
  auto contacts = deps_.citizens->ResolveContacts(call.principal.tenant_id(), *req);
  if (!contacts.ok()) return contacts.status();
  *resp = std::move(*contacts);
  return absl::OkStatus();
}

absl::Status IdentityServiceImpl::HandleCountCitizens(const server::AuthorizedCall& call,
                                                      const v1::CountCitizensRequest* req,
                                                      v1::CountCitizensResponse* resp) const {
  auto counts = deps_.citizens->CountCitizens(call.principal.tenant_id(), *req);
  if (!counts.ok()) return counts.status();
  *resp = std::move(*counts);
  return absl::OkStatus();
}

}  // namespace meldpunt::identity
