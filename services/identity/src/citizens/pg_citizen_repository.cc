// PgCitizenRepository::UpsertIdentified, ::Get and ::UpdateProfile: one citizen at a time.
#include "services/identity/src/citizens/pg_citizen_repository.h"

#include "services/identity/src/citizens/assurance.h"
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/auth/tenant_scope.h"
#include "libs/events/uuid.h"
#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "services/identity/src/citizens/citizen_record.h"
#include "libs/api/enum_names.h"
#include "services/identity/src/citizens/profile_validation.h"
#include "services/identity/src/citizens/segment_filter.h"
#include "services/identity/src/events/citizen_events.h"
#include "sql/identity.h"

namespace meldpunt::identity {
namespace {

namespace rec = citizen_record;
namespace c = common::v1;

namespace q = sql::identity;

constexpr char kDomain[] = "identity.meldpunt";

absl::Status NotFound() {
  return status::Error(absl::StatusCode::kNotFound, kReasonCitizenNotFound,
                       "no citizen with that id", kDomain);
}

bool IsElevenDigits(std::string_view number) {
  if (number.size() != 11) return false;
  for (char ch : number) {
    if (ch < '0' || ch > '9') return false;
  }
  return true;
}

pqxx::binarystring Bytes(const std::string& bytes) {
  return pqxx::binarystring(bytes.data(), bytes.size());
}

std::string Micros(absl::Time t) { return absl::StrCat(absl::ToUnixMicros(t)); }

// The row of citizen_id, locked for update first when lock is set; nullopt when there is none.
absl::StatusOr<std::optional<rec::CitizenRow>> Find(pqxx::work& tx,
                                                    const crypto::DataProtector& protector,
                                                    const std::string& tenant,
                                                    const std::string& citizen_id, bool lock) {
  if (lock && pg::ExecUnnamed(tx, q::lock_citizen, tenant, citizen_id).empty()) {
    return std::optional<rec::CitizenRow>();
  }
  const pqxx::result rows = pg::ExecUnnamed(tx, q::find_citizen, tenant, citizen_id);
  if (rows.empty()) return std::optional<rec::CitizenRow>();
  auto row = rec::DecodeCitizenRow(rows[0], protector);
  if (!row.ok()) return row.status();
  return std::optional<rec::CitizenRow>(std::move(*row));
}

// The person's row by the keyed hash of their national number, locked.
absl::StatusOr<std::optional<rec::CitizenRow>> FindByHash(pqxx::work& tx,
                                                          const crypto::DataProtector& protector,
                                                          const std::string& tenant,
                                                          const std::string& hash) {
  const pqxx::result ids = pg::ExecUnnamed(tx, q::lock_citizen_by_number_hash, tenant, Bytes(hash));
  if (ids.empty()) return std::optional<rec::CitizenRow>();
  return Find(tx, protector, tenant, ids[0][0].as<std::string>(), false);
}

// The whole profile as answered: row and consents.
absl::StatusOr<v1::Citizen> Load(pqxx::work& tx, const crypto::DataProtector& protector,
                                 const std::string& tenant, const std::string& citizen_id) {
  auto row = Find(tx, protector, tenant, citizen_id, false);
  if (!row.ok()) return row.status();
  if (!row->has_value()) return NotFound();
  v1::Citizen citizen = std::move((*row)->citizen);
  for (auto& consent : rec::LoadConsents(tx, tenant, citizen_id)) {
    *citizen.add_consents() = std::move(consent);
  }
  return citizen;
}

absl::Status WriteAudit(pqxx::work& tx, const std::string& tenant, const std::string& citizen_id,
                        const AuditEntry& audit) {
  if (audit.staff_id.empty() || (audit.action != "read" && audit.action != "update")) {
    return status::Internal("AUDIT_ENTRY_INVALID", "audit entry without staff id or action");
  }
  pg::ExecUnnamed(tx, q::insert_access_log, tenant, citizen_id, audit.staff_id, audit.action,
                  audit.reason, Micros(audit.at));
  return absl::OkStatus();
}

// A refreshed identity keeps what the new identification does not tell: a federal login gives
// names and number but no address, which must not erase the one the eID card gave.
v1::Citizen MergeIdentity(const v1::Citizen& stored, const VerifiedIdentity& fresh) {
  v1::Citizen merged;
  merged.set_given_names(fresh.given_names.empty() ? stored.given_names() : fresh.given_names);
  merged.set_family_name(fresh.family_name.empty() ? stored.family_name() : fresh.family_name);
  merged.set_birth_date(fresh.birth_date.empty() ? stored.birth_date() : fresh.birth_date);
  if (fresh.official_address) {
    *merged.mutable_official_address() = *fresh.official_address;
  } else if (stored.has_official_address()) {
    *merged.mutable_official_address() = stored.official_address();
  }
  return merged;
}

absl::Status ValidateIdentity(const VerifiedIdentity& identity) {
  if (!IsElevenDigits(identity.national_number)) {
    return status::Error(absl::StatusCode::kInvalidArgument, "NATIONAL_NUMBER_INVALID",
                         "national number must be 11 digits", kDomain);
  }
  if (!c::Gender_IsValid(identity.gender) || !common::v1::AssuranceLevel_IsValid(identity.assurance) ||
      !c::Language_IsValid(identity.language)) {
    return status::Error(absl::StatusCode::kInvalidArgument, "IDENTITY_INVALID",
                         "identity carries an unknown gender, assurance level or language",
                         kDomain);
  }
  return absl::OkStatus();
}

c::Language InitialLanguage(c::Language preferred, c::Language from_provider) {
  if (preferred != c::LANGUAGE_UNSPECIFIED && c::Language_IsValid(preferred)) return preferred;
  if (from_provider != c::LANGUAGE_UNSPECIFIED) return from_provider;
  return c::LANGUAGE_NL;  // every tenant is Flemish: Dutch is the fallback everywhere
}

}  // namespace

absl::StatusOr<IdentifiedCitizen> PgCitizenRepository::UpsertIdentified(
    std::string_view tenant_id, const VerifiedIdentity& identity,
    common::v1::Language preferred_language, absl::Time now) {
  if (absl::Status valid = ValidateIdentity(identity); !valid.ok()) return valid;
  const std::string tenant(tenant_id);
  const std::string hash = protector_->KeyedHash(rec::NationalNumberHashContext(tenant),
                                                 identity.national_number);
  IdentifiedCitizen out;
  absl::Status s = auth::TransactInTenant(*pool_, tenant, [&](pqxx::work& tx) -> absl::Status {
    out = IdentifiedCitizen{};
    auto existing = FindByHash(tx, *protector_, tenant, hash);
    if (!existing.ok()) return existing.status();
    std::string citizen_id;

    if (!existing->has_value()) {
      auto id = events::NewUuidV4();
      if (!id.ok()) return id.status();
      citizen_id = *id;
      auto number = protector_->Seal(identity.national_number,
                                     rec::SealContext("national_number", tenant, citizen_id));
      if (!number.ok()) return number.status();
      auto sealed = rec::SealMessage(*protector_, rec::IdentityPart(identity), "identity", tenant,
                                     citizen_id);
      if (!sealed.ok()) return sealed.status();
      const std::string domicile = rec::DomicileKey(identity.official_address);
      const auto zone = rec::ZoneFor(tx, tenant, domicile);
      events::v1::CitizenDimensions dims;
      dims.set_zone_id(zone.first);
      dims.set_gender(identity.gender);
      dims.set_birth_year(BirthYearOf(identity.birth_date));
      dims.set_language(InitialLanguage(preferred_language, identity.language));
      dims.set_preferred_channel(c::CONTACT_CHANNEL_UNSPECIFIED);
      const pqxx::result inserted = pg::ExecUnnamed(
          tx, q::insert_citizen, citizen_id, tenant, Bytes(hash), Bytes(*number), Bytes(*sealed),
          absl::StrCat(dims.birth_year()), api::EnumToDb(dims.gender()), dims.zone_id(), domicile,
          api::EnumToDb(dims.language()), api::EnumToDb(identity.assurance), Micros(now));
      if (!inserted.empty()) {
        out.created = true;
        if (absl::Status e = rec::AppendCitizenEvent(
                tx, tenant, citizen_id, now,
                [&](events::v1::Event& ev) {
                  *ev.mutable_citizen_registered() = CitizenRegisteredFor(citizen_id, dims);
                });
            !e.ok()) {
          return e;
        }
      } else {
        // Someone else registered the same person a moment ago: refresh theirs instead.
        existing = FindByHash(tx, *protector_, tenant, hash);
        if (!existing.ok()) return existing.status();
        if (!existing->has_value()) {
          return status::Error(absl::StatusCode::kAborted, "CITIZEN_CONFLICT",
                               "concurrent registration; try again", kDomain);
        }
      }
    }

    if (!out.created) {
      const rec::CitizenRow& row = **existing;
      citizen_id = row.citizen.id();
      const v1::Citizen merged = MergeIdentity(row.citizen, identity);
      auto sealed = rec::SealMessage(*protector_, merged, "identity", tenant, citizen_id);
      if (!sealed.ok()) return sealed.status();
      std::string domicile = row.domicile_key;
      std::string zone_id = row.dimensions.zone_id();
      if (identity.official_address) {
        domicile = rec::DomicileKey(identity.official_address);
        zone_id = rec::ZoneFor(tx, tenant, domicile).first;
      }
      events::v1::CitizenDimensions dims = row.dimensions;
      dims.set_zone_id(zone_id);
      if (identity.gender != c::GENDER_UNSPECIFIED) dims.set_gender(identity.gender);
      if (!identity.birth_date.empty()) dims.set_birth_year(BirthYearOf(identity.birth_date));
      // A weaker login (copied card files after a card challenge) never lowers what is stored.
      const common::v1::AssuranceLevel assurance =
          BestAssurance(row.citizen.assurance_level(), identity.assurance);
      pg::ExecUnnamed(tx, q::refresh_citizen_identity, tenant, citizen_id, Bytes(*sealed),
                      absl::StrCat(dims.birth_year()), api::EnumToDb(dims.gender()), dims.zone_id(),
                      domicile, api::EnumToDb(assurance), Micros(now));
      if (!SameDimensions(dims, row.dimensions)) {
        if (absl::Status e = rec::AppendCitizenEvent(
                tx, tenant, citizen_id, now,
                [&](events::v1::Event& ev) {
                  *ev.mutable_citizen_profile_changed() =
                      CitizenProfileChangedFor(citizen_id, dims);
                });
            !e.ok()) {
          return e;
        }
      }
    }

    auto citizen = Load(tx, *protector_, tenant, citizen_id);
    if (!citizen.ok()) return citizen.status();
    out.citizen = std::move(*citizen);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<v1::Citizen> PgCitizenRepository::Get(std::string_view tenant_id,
                                                     std::string_view citizen_id,
                                                     const AuditEntry* audit) {
  // A malformed id names nobody; it must not reach a uuid cast as an SQL error.
  if (!events::IsUuid(citizen_id)) return NotFound();
  const std::string tenant(tenant_id);
  const std::string id(citizen_id);
  v1::Citizen out;
  absl::Status s = auth::TransactInTenant(*pool_, tenant, [&](pqxx::work& tx) -> absl::Status {
    auto citizen = Load(tx, *protector_, tenant, id);
    if (!citizen.ok()) return citizen.status();
    if (audit != nullptr) {
      if (absl::Status a = WriteAudit(tx, tenant, id, *audit); !a.ok()) return a;
    }
    out = std::move(*citizen);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<v1::Citizen> PgCitizenRepository::UpdateProfile(
    std::string_view tenant_id, const v1::UpdateCitizenProfileRequest& request,
    std::string_view citizen_id, const AuditEntry* audit, absl::Time now) {
  if (!events::IsUuid(citizen_id)) return NotFound();
  const std::string tenant(tenant_id);
  const std::string id(citizen_id);
  v1::Citizen out;
  absl::Status s = auth::TransactInTenant(*pool_, tenant, [&](pqxx::work& tx) -> absl::Status {
    auto found = Find(tx, *protector_, tenant, id, true);
    if (!found.ok()) return found.status();
    if (!found->has_value()) return NotFound();
    const rec::CitizenRow& row = **found;

    EditableProfile profile;
    profile.contact = row.citizen.contact();
    profile.profession = row.citizen.profession();
    if (absl::Status applied =
            ApplyProfileUpdate(request, row.citizen.has_official_address(), profile);
        !applied.ok()) {
      return applied;
    }

    std::optional<std::string> sealed_contact;
    const c::ContactPreference details = rec::ContactDetails(profile.contact);
    if (rec::HasContactDetails(details)) {
      auto sealed = rec::SealMessage(*protector_, details, "contact", tenant, id);
      if (!sealed.ok()) return sealed.status();
      sealed_contact = std::move(*sealed);
    }
    const std::string language = api::EnumToDb(profile.contact.language());
    const std::string channel = api::EnumToDb(profile.contact.channel());
    if (sealed_contact) {
      pg::ExecUnnamed(tx, q::update_citizen_profile, tenant, id, Bytes(*sealed_contact), language,
                      channel, profile.profession, Micros(now));
    } else {
      pg::ExecUnnamed(tx, q::update_citizen_profile, tenant, id, nullptr, language, channel,
                      profile.profession, Micros(now));
    }

    events::v1::CitizenDimensions dims = row.dimensions;
    dims.set_profession(profile.profession);
    dims.set_language(profile.contact.language());
    dims.set_preferred_channel(profile.contact.channel());
    if (!SameDimensions(dims, row.dimensions)) {
      if (absl::Status e = rec::AppendCitizenEvent(
              tx, tenant, id, now,
              [&](events::v1::Event& ev) {
                *ev.mutable_citizen_profile_changed() = CitizenProfileChangedFor(id, dims);
              });
          !e.ok()) {
        return e;
      }
    }

    // A decision repeating the current one changes nothing: its time stays when the citizen
    // first decided so, and no event is sent.
    for (const auto& decision : request.consents()) {
      const pqxx::result current =
          pg::ExecUnnamed(tx, q::find_consent, tenant, id, decision.topic());
      if (!current.empty() && current[0][0].as<bool>() == decision.granted()) continue;
      pg::ExecUnnamed(tx, q::record_consent, tenant, id, decision.topic(), decision.granted(),
                      Micros(now));
      if (absl::Status e = rec::AppendCitizenEvent(
              tx, tenant, id, now,
              [&](events::v1::Event& ev) {
                *ev.mutable_consent_changed() =
                    ConsentChangedFor(id, decision.topic(), decision.granted(), now);
              });
          !e.ok()) {
        return e;
      }
    }

    if (audit != nullptr) {
      if (absl::Status a = WriteAudit(tx, tenant, id, *audit); !a.ok()) return a;
    }
    auto citizen = Load(tx, *protector_, tenant, id);
    if (!citizen.ok()) return citizen.status();
    out = std::move(*citizen);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace meldpunt::identity
