#pragma once
// How a citizen is laid out in PostgreSQL, shared by the parts of PgCitizenRepository: which
// personal data is sealed with which associated data, the columns read back, and the event
// append. Internal to the citizens library.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pqxx/row>
#include <pqxx/transaction>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "meldpunt/events/v1/citizen_events.pb.h"
#include "meldpunt/events/v1/event.pb.h"
#include "meldpunt/identity/v1/citizen.pb.h"
#include "services/identity/src/citizens/verified_identity.h"
#include "services/identity/src/crypto/data_protector.h"

namespace meldpunt::identity::citizen_record {

// Associated data of a sealed column: "citizens.<column>|<tenant>|<citizen id>", so a sealed
// value copied into another row, tenant or column does not open.
std::string SealContext(std::string_view column, std::string_view tenant_id,
                        std::string_view citizen_id);

// Keyed-hash context of the national number: per tenant, so the same person's rows in two
// tenants share no value either.
std::string NationalNumberHashContext(std::string_view tenant_id);

// What identity_sealed holds: a Citizen with only given_names, family_name, birth_date and
// official_address set.
v1::Citizen IdentityPart(const VerifiedIdentity& identity);

// What contact_sealed holds: email, phone and postal_address only (channel and language are
// columns); empty when none is set.
common::v1::ContactPreference ContactDetails(const common::v1::ContactPreference& contact);
bool HasContactDetails(const common::v1::ContactPreference& contact);

// Seal a message under the column's context.
absl::StatusOr<std::string> SealMessage(const crypto::DataProtector& protector,
                                        const google::protobuf::MessageLite& message,
                                        std::string_view column, std::string_view tenant_id,
                                        std::string_view citizen_id);

// One decoded row of sql/citizens/find_citizen*.sql (alias c, zone names z).
struct CitizenRow {
  v1::Citizen citizen;  // unmasked; consents not loaded
  events::v1::CitizenDimensions dimensions;
  std::string domicile_key;
};

// DATA_LOSS SEALED_VALUE_INVALID when a sealed column does not open (wrong key or altered row).
absl::StatusOr<CitizenRow> DecodeCitizenRow(const pqxx::row& row,
                                            const crypto::DataProtector& protector);

// The latest decision per topic, ordered by topic.
std::vector<v1::Consent> LoadConsents(pqxx::work& tx, std::string_view tenant_id,
                                      std::string_view citizen_id);

// The zone (id, published name) whose match key equals domicile_key; empty id when none.
std::pair<std::string, std::string> ZoneFor(pqxx::work& tx, std::string_view tenant_id,
                                            std::string_view domicile_key);

// The match key of an official address: its municipality's, for a Belgian address; "" otherwise.
std::string DomicileKey(const std::optional<common::v1::PostalAddress>& address);

// Writes an identity event about citizen_id to the outbox within tx, occurred at now. payload
// sets the event's payload.
absl::Status AppendCitizenEvent(pqxx::work& tx, std::string_view tenant_id,
                                std::string_view citizen_id, absl::Time now,
                                const std::function<void(events::v1::Event&)>& payload);

// Microseconds since the epoch, as the statements give instants back, exactly.
google::protobuf::Timestamp TimestampFromMicros(std::int64_t micros);

}  // namespace meldpunt::identity::citizen_record
