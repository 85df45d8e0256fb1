#pragma once
// Segments of citizens (proto/meldpunt/common/v1/segment.proto): validation, and the SQL
// condition over the citizens table (alias c) with every value bound as a parameter. Pure.

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "google/protobuf/repeated_field.h"
#include "libs/postgres/sql_params.h"
#include "meldpunt/common/v1/segment.pb.h"

namespace meldpunt::identity {

// INVALID_ARGUMENT reasons (metadata "field" names the field).
inline constexpr char kReasonSegmentInvalid[] = "SEGMENT_INVALID";
inline constexpr char kReasonGroupByInvalid[] = "GROUP_BY_INVALID";
inline constexpr char kReasonConsentTopicRequired[] = "CONSENT_TOPIC_REQUIRED";

inline constexpr int kMaxSegmentZones = 100;
inline constexpr int kMaxSegmentProfessions = 50;
inline constexpr int kMaxSegmentConsentTopics = 20;
inline constexpr int kMaxSegmentCitizenIds = 10000;
inline constexpr int kMaxGroupBy = 3;

// Limits and formats of every field (zone ids 1–64 of letters, digits, '.', '_', '-'; known
// enum values; four-digit birth years, min ≤ max; profession codes and consent topics as
// profile_validation.h defines them; citizen ids as UUIDs). field prefixes the field names.
absl::Status ValidateSegmentFilter(const common::v1::SegmentFilter& filter, std::string_view field);

// At most kMaxGroupBy known dimensions, none twice, none UNSPECIFIED.
absl::Status ValidateGroupBy(const google::protobuf::RepeatedField<int>& group_by);

// " AND ..." conditions for a validated filter; "" when it does not filter. A gender list holding
// GENDER_UNSPECIFIED does not filter on gender ("any"); a birth-year bound leaves out citizens
// whose birth year is unknown; consent topics must all be granted.
std::string SegmentConditionSql(const common::v1::SegmentFilter& filter, pg::SqlParams& params);

// The citizens column of a dimension, e.g. "c.zone_id"; nullptr for UNSPECIFIED or unknown.
const char* DimensionColumn(common::v1::SegmentDimension dimension);

}  // namespace meldpunt::identity
