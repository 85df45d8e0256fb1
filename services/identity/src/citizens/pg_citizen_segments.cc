// PgCitizenRepository::ResolveContacts and ::CountCitizens: the internal questions other services
// ask about many citizens at once.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/events/uuid.h"
#include "libs/api/page_token.h"
#include "libs/auth/tenant_scope.h"
#include "libs/postgres/sql_params.h"
#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "services/identity/src/citizens/citizen_record.h"
#include "libs/api/enum_names.h"
#include "services/identity/src/citizens/pg_citizen_repository.h"
#include "services/identity/src/citizens/segment_filter.h"
#include "sql/identity.h"

namespace meldpunt::identity {
namespace {

namespace rec = citizen_record;
namespace c = common::v1;

constexpr char kDomain[] = "identity.meldpunt";
constexpr int kMaxContactIds = 500;
constexpr int kDefaultContactPage = 500;
constexpr int kMaxContactPage = 1000;

// Only what a message needs: the national number is not even opened. The segment query is
// assembled from its filters here; the one by ids is sql/citizens/find_contacts_by_id.sql.
constexpr char kSelectContact[] =
    "SELECT c.id::text, c.identity_sealed, c.contact_sealed, c.language, c.preferred_channel"
    " FROM citizens c";

absl::Status Invalid(const char* reason, const std::string& field, std::string_view message) {
  return status::Error(absl::StatusCode::kInvalidArgument, reason,
                       absl::StrCat(field, ": ", std::string(message)), kDomain,
                       {{"field", field}});
}

absl::StatusOr<v1::CitizenContact> ContactFromRow(const pqxx::row& row, const std::string& tenant,
                                                  const crypto::DataProtector& protector) {
  v1::CitizenContact out;
  const std::string id = row[0].as<std::string>();
  out.set_citizen_id(id);
  const pqxx::binarystring identity_sealed(row[1]);
  auto identity = protector.Open(std::string_view(identity_sealed.get(), identity_sealed.size()),
                                 rec::SealContext("identity", tenant, id));
  if (!identity.ok()) return identity.status();
  v1::Citizen identity_part;
  if (!identity_part.ParseFromString(*identity)) {
    return status::Error(absl::StatusCode::kDataLoss, "SEALED_VALUE_INVALID",
                         "citizen column identity_sealed does not parse", kDomain);
  }
  out.set_given_names(identity_part.given_names());
  out.set_family_name(identity_part.family_name());
  c::ContactPreference* contact = out.mutable_contact();
  if (!row[2].is_null()) {
    const pqxx::binarystring contact_sealed(row[2]);
    auto details = protector.Open(std::string_view(contact_sealed.get(), contact_sealed.size()),
                                  rec::SealContext("contact", tenant, id));
    if (!details.ok()) return details.status();
    if (!contact->ParseFromString(*details)) {
      return status::Error(absl::StatusCode::kDataLoss, "SEALED_VALUE_INVALID",
                           "citizen column contact_sealed does not parse", kDomain);
    }
  }
  contact->set_language(api::EnumFromDb<common::v1::Language>(row[3].as<std::string>()));
  contact->set_channel(api::EnumFromDb<common::v1::ContactChannel>(row[4].as<std::string>()));
  // Letters go to the official address unless the citizen gave another one.
  if (!contact->has_postal_address() && identity_part.has_official_address()) {
    *contact->mutable_postal_address() = identity_part.official_address();
  }
  return out;
}

std::string ContactsFingerprint(const c::SegmentFilter& segment) {
  return absl::StrCat("resolve-contacts|", segment.SerializeAsString());
}

}  // namespace

absl::StatusOr<v1::ResolveContactsResponse> PgCitizenRepository::ResolveContacts(
    std::string_view tenant_id, const v1::ResolveContactsRequest& request) {
  const bool by_ids = request.citizen_ids_size() > 0;
  if (by_ids == request.has_segment()) {
    return Invalid("CONTACTS_TARGET_INVALID", "citizen_ids",
                   "give exactly one of citizen_ids and segment");
  }
  const std::string tenant(tenant_id);
  v1::ResolveContactsResponse out;

  if (by_ids) {
    if (request.citizen_ids_size() > kMaxContactIds) {
      return Invalid("CITIZEN_IDS_TOO_MANY", "citizen_ids", "at most 500 citizen ids");
    }
    std::vector<std::string> ids;  // in request order, once each
    std::set<std::string> seen;
    for (const auto& id : request.citizen_ids()) {
      if (seen.insert(id).second) ids.push_back(id);
    }
    std::vector<std::string> wellformed;
    for (const auto& id : ids) {
      if (events::IsUuid(id)) wellformed.push_back(id);
    }
    std::map<std::string, v1::CitizenContact> found;
    absl::Status s = auth::TransactInTenant(*pool_, tenant, [&](pqxx::work& tx) -> absl::Status {
      found.clear();
      if (wellformed.empty()) return absl::OkStatus();
      const pqxx::result rows = pg::ExecUnnamed(tx, sql::identity::find_contacts_by_id, tenant,
                                                pg::TextArray(wellformed));
      for (const auto& row : rows) {
        auto contact = ContactFromRow(row, tenant, *protector_);
        if (!contact.ok()) return contact.status();
        found.emplace(contact->citizen_id(), std::move(*contact));
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
    // PostgreSQL prints uuids in lower case; the caller's spelling is matched case-blind.
    std::map<std::string, const v1::CitizenContact*> by_lower;
    for (const auto& [id, contact] : found) by_lower[id] = &contact;
    for (const auto& id : ids) {
      std::string lower = id;
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      auto it = by_lower.find(lower);
      if (it == by_lower.end()) {
        out.add_not_found_citizen_ids(id);
      } else {
        *out.add_contacts() = *it->second;
      }
    }
    return out;
  }

  const c::SegmentFilter& segment = request.segment();
  if (absl::Status valid = ValidateSegmentFilter(segment, "segment"); !valid.ok()) return valid;
  if (segment.consent_topics_size() == 0) {
    return Invalid(kReasonConsentTopicRequired, "segment.consent_topics",
                   "contacting a segment needs at least one consent topic");
  }
  auto page_size = api::EffectivePageSize(request.page_size(), kDefaultContactPage, kMaxContactPage);
  if (!page_size.ok()) return page_size.status();
  const std::string fingerprint = ContactsFingerprint(segment);
  auto cursor = api::DecodePageToken(request.page_token(), tenant, fingerprint);
  if (!cursor.ok()) return cursor.status();
  if (!cursor->empty() && (cursor->size() != 1 || !events::IsUuid((*cursor)[0]))) {
    return status::Error(absl::StatusCode::kInvalidArgument, api::kReasonPageTokenInvalid,
                         "page_token is malformed or was issued for another query", kDomain);
  }

  absl::Status s = auth::TransactInTenant(*pool_, tenant, [&](pqxx::work& tx) -> absl::Status {
    out.Clear();
    pg::SqlParams p;
    std::string sql = absl::StrCat(kSelectContact, " WHERE c.tenant_id = ", p.Add(tenant));
    sql += SegmentConditionSql(segment, p);
    if (!cursor->empty()) absl::StrAppend(&sql, " AND c.id > ", p.Add((*cursor)[0]), "::uuid");
    absl::StrAppend(&sql, " ORDER BY c.id LIMIT ", p.Add(absl::StrCat(*page_size + 1)), "::int");
    const pqxx::result rows = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(p.values()));
    const int n = std::min<int>(static_cast<int>(rows.size()), *page_size);
    for (int i = 0; i < n; ++i) {
      auto contact = ContactFromRow(rows[i], tenant, *protector_);
      if (!contact.ok()) return contact.status();
      *out.add_contacts() = std::move(*contact);
    }
    if (static_cast<int>(rows.size()) > *page_size) {
      out.set_next_page_token(
          api::EncodePageToken(tenant, fingerprint, {out.contacts(n - 1).citizen_id()}));
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<v1::CountCitizensResponse> PgCitizenRepository::CountCitizens(
    std::string_view tenant_id, const v1::CountCitizensRequest& request) {
  if (absl::Status valid = ValidateSegmentFilter(request.filter(), "filter"); !valid.ok()) {
    return valid;
  }
  if (absl::Status valid = ValidateGroupBy(request.group_by()); !valid.ok()) return valid;
  std::vector<c::SegmentDimension> dimensions;
  std::string columns;
  for (int d : request.group_by()) {
    dimensions.push_back(static_cast<c::SegmentDimension>(d));
    absl::StrAppend(&columns, columns.empty() ? "" : ", ", DimensionColumn(dimensions.back()));
  }
  const std::string tenant(tenant_id);
  v1::CountCitizensResponse out;
  absl::Status s = auth::TransactInTenant(*pool_, tenant, [&](pqxx::work& tx) -> absl::Status {
    out.Clear();
    pg::SqlParams p;
    std::string sql = absl::StrCat("SELECT ", columns, columns.empty() ? "" : ", ",
                                   "count(*) FROM citizens c WHERE c.tenant_id = ", p.Add(tenant));
    sql += SegmentConditionSql(request.filter(), p);
    if (!columns.empty()) absl::StrAppend(&sql, " GROUP BY ", columns, " ORDER BY ", columns);
    const pqxx::result rows = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(p.values()));
    std::int64_t total = 0;
    for (const auto& row : rows) {
      const std::int64_t count = row[static_cast<int>(dimensions.size())].as<std::int64_t>();
      total += count;
      if (dimensions.empty()) continue;
      c::SegmentBucket* bucket = out.add_buckets();
      bucket->set_count(count);
      for (std::size_t i = 0; i < dimensions.size(); ++i) {
        const pqxx::field field = row[static_cast<int>(i)];
        switch (dimensions[i]) {
          case c::SEGMENT_DIMENSION_ZONE:
            bucket->set_zone_id(field.as<std::string>());
            break;
          case c::SEGMENT_DIMENSION_GENDER:
            bucket->set_gender(api::EnumFromDb<common::v1::Gender>(field.as<std::string>()));
            break;
          case c::SEGMENT_DIMENSION_BIRTH_YEAR:
            bucket->set_birth_year(field.as<int>());
            break;
          case c::SEGMENT_DIMENSION_PROFESSION:
            bucket->set_profession(field.as<std::string>());
            break;
          case c::SEGMENT_DIMENSION_LANGUAGE:
            bucket->set_language(api::EnumFromDb<common::v1::Language>(field.as<std::string>()));
            break;
          default:
            break;
        }
      }
    }
    out.set_total(total);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace meldpunt::identity
