#include "services/intake/src/events/pg_status_projection.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/api/enum_names.h"
#include "libs/auth/tenant_scope.h"
#include "libs/postgres/sql_params.h"
#include "libs/time/conversions.h"
#include "services/intake/src/events/status_projection.h"
#include "services/intake/src/reports/report_json.h"

namespace meldpunt::intake {

absl::Status StatusProjectionHandler::Handle(pqxx::work& tx, const events::v1::Event& event) {
  const std::vector<ProjectionChange> changes = ChangesFor(event);
  if (changes.empty() || event.tenant_id().empty()) return absl::OkStatus();
  if (absl::Status scoped = auth::ScopeToTenant(tx, event.tenant_id()); !scoped.ok()) return scoped;

  for (const ProjectionChange& change : changes) {
    pg::SqlParams p;
    const std::string occurred =
        event.has_occurred_at()
            ? pg::SqlFromMicros(p.Add(absl::StrCat(time::ToMicros(time::FromProto(event.occurred_at())))))
            : std::string("now()");
    std::string set = absl::StrCat("status_event_at = ", occurred, ", updated_at = now()");
    if (!change.case_id.empty()) absl::StrAppend(&set, ", case_id = ", p.Add(change.case_id));
    if (change.status) {
      const std::string status = p.Add(api::EnumToDb(*change.status));
      // status_updated_at moves only when the status really changes.
      absl::StrAppend(&set, ", status_updated_at = CASE WHEN status <> ", status, " THEN ", occurred,
                      " ELSE status_updated_at END, status = ", status);
    }
    if (change.status_note) absl::StrAppend(&set, ", status_note = ", p.Add(*change.status_note));
    if (change.department_id) {
      absl::StrAppend(&set, ", department_id = ", p.Add(*change.department_id));
    }
    if (change.department_names) {
      google::protobuf::RepeatedPtrField<common::v1::LocalizedText> names(
          change.department_names->begin(), change.department_names->end());
      absl::StrAppend(&set, ", department_names = ", p.Add(LocalizedTextsToJson(names)), "::jsonb");
    }
    if (change.duplicate_of_report_id) {
      absl::StrAppend(&set, ", duplicate_of_report_id = ", p.Add(*change.duplicate_of_report_id));
    }
    const std::string sql = absl::StrCat(
        "UPDATE reports SET ", set, " WHERE tenant_id = ", p.Add(event.tenant_id()),
        " AND id = ", p.Add(change.report_id), "::uuid",
        " AND (status_event_at IS NULL OR status_event_at <= ", occurred, ")");
    tx.exec_params(sql, pqxx::prepare::make_dynamic_params(p.values()));
  }
  return absl::OkStatus();
}

}  // namespace meldpunt::intake
