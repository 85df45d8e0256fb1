#pragma once
// Reading reports back from PostgreSQL: the one column list every query selects, the mapping of
// a row to a Report, and the media references that go with a page of reports. Used by the
// repository's .cc files only.

#include <optional>
#include <string>
#include <vector>

#include <pqxx/row>
#include <pqxx/transaction>

#include "absl/status/statusor.h"
#include "meldpunt/intake/v1/report.pb.h"

namespace meldpunt::intake {

// "SELECT <columns> FROM reports r LEFT JOIN zones z ..." — callers append WHERE / ORDER BY on
// alias r.
extern const char kSelectReports[];

absl::StatusOr<v1::Report> ReportFromRow(const pqxx::row& row);

// Fills each report's media (oldest first) with one query.
absl::Status AttachMedia(pqxx::work& tx, const std::string& tenant_id,
                         std::vector<v1::Report>& reports);

// The report of id with its media, as GetReport answers it; nullopt when the tenant has none.
absl::StatusOr<std::optional<v1::Report>> ReadReport(pqxx::work& tx, const std::string& tenant_id,
                                                     const std::string& id);

}  // namespace meldpunt::intake
