#include "services/identity/src/citizens/citizen_record.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/time/clock.h"
#include "libs/events/outbox.h"
#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "libs/api/enum_names.h"
#include "services/identity/src/citizens/national_number_display.h"
#include "services/identity/src/citizens/place_names.h"
#include "libs/time/conversions.h"
#include "sql/identity.h"

namespace meldpunt::identity::citizen_record {
namespace {

// Events are stamped with the time of the change the caller passed in, not a clock of its own.
class FixedClock final : public time::Clock {
 public:
  explicit FixedClock(absl::Time now) : now_(now) {}
  absl::Time Now() const override { return now_; }

 private:
  absl::Time now_;
};

absl::StatusOr<std::string> Open(const crypto::DataProtector& protector, const pqxx::field& field,
                                 std::string_view column, std::string_view tenant_id,
                                 std::string_view citizen_id) {
  const pqxx::binarystring sealed(field);
  return protector.Open(std::string_view(sealed.get(), sealed.size()), SealContext(column, tenant_id, citizen_id));
}

absl::Status Corrupt(std::string_view column) {
  return status::Error(absl::StatusCode::kDataLoss, "SEALED_VALUE_INVALID",
                       absl::StrCat("citizen column ", std::string(column), " does not parse"),
                       "identity.meldpunt");
}

}  // namespace

std::string SealContext(std::string_view column, std::string_view tenant_id,
                        std::string_view citizen_id) {
  return absl::StrCat("citizens.", std::string(column), "|", std::string(tenant_id), "|",
                      std::string(citizen_id));
}

std::string NationalNumberHashContext(std::string_view tenant_id) {
  return absl::StrCat("citizens.national_number|", std::string(tenant_id));
}

v1::Citizen IdentityPart(const VerifiedIdentity& identity) {
  v1::Citizen part;
  part.set_given_names(identity.given_names);
  part.set_family_name(identity.family_name);
  part.set_birth_date(identity.birth_date);
  if (identity.official_address) *part.mutable_official_address() = *identity.official_address;
  return part;
}

common::v1::ContactPreference ContactDetails(const common::v1::ContactPreference& contact) {
  common::v1::ContactPreference details;
  details.set_email(contact.email());
  details.set_phone(contact.phone());
  if (contact.has_postal_address()) *details.mutable_postal_address() = contact.postal_address();
  return details;
}

bool HasContactDetails(const common::v1::ContactPreference& contact) {
  return !contact.email().empty() || !contact.phone().empty() || contact.has_postal_address();
}

absl::StatusOr<std::string> SealMessage(const crypto::DataProtector& protector,
                                        const google::protobuf::MessageLite& message,
                                        std::string_view column, std::string_view tenant_id,
                                        std::string_view citizen_id) {
  std::string bytes;
  if (!message.SerializeToString(&bytes)) {
    return status::Internal("SEAL_FAILED", "citizen data cannot be serialized");
  }
  return protector.Seal(bytes, SealContext(column, tenant_id, citizen_id));
}

absl::StatusOr<CitizenRow> DecodeCitizenRow(const pqxx::row& row,
                                            const crypto::DataProtector& protector) {
  CitizenRow out;
  const std::string id = row[0].as<std::string>();
  const std::string tenant = row[1].as<std::string>();
  v1::Citizen& c = out.citizen;
  c.set_id(id);
  c.set_tenant_id(tenant);

  auto number = Open(protector, row[2], "national_number", tenant, id);
  if (!number.ok()) return number.status();
  c.set_national_number(FormatNationalNumber(*number));

  auto identity = Open(protector, row[3], "identity", tenant, id);
  if (!identity.ok()) return identity.status();
  v1::Citizen identity_part;
  if (!identity_part.ParseFromString(*identity)) return Corrupt("identity_sealed");
  c.set_given_names(identity_part.given_names());
  c.set_family_name(identity_part.family_name());
  c.set_birth_date(identity_part.birth_date());
  if (identity_part.has_official_address()) {
    *c.mutable_official_address() = identity_part.official_address();
  }

  common::v1::ContactPreference* contact = c.mutable_contact();
  if (!row[4].is_null()) {
    auto details = Open(protector, row[4], "contact", tenant, id);
    if (!details.ok()) return details.status();
    if (!contact->ParseFromString(*details)) return Corrupt("contact_sealed");
  }
  contact->set_channel(api::EnumFromDb<common::v1::ContactChannel>(row[10].as<std::string>()));
  contact->set_language(api::EnumFromDb<common::v1::Language>(row[9].as<std::string>()));

  c.set_gender(api::EnumFromDb<common::v1::Gender>(row[6].as<std::string>()));
  c.set_zone_id(row[7].as<std::string>());
  if (!row[15].is_null()) c.set_zone_name(DisplayZoneName(row[15].as<std::string>()));
  c.set_profession(row[8].as<std::string>());
  c.set_assurance_level(api::EnumFromDb<common::v1::AssuranceLevel>(row[11].as<std::string>()));
  *c.mutable_verified_at() = TimestampFromMicros(row[12].as<std::int64_t>());
  *c.mutable_created_at() = TimestampFromMicros(row[13].as<std::int64_t>());
  *c.mutable_updated_at() = TimestampFromMicros(row[14].as<std::int64_t>());

  events::v1::CitizenDimensions& d = out.dimensions;
  d.set_zone_id(c.zone_id());
  d.set_gender(c.gender());
  d.set_birth_year(row[5].as<int>());
  d.set_profession(c.profession());
  d.set_language(contact->language());
  d.set_preferred_channel(contact->channel());
  out.domicile_key = row[16].as<std::string>();
  return out;
}

std::vector<v1::Consent> LoadConsents(pqxx::work& tx, std::string_view tenant_id,
                                      std::string_view citizen_id) {
  std::vector<v1::Consent> out;
  const pqxx::result rows = pg::ExecUnnamed(tx, sql::identity::list_consents,
                                            std::string(tenant_id), std::string(citizen_id));
  for (const auto& row : rows) {
    v1::Consent consent;
    consent.set_topic(row[0].as<std::string>());
    consent.set_granted(row[1].as<bool>());
    *consent.mutable_decided_at() = TimestampFromMicros(row[2].as<std::int64_t>());
    out.push_back(std::move(consent));
  }
  return out;
}

std::pair<std::string, std::string> ZoneFor(pqxx::work& tx, std::string_view tenant_id,
                                            std::string_view domicile_key) {
  if (domicile_key.empty()) return {};
  // Two zones with the same key: the lowest id wins (sql/citizens/find_domicile_zone.sql).
  const pqxx::result rows = pg::ExecUnnamed(tx, sql::identity::find_domicile_zone,
                                            std::string(tenant_id), std::string(domicile_key));
  if (rows.empty()) return {};
  return {rows[0][0].as<std::string>(), rows[0][1].as<std::string>()};
}

std::string DomicileKey(const std::optional<common::v1::PostalAddress>& address) {
  if (!address) return "";
  const std::string& country = address->country();
  if (!country.empty() && country != "BE") return "";
  return PlaceMatchKey(address->municipality());
}

absl::Status AppendCitizenEvent(pqxx::work& tx, std::string_view tenant_id,
                                std::string_view citizen_id, absl::Time now,
                                const std::function<void(events::v1::Event&)>& payload) {
  const FixedClock clock(now);
  auto event = events::NewEvent(clock, tenant_id, citizen_id, "identity");
  if (!event.ok()) return event.status();
  payload(*event);
  return events::AppendToOutbox(tx, events::StreamName("identity"), *event);
}

google::protobuf::Timestamp TimestampFromMicros(std::int64_t micros) {
  return time::ToProto(time::FromMicros(micros));
}

}  // namespace meldpunt::identity::citizen_record
