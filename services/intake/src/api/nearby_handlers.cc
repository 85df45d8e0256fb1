// ListNearbyReports: the public feed. Open to every authenticated principal of the tenant; it
// carries nothing about reporters (PublicReport has no such fields) and coarsened points for
// sensitive categories (the repository decides the point shown).
#include "libs/auth/roles.h"
#include "services/intake/src/api/caller_rules.h"
#include "services/intake/src/api/intake_service.h"
#include "services/intake/src/api/page.h"
#include "services/intake/src/reports/list_query.h"

namespace meldpunt::intake {

absl::Status IntakeServiceImpl::HandleListNearbyReports(const server::AuthorizedCall& call,
                                                        const v1::ListNearbyReportsRequest* req,
                                                        v1::ListNearbyReportsResponse* resp) const {
  auto paged = BuildNearbyQuery(*req, call.principal.tenant_id(), call.now);
  if (!paged.ok()) return paged.status();
  auto reports = deps_.reports->Nearby(call.principal.tenant_id(), paged->query);
  if (!reports.ok()) return reports.status();
  if (TakePage(*reports, paged->query.limit, resp->mutable_reports())) {
    resp->set_next_page_token(
        NextNearbyPageToken(call.principal.tenant_id(), *paged, resp->reports(resp->reports_size() - 1)));
  }
  return absl::OkStatus();
}

}  // namespace meldpunt::intake
