#pragma once
// The payloads of the events identity publishes about citizens. They carry the pseudonymous id
// and coarse dimensions only: never names, national numbers, birth dates, addresses or contact
// details (analytics may hold no more). Pure.

#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "meldpunt/events/v1/citizen_events.pb.h"

namespace meldpunt::identity {

// The year of "YYYY-MM-DD", "YYYY-MM" or "YYYY"; 0 when unknown or malformed.
int BirthYearOf(std::string_view birth_date);

bool SameDimensions(const events::v1::CitizenDimensions& a, const events::v1::CitizenDimensions& b);

events::v1::CitizenRegistered CitizenRegisteredFor(
    const std::string& citizen_id, const events::v1::CitizenDimensions& dimensions,
    const std::vector<std::string>& granted_consent_topics = {});

events::v1::CitizenProfileChanged CitizenProfileChangedFor(
    const std::string& citizen_id, const events::v1::CitizenDimensions& dimensions);

events::v1::ConsentChanged ConsentChangedFor(const std::string& citizen_id,
                                             const std::string& topic, bool granted,
                                             absl::Time decided_at);

}  // namespace meldpunt::identity
