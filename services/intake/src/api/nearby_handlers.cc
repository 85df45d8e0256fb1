// ListNearbyReports: the public feed. Open to every authenticated principal of the tenant; it
// carries nothing about reporters (PublicReport has no such fields) and coarsened points for
// sensitive categories (the repository decides the point shown).
#include "absl/time/clock.h"
#include "libs/auth/authorize.h"
#include "services/intake/src/api/caller.h"
#include "services/intake/src/api/intake_service.h"
#include "services/intake/src/api/page.h"
#include "services/intake/src/reports/list_query.h"

namespace meldpunt::intake {

grpc::ServerUnaryReactor* IntakeServiceImpl::ListNearbyReports(grpc::CallbackServerContext* ctx,
                                                               const v1::ListNearbyReportsRequest* req,
                                                               v1::ListNearbyReportsResponse* resp) {
  return deps_.runner->Run(ctx, [=](const server::CallInfo&) -> absl::Status {
    const absl::Time now = absl::Now();
    auto principal = auth::AuthorizeCall(*ctx, *deps_.verifier, now, kAnyRole);
    if (!principal.ok()) return principal.status();
    auto paged = BuildNearbyQuery(*req, principal->tenant_id(), now);
    if (!paged.ok()) return paged.status();
    auto reports = deps_.reports->Nearby(principal->tenant_id(), paged->query);
    if (!reports.ok()) return reports.status();
    if (TakePage(*reports, paged->query.limit, resp->mutable_reports())) {
      resp->set_next_page_token(NextNearbyPageToken(principal->tenant_id(), *paged,
                                                    resp->reports(resp->reports_size() - 1)));
    }
    return absl::OkStatus();
  });
}

}  // namespace meldpunt::intake
