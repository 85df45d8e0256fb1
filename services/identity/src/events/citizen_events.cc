#include "services/identity/src/events/citizen_events.h"

namespace meldpunt::identity {

int BirthYearOf(std::string_view birth_date) {
  if (birth_date.size() < 4) return 0;
  if (birth_date.size() > 4 && birth_date[4] != '-') return 0;
  int year = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const char c = birth_date[i];
    if (c < '0' || c > '9') return 0;
    year = year * 10 + (c - '0');
  }
  // The store keeps plausible years only (the table checks 1800–2999).
  return year >= 1800 && year <= 2999 ? year : 0;
}

bool SameDimensions(const events::v1::CitizenDimensions& a,
                    const events::v1::CitizenDimensions& b) {
  return a.zone_id() == b.zone_id() && a.gender() == b.gender() &&
         a.birth_year() == b.birth_year() && a.profession() == b.profession() &&
         a.language() == b.language() && a.preferred_channel() == b.preferred_channel();
}

events::v1::CitizenRegistered CitizenRegisteredFor(
    const std::string& citizen_id, const events::v1::CitizenDimensions& dimensions,
    const std::vector<std::string>& granted_consent_topics) {
  events::v1::CitizenRegistered e;
  e.set_citizen_id(citizen_id);
  *e.mutable_dimensions() = dimensions;
  for (const auto& topic : granted_consent_topics) e.add_granted_consent_topics(topic);
  return e;
}

events::v1::CitizenProfileChanged CitizenProfileChangedFor(
    const std::string& citizen_id, const events::v1::CitizenDimensions& dimensions) {
  events::v1::CitizenProfileChanged e;
  e.set_citizen_id(citizen_id);
  *e.mutable_dimensions() = dimensions;
  return e;
}

events::v1::ConsentChanged ConsentChangedFor(const std::string& citizen_id,
                                             const std::string& topic, bool granted,
                                             absl::Time decided_at) {
  events::v1::ConsentChanged e;
  e.set_citizen_id(citizen_id);
  e.set_topic(topic);
  e.set_granted(granted);
  const std::int64_t micros = absl::ToUnixMicros(decided_at);
  std::int64_t seconds = micros / 1000000;
  std::int64_t rest = micros % 1000000;
  if (rest < 0) {
    rest += 1000000;
    --seconds;
  }
  e.mutable_decided_at()->set_seconds(seconds);
  e.mutable_decided_at()->set_nanos(static_cast<std::int32_t>(rest * 1000));
  return e;
}

}  // namespace meldpunt::identity
