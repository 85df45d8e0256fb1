#include "libs/events/uuid.h"
#include "libs/postgres/sql_params.h"
#include "services/identity/src/citizens/segment_filter.h"

#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "libs/api/enum_names.h"
#include "services/identity/src/citizens/profile_validation.h"

namespace meldpunt::identity {
namespace {

namespace c = common::v1;

constexpr char kDomain[] = "identity.meldpunt";

absl::Status Invalid(const char* reason, const std::string& field, std::string_view message) {
  return status::Error(absl::StatusCode::kInvalidArgument, reason,
                       absl::StrCat(field, ": ", std::string(message)), kDomain,
                       {{"field", field}});
}

bool IsZoneId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char ch : id) {
    const bool ok = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
                    (ch >= 'A' && ch <= 'Z') || ch == '.' || ch == '_' || ch == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsYear(int year) { return year >= 1000 && year <= 9999; }

std::vector<std::string> Distinct(const google::protobuf::RepeatedPtrField<std::string>& values) {
  std::set<std::string> seen(values.begin(), values.end());
  return {seen.begin(), seen.end()};
}

}  // namespace

absl::Status ValidateSegmentFilter(const c::SegmentFilter& f, std::string_view field) {
  const std::string prefix(field);
  auto name = [&](const char* part) { return absl::StrCat(prefix, ".", part); };
  if (f.zone_ids_size() > kMaxSegmentZones) {
    return Invalid(kReasonSegmentInvalid, name("zone_ids"), "at most 100 zones");
  }
  for (const auto& id : f.zone_ids()) {
    if (!IsZoneId(id)) return Invalid(kReasonSegmentInvalid, name("zone_ids"), "malformed zone id");
  }
  for (int g : f.genders()) {
    if (!c::Gender_IsValid(g)) return Invalid(kReasonSegmentInvalid, name("genders"), "unknown gender");
  }
  if (f.has_birth_year_min() && !IsYear(f.birth_year_min())) {
    return Invalid(kReasonSegmentInvalid, name("birth_year_min"), "a four-digit year is expected");
  }
  if (f.has_birth_year_max() && !IsYear(f.birth_year_max())) {
    return Invalid(kReasonSegmentInvalid, name("birth_year_max"), "a four-digit year is expected");
  }
  if (f.has_birth_year_min() && f.has_birth_year_max() && f.birth_year_min() > f.birth_year_max()) {
    return Invalid(kReasonSegmentInvalid, name("birth_year_min"),
                   "must not be after birth_year_max");
  }
  if (f.professions_size() > kMaxSegmentProfessions) {
    return Invalid(kReasonSegmentInvalid, name("professions"), "at most 50 professions");
  }
  for (const auto& p : f.professions()) {
    if (!IsProfessionCode(p)) {
      return Invalid(kReasonSegmentInvalid, name("professions"), "malformed profession code");
    }
  }
  if (f.consent_topics_size() > kMaxSegmentConsentTopics) {
    return Invalid(kReasonSegmentInvalid, name("consent_topics"), "at most 20 topics");
  }
  for (const auto& t : f.consent_topics()) {
    if (!IsConsentTopic(t)) {
      return Invalid(kReasonConsentTopicInvalid, name("consent_topics"), "malformed consent topic");
    }
  }
  for (int l : f.languages()) {
    if (!c::Language_IsValid(l)) {
      return Invalid(kReasonSegmentInvalid, name("languages"), "unknown language");
    }
  }
  if (f.citizen_ids_size() > kMaxSegmentCitizenIds) {
    return Invalid(kReasonSegmentInvalid, name("citizen_ids"), "at most 10000 citizen ids");
  }
  for (const auto& id : f.citizen_ids()) {
    if (!events::IsUuid(id)) return Invalid(kReasonSegmentInvalid, name("citizen_ids"), "malformed citizen id");
  }
  return absl::OkStatus();
}

absl::Status ValidateGroupBy(const google::protobuf::RepeatedField<int>& group_by) {
  if (group_by.size() > kMaxGroupBy) {
    return Invalid(kReasonGroupByInvalid, "group_by", "at most 3 dimensions");
  }
  std::set<int> seen;
  for (int d : group_by) {
    if (!c::SegmentDimension_IsValid(d) || d == c::SEGMENT_DIMENSION_UNSPECIFIED) {
      return Invalid(kReasonGroupByInvalid, "group_by", "unknown dimension");
    }
    if (!seen.insert(d).second) {
      return Invalid(kReasonGroupByInvalid, "group_by", "a dimension may be named once");
    }
  }
  return absl::OkStatus();
}

std::string SegmentConditionSql(const c::SegmentFilter& f, pg::SqlParams& p) {
  std::string sql;
  if (f.zone_ids_size() > 0) {
    absl::StrAppend(&sql, " AND c.zone_id = ANY(", p.Add(pg::TextArray(Distinct(f.zone_ids()))),
                    "::text[])");
  }
  bool any_gender = f.genders_size() == 0;
  std::vector<std::string> genders;
  for (int g : f.genders()) {
    if (g == c::GENDER_UNSPECIFIED) any_gender = true;
    genders.push_back(api::EnumToDb(static_cast<c::Gender>(g)));
  }
  if (!any_gender) absl::StrAppend(&sql, " AND c.gender = ANY(", p.Add(pg::TextArray(genders)), "::text[])");
  if (f.has_birth_year_min()) {
    absl::StrAppend(&sql, " AND c.birth_year >= ", p.Add(absl::StrCat(f.birth_year_min())), "::int");
  }
  if (f.has_birth_year_max()) {
    absl::StrAppend(&sql, " AND c.birth_year <> 0 AND c.birth_year <= ",
                    p.Add(absl::StrCat(f.birth_year_max())), "::int");
  }
  if (f.professions_size() > 0) {
    absl::StrAppend(&sql, " AND c.profession = ANY(", p.Add(pg::TextArray(Distinct(f.professions()))),
                    "::text[])");
  }
  if (f.languages_size() > 0) {
    std::vector<std::string> languages;
    for (int l : f.languages()) languages.push_back(api::EnumToDb(static_cast<c::Language>(l)));
    absl::StrAppend(&sql, " AND c.language = ANY(", p.Add(pg::TextArray(languages)), "::text[])");
  }
  if (f.citizen_ids_size() > 0) {
    absl::StrAppend(&sql, " AND c.id = ANY(", p.Add(pg::TextArray(Distinct(f.citizen_ids()))),
                    "::uuid[])");
  }
  if (f.consent_topics_size() > 0) {
    const std::vector<std::string> topics = Distinct(f.consent_topics());
    // Separate statements: the order of arguments' evaluation in one call is unspecified.
    const std::string topics_param = p.Add(pg::TextArray(topics));
    const std::string count_param = p.Add(absl::StrCat(topics.size()));
    absl::StrAppend(&sql,
                    " AND (SELECT count(*) FROM citizen_consents k WHERE k.tenant_id = c.tenant_id"
                    " AND k.citizen_id = c.id AND k.granted AND k.topic = ANY(",
                    topics_param, "::text[])) = ", count_param, "::bigint");
  }
  return sql;
}

const char* DimensionColumn(c::SegmentDimension dimension) {
  switch (dimension) {
    case c::SEGMENT_DIMENSION_ZONE:
      return "c.zone_id";
    case c::SEGMENT_DIMENSION_GENDER:
      return "c.gender";
    case c::SEGMENT_DIMENSION_BIRTH_YEAR:
      return "c.birth_year";
    case c::SEGMENT_DIMENSION_PROFESSION:
      return "c.profession";
    case c::SEGMENT_DIMENSION_LANGUAGE:
      return "c.language";
    default:
      return nullptr;
  }
}

}  // namespace meldpunt::identity
