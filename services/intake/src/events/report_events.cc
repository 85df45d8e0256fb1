#include "services/intake/src/events/report_events.h"

namespace meldpunt::intake {

events::v1::ReportSubmitted ReportSubmittedFor(const v1::Report& report, bool category_sensitive) {
  events::v1::ReportSubmitted e;
  e.set_report_id(report.id());
  e.set_reference(report.reference());
  e.set_category_code(report.category_code());
  e.set_category_sensitive(category_sensitive);
  e.set_channel(report.channel());
  e.set_zone_id(report.zone_id());
  if (report.has_location()) *e.mutable_location() = report.location();
  const bool citizen = report.reporter().kind_case() == v1::Reporter::kCitizenId;
  if (citizen) e.set_citizen_id(report.reporter().citizen_id());
  const auto& contact = report.contact_preference();
  e.set_guest_has_contact(!citizen && (!contact.email().empty() || !contact.phone().empty() ||
                                       contact.has_postal_address()));
  e.set_contact_channel(contact.channel());
  e.set_contact_language(contact.language());
  e.set_language(report.language());
  e.set_submitted_by(report.submitted_by());
  *e.mutable_created_at() = report.created_at();
  return e;
}

events::v1::ReportMediaAdded ReportMediaAddedFor(const std::string& report_id,
                                                 const std::string& reference,
                                                 const common::v1::MediaRef& media) {
  events::v1::ReportMediaAdded e;
  e.set_report_id(report_id);
  e.set_reference(reference);
  e.set_media_id(media.media_id());
  e.set_content_type(media.content_type());
  e.set_size_bytes(media.size_bytes());
  e.set_sha256(media.sha256());
  return e;
}

}  // namespace meldpunt::intake
