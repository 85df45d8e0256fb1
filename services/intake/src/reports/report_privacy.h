#pragma once
// Which parts of a report are its reporter's personal data, and taking them out for callers that
// may not see them. Pure: no I/O.

#include "meldpunt/intake/v1/report.pb.h"

namespace meldpunt::intake {

// Whether the report names or reaches a person: a guest's name, or contact details (e-mail,
// phone, postal address). A citizen reporter's pseudonymous id is not counted: it names nobody
// outside the identity service, which audits its own reads.
bool HasPersonalData(const v1::Report& report);

// Clears the guest's name and the contact details, keeping the contact channel and language (a
// department may know *how* the reporter wants an answer, not where to send it).
void StripPersonalData(v1::Report& report);

}  // namespace meldpunt::intake
