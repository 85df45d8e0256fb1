#include "services/intake/src/reports/report_privacy.h"

namespace meldpunt::intake {

bool HasPersonalData(const v1::Report& report) {
  const auto& guest = report.reporter().guest();
  const auto& contact = report.contact_preference();
  return !guest.first_name().empty() || !guest.last_name().empty() || !contact.email().empty() ||
         !contact.phone().empty() || contact.has_postal_address();
}

void StripPersonalData(v1::Report& report) {
  if (report.reporter().has_guest()) {
    report.mutable_reporter()->mutable_guest()->clear_first_name();
    report.mutable_reporter()->mutable_guest()->clear_last_name();
  }
  auto* contact = report.mutable_contact_preference();
  contact->clear_email();
  contact->clear_phone();
  contact->clear_postal_address();
}

}  // namespace meldpunt::intake
