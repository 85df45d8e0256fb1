#include "services/intake/src/events/status_projection.h"

#include "libs/events/uuid.h"

namespace meldpunt::intake {
namespace {

namespace c = common::v1;

void AddIfReport(std::vector<ProjectionChange>& out, ProjectionChange change) {
  if (events::IsUuid(change.report_id)) out.push_back(std::move(change));
}

}  // namespace

v1::ReportStatus ProjectCaseStatus(c::CaseStatus status) {
  switch (status) {
    case c::CASE_STATUS_NEW:
    case c::CASE_STATUS_TRIAGED:
      return v1::REPORT_STATUS_RECEIVED;
    case c::CASE_STATUS_ASSIGNED:
    case c::CASE_STATUS_IN_PROGRESS:
    case c::CASE_STATUS_ON_HOLD:
      return v1::REPORT_STATUS_IN_TREATMENT;
    case c::CASE_STATUS_RESOLVED:
      return v1::REPORT_STATUS_RESOLVED;
    case c::CASE_STATUS_CLOSED:
      return v1::REPORT_STATUS_CLOSED;
    case c::CASE_STATUS_REJECTED:
      return v1::REPORT_STATUS_REJECTED;
    case c::CASE_STATUS_MERGED:
      return v1::REPORT_STATUS_MERGED;
    default:
      return v1::REPORT_STATUS_UNSPECIFIED;
  }
}

std::vector<ProjectionChange> ChangesFor(const events::v1::Event& event) {
  std::vector<ProjectionChange> out;
  switch (event.payload_case()) {
    case events::v1::Event::kCaseOpened: {
      const auto& e = event.case_opened();
      ProjectionChange change;
      change.report_id = e.report_id();
      change.case_id = e.case_id();
      AddIfReport(out, std::move(change));
      break;
    }
    case events::v1::Event::kCaseAssigned: {
      const auto& e = event.case_assigned();
      ProjectionChange change;
      change.report_id = e.report_id();
      change.case_id = e.case_id();
      change.status = v1::REPORT_STATUS_IN_TREATMENT;
      change.department_id = e.department_id();
      change.department_names.emplace(e.department_names().begin(), e.department_names().end());
      AddIfReport(out, std::move(change));
      break;
    }
    case events::v1::Event::kCaseStatusChanged: {
      const auto& e = event.case_status_changed();
      ProjectionChange change;
      change.report_id = e.report_id();
      change.case_id = e.case_id();
      const v1::ReportStatus status = ProjectCaseStatus(e.to_status());
      if (status != v1::REPORT_STATUS_UNSPECIFIED) change.status = status;
      // Only public notes reach events; an empty one leaves the last public note standing.
      if (!e.public_note().empty()) change.status_note = e.public_note();
      if (!e.department_id().empty()) change.department_id = e.department_id();
      AddIfReport(out, std::move(change));
      break;
    }
    case events::v1::Event::kCaseMerged: {
      const auto& e = event.case_merged();
      for (const auto& merged : e.merged()) {
        ProjectionChange change;
        change.report_id = merged.report_id();
        change.case_id = merged.case_id();
        change.status = v1::REPORT_STATUS_MERGED;
        change.duplicate_of_report_id = e.primary_report_id();
        AddIfReport(out, std::move(change));
      }
      break;
    }
    default:
      break;
  }
  return out;
}

}  // namespace meldpunt::intake
