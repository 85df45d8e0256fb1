#pragma once
// How the dispatch service's case events change intake's view of a report (its status
// projection). Pure: turns an event into the changes to apply; pg_status_projection.h applies
// them.

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "meldpunt/common/v1/case_status.pb.h"
#include "meldpunt/common/v1/language.pb.h"
#include "meldpunt/events/v1/event.pb.h"
#include "meldpunt/intake/v1/report.pb.h"

namespace meldpunt::intake {

// NEW and TRIAGED → RECEIVED; ASSIGNED, IN_PROGRESS, ON_HOLD → IN_TREATMENT; the others one to
// one; UNSPECIFIED (or unknown) → UNSPECIFIED, which changes nothing.
v1::ReportStatus ProjectCaseStatus(common::v1::CaseStatus status);

// What one event changes on one report. Unset fields are left as they are.
struct ProjectionChange {
  std::string report_id;
  std::string case_id;
  std::optional<v1::ReportStatus> status;
  std::optional<std::string> status_note;
  std::optional<std::string> department_id;
  std::optional<std::vector<common::v1::LocalizedText>> department_names;
  std::optional<std::string> duplicate_of_report_id;
};

// The changes an event asks for: one for CaseOpened (the case id), CaseAssigned and
// CaseStatusChanged, one per merged report for CaseMerged; none for other types. Report ids that
// are not UUIDs are left out (they can match no report).
std::vector<ProjectionChange> ChangesFor(const events::v1::Event& event);

}  // namespace meldpunt::intake
