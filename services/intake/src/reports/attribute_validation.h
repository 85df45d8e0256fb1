#pragma once
// Checks a report's answers against its category's attributes (Open311 service definition) and
// puts them in a canonical form: in the category's attribute order, empty answers dropped. Pure.

#include "absl/status/statusor.h"
#include "google/protobuf/repeated_field.h"
#include "meldpunt/intake/v1/category.pb.h"
#include "meldpunt/intake/v1/report.pb.h"

namespace meldpunt::intake {

inline constexpr char kReasonAttributeUnknown[] = "ATTRIBUTE_UNKNOWN";
inline constexpr char kReasonAttributeInvalid[] = "ATTRIBUTE_INVALID";
inline constexpr char kReasonAttributeRequired[] = "ATTRIBUTE_REQUIRED";

// INVALID_ARGUMENT with reason
//   ATTRIBUTE_UNKNOWN  a code the category does not have (or an informational one),
//   ATTRIBUTE_INVALID  an answer of the wrong form for its datatype, a code given twice,
//   ATTRIBUTE_REQUIRED a required attribute without an answer,
// each naming the attribute in the message and in ErrorInfo metadata "attribute".
absl::StatusOr<google::protobuf::RepeatedPtrField<v1::AttributeValue>> ValidateAttributeValues(
    const v1::Category& category,
    const google::protobuf::RepeatedPtrField<v1::AttributeValue>& values);

// A decimal number with '.' as separator: optional '-', digits, optional '.' and digits.
bool IsDecimalNumber(const std::string& text);

// An RFC 3339 instant with offset ("2026-03-14T08:30:00+01:00", "...Z").
bool IsRfc3339Instant(const std::string& text);

}  // namespace meldpunt::intake
