#pragma once
// The payloads of the events intake publishes. They carry no names, contact details or
// descriptions: consumers that need those ask intake (GetReport) with their own principal.

#include "meldpunt/common/v1/media.pb.h"
#include "meldpunt/events/v1/report_events.pb.h"
#include "meldpunt/intake/v1/report.pb.h"

namespace meldpunt::intake {

events::v1::ReportSubmitted ReportSubmittedFor(const v1::Report& report, bool category_sensitive);

events::v1::ReportMediaAdded ReportMediaAddedFor(const std::string& report_id,
                                                 const std::string& reference,
                                                 const common::v1::MediaRef& media);

}  // namespace meldpunt::intake
