// CreateReport, GetReport and ListReports.
#include "libs/auth/roles.h"
#include "libs/events/uuid.h"
#include "libs/idempotency/request_log.h"
#include "libs/status/status.h"
#include "services/intake/src/api/caller_rules.h"
#include "services/intake/src/api/intake_service.h"
#include "services/intake/src/api/page.h"
#include "services/intake/src/api/report_access.h"
#include "services/intake/src/reports/attribute_validation.h"
#include "services/intake/src/reports/list_query.h"
#include "services/intake/src/reports/reference.h"
#include "services/intake/src/reports/report_privacy.h"
#include "services/intake/src/reports/report_validation.h"
#include "services/intake/src/reports/request_fingerprint.h"

namespace meldpunt::intake {
namespace {

// Attribute answers are checked once the category is read, inside the create transaction.
absl::Status CheckAgainstCategory(const v1::Category& category, v1::Report& draft) {
  auto values = ValidateAttributeValues(category, draft.attribute_values());
  if (!values.ok()) return values.status();
  *draft.mutable_attribute_values() = std::move(*values);
  return absl::OkStatus();
}

absl::StatusOr<ReportKey> KeyOf(const v1::GetReportRequest& request) {
  ReportKey key;
  switch (request.key_case()) {
    case v1::GetReportRequest::kId:
      if (!events::IsUuid(request.id())) {
        return status::InvalidArgument("REPORT_ID_INVALID", "id must be a UUID");
      }
      key.id = request.id();
      return key;
    case v1::GetReportRequest::kReference:
      if (!IsWellFormedReference(request.reference())) {
        return status::InvalidArgument("REFERENCE_INVALID",
                                       "reference must look like STR-2026-000123");
      }
      key.reference = request.reference();
      return key;
    case v1::GetReportRequest::KEY_NOT_SET:
      break;
  }
  return status::InvalidArgument("REPORT_KEY_REQUIRED", "an id or a reference is required");
}

}  // namespace

absl::Status IntakeServiceImpl::HandleCreateReport(const server::AuthorizedCall& call,
                                                   const v1::CreateReportRequest* req,
                                                   v1::CreateReportResponse* resp) const {
  if (absl::Status s = idempotency::ValidateRequestId(req->request_id()); !s.ok()) return s;
  auto draft = ValidateCreateReport(*req, call.principal);
  if (!draft.ok()) return draft.status();

  CreateReportCommand command;
  command.tenant_id = call.principal.tenant_id();
  command.request_id = req->request_id();
  command.fingerprint = CallerBoundFingerprint(*req, call.principal);
  command.correlation_id = call.info.request_id;
  command.draft = std::move(*draft);
  command.citizen_caller = auth::IsCitizenCaller(call.principal);
  if (command.citizen_caller) {
    // How well the reporter proved who they are; the repository holds it against the tenant's
    // minimum for a verified report.
    command.draft.set_reporter_assurance_level(call.principal.assurance_level());
  }
  command.duplicates = deps_.settings.duplicates;
  auto response = deps_.reports->Create(command, CheckAgainstCategory);
  if (!response.ok()) return response.status();
  *resp = std::move(*response);
  if (!resp->replayed()) EventsWritten();
  return absl::OkStatus();
}

absl::Status IntakeServiceImpl::HandleGetReport(const server::AuthorizedCall& call,
                                                const v1::GetReportRequest* req,
                                                v1::GetReportResponse* resp) const {
  auto key = KeyOf(*req);
  if (!key.ok()) return key.status();
  auto access = ReportReadAccessFor(call, "GetReport", req->access_reason());
  if (!access.ok()) return access.status();
  // A citizen asking for someone else's report gets the same NOT_FOUND as for a report that
  // does not exist: nothing tells them it does.
  auto report = deps_.reports->Get(call.principal.tenant_id(), *key, access->only_citizen,
                                   access->audit ? &*access->audit : nullptr);
  if (!report.ok()) return report.status();
  if (!access->sees_personal_data) StripPersonalData(*report);
  *resp->mutable_report() = std::move(*report);
  return absl::OkStatus();
}

absl::Status IntakeServiceImpl::HandleListReports(const server::AuthorizedCall& call,
                                                  const v1::ListReportsRequest* req,
                                                  v1::ListReportsResponse* resp) const {
  auto access = ReportReadAccessFor(call, "ListReports", req->access_reason());
  if (!access.ok()) return access.status();
  auto paged = BuildReportQuery(*req, call.principal);
  if (!paged.ok()) return paged.status();
  auto reports = deps_.reports->List(call.principal.tenant_id(), paged->query,
                                     access->audit ? &*access->audit : nullptr);
  if (!reports.ok()) return reports.status();
  if (!access->sees_personal_data) {
    for (v1::Report& report : *reports) StripPersonalData(report);
  }
  if (TakePage(*reports, paged->query.limit, resp->mutable_reports())) {
    resp->set_next_page_token(
        NextReportsPageToken(call.principal.tenant_id(), *paged, resp->reports(resp->reports_size() - 1)));
  }
  return absl::OkStatus();
}

}  // namespace meldpunt::intake
