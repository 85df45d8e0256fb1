#pragma once
// What a caller of GetReport or ListReports gets of the reporters' personal data, and the record
// of it: the reporting citizen sees their own, kContactReaders (caller_rules.h) see everyone's and
// are recorded, every other reader gets reports without it. Pure: no I/O.

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "libs/server/authorized_call.h"
#include "services/intake/src/reports/report_repository.h"

namespace meldpunt::intake {

inline constexpr std::size_t kMaxAccessReason = 200;  // characters

struct ReportReadAccess {
  std::string only_citizen;          // a citizen caller's id: only their own reports
  bool sees_personal_data = false;
  std::optional<AccessAudit> audit;  // set when the read is to be recorded
};

// method: the rpc's short name for the record. access_reason: the request's (optional; at most
// 200 characters on one line, else INVALID_ARGUMENT ACCESS_REASON_INVALID).
absl::StatusOr<ReportReadAccess> ReportReadAccessFor(const server::AuthorizedCall& call,
                                                     std::string_view method,
                                                     std::string_view access_reason);

}  // namespace meldpunt::intake
