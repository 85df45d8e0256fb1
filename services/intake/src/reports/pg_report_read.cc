// PgReportRepository::Get and ::List: reports read back by key or by filters, with keyset
// pagination on the list order.
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/auth/tenant_scope.h"
#include "libs/postgres/statement.h"
#include "libs/postgres/sql_params.h"
#include "libs/status/status.h"
#include "services/intake/src/reports/pg_area_sql.h"
#include "services/intake/src/reports/pg_report_repository.h"
#include "services/intake/src/reports/report_privacy.h"
#include "services/intake/src/reports/report_row.h"
#include "sql/intake.h"
#include "libs/api/enum_names.h"

namespace meldpunt::intake {
namespace {

absl::Status NotFound() { return status::NotFound("REPORT_NOT_FOUND", "no report with that key"); }

std::vector<std::string> Names(const std::vector<v1::ReportStatus>& statuses) {
  std::vector<std::string> out;
  for (auto s : statuses) out.push_back(api::EnumToDb(s));
  return out;
}

std::vector<std::string> Names(const std::vector<common::v1::Channel>& channels) {
  std::vector<std::string> out;
  for (auto c : channels) out.push_back(api::EnumToDb(c));
  return out;
}

absl::StatusOr<std::vector<v1::Report>> Rows(pqxx::work& tx, const std::string& tenant_id,
                                             const pqxx::result& rows) {
  std::vector<v1::Report> out;
  for (const auto& row : rows) {
    auto report = ReportFromRow(row);
    if (!report.ok()) return report.status();
    out.push_back(std::move(*report));
  }
  if (absl::Status s = AttachMedia(tx, tenant_id, out); !s.ok()) return s;
  return out;
}

// Same transaction as the read: a read that is answered is a read that is recorded.
void RecordAccess(pqxx::work& tx, const std::string& tenant_id, const AccessAudit& audit,
                  const std::vector<v1::Report>& reports, std::size_t count, absl::Time at) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < count && i < reports.size(); ++i) {
    if (HasPersonalData(reports[i])) ids.push_back(reports[i].id());
  }
  if (ids.empty()) return;
  pg::ExecUnnamed(tx, sql::intake::insert_access_log, tenant_id, pg::TextArray(ids),
                  audit.accessor, audit.accessor_kind, audit.issuer, audit.method, audit.reason,
                  audit.request_id, absl::StrCat(absl::ToUnixMicros(at)));
}

}  // namespace

absl::StatusOr<v1::Report> PgReportRepository::Get(const std::string& tenant_id,
                                                   const ReportKey& key,
                                                   const std::string& citizen_id,
                                                   const AccessAudit* audit) {
  v1::Report out;
  absl::Status s = auth::TransactInTenant(*pool_, tenant_id, [&](pqxx::work& tx) -> absl::Status {
    pg::SqlParams p;
    std::string sql = absl::StrCat(kSelectReports, " WHERE r.tenant_id = ", p.Add(tenant_id));
    if (!key.id.empty()) {
      absl::StrAppend(&sql, " AND r.id = ", p.Add(key.id), "::uuid");
    } else {
      absl::StrAppend(&sql, " AND r.reference = ", p.Add(key.reference));
    }
    if (!citizen_id.empty()) absl::StrAppend(&sql, " AND r.citizen_id = ", p.Add(citizen_id));
    pqxx::result rows = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(p.values()));
    if (rows.empty()) return NotFound();
    auto reports = Rows(tx, tenant_id, rows);
    if (!reports.ok()) return reports.status();
    if (audit != nullptr) RecordAccess(tx, tenant_id, *audit, *reports, 1, clock_->Now());
    out = std::move(reports->front());
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<v1::Report>> PgReportRepository::List(const std::string& tenant_id,
                                                                 const ReportQuery& q,
                                                                 const AccessAudit* audit) {
  std::vector<v1::Report> out;
  absl::Status s = auth::TransactInTenant(*pool_, tenant_id, [&](pqxx::work& tx) -> absl::Status {
    pg::SqlParams p;
    std::string sql = absl::StrCat(kSelectReports, " WHERE r.tenant_id = ", p.Add(tenant_id));
    if (!q.statuses.empty()) {
      absl::StrAppend(&sql, " AND r.status = ANY(", p.Add(pg::TextArray(Names(q.statuses))), "::text[])");
    }
    if (!q.category_codes.empty()) {
      absl::StrAppend(&sql, " AND r.category_code = ANY(", p.Add(pg::TextArray(q.category_codes)), "::text[])");
    }
    if (!q.zone_ids.empty()) {
      absl::StrAppend(&sql, " AND r.zone_id = ANY(", p.Add(pg::TextArray(q.zone_ids)), "::text[])");
    }
    if (!q.channels.empty()) {
      absl::StrAppend(&sql, " AND r.channel = ANY(", p.Add(pg::TextArray(Names(q.channels))), "::text[])");
    }
    if (q.created_after_us) {
      absl::StrAppend(&sql, " AND r.created_at >= ",
                      pg::SqlFromMicros(p.Add(absl::StrCat(*q.created_after_us))));
    }
    if (q.created_before_us) {
      absl::StrAppend(&sql, " AND r.created_at < ",
                      pg::SqlFromMicros(p.Add(absl::StrCat(*q.created_before_us))));
    }
    if (q.area) absl::StrAppend(&sql, " AND ", InAreaSql(p, *q.area, "r.location", "r.location", 0));
    if (!q.citizen_id.empty()) absl::StrAppend(&sql, " AND r.citizen_id = ", p.Add(q.citizen_id));
    if (!q.references.empty()) {
      absl::StrAppend(&sql, " AND r.reference = ANY(", p.Add(pg::TextArray(q.references)), "::text[])");
    }
    // Keyset pagination: (order column, id) strictly after the last row returned.
    const char* column = q.order == v1::REPORT_ORDER_STATUS_UPDATED_AT_DESC ? "r.status_updated_at"
                                                                             : "r.created_at";
    const bool ascending = q.order == v1::REPORT_ORDER_CREATED_AT_ASC;
    if (q.after) {
      absl::StrAppend(&sql, " AND (", column, ", r.id) ", ascending ? ">" : "<", " (",
                      pg::SqlFromMicros(p.Add(absl::StrCat(q.after->micros))), ", ",
                      p.Add(q.after->tie), "::uuid)");
    }
    const char* direction = ascending ? " ASC" : " DESC";
    absl::StrAppend(&sql, " ORDER BY ", column, direction, ", r.id", direction, " LIMIT ",
                    p.Add(absl::StrCat(q.limit + 1)));
    pqxx::result rows = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(p.values()));
    auto reports = Rows(tx, tenant_id, rows);
    if (!reports.ok()) return reports.status();
    if (audit != nullptr) {
      RecordAccess(tx, tenant_id, *audit, *reports, static_cast<std::size_t>(q.limit), clock_->Now());
    }
    out = std::move(*reports);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace meldpunt::intake
