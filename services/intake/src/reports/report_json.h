#pragma once
// The JSON forms of the report parts kept in jsonb columns: attribute answers, department names
// and the contact postal address.

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/repeated_field.h"
#include "meldpunt/common/v1/address.pb.h"
#include "meldpunt/common/v1/language.pb.h"
#include "meldpunt/intake/v1/report.pb.h"

namespace meldpunt::intake {

// [{"code": "...", "values": ["..."]}]
std::string AttributeValuesToJson(const google::protobuf::RepeatedPtrField<v1::AttributeValue>& values);
absl::Status AttributeValuesFromJson(const std::string& json,
                                     google::protobuf::RepeatedPtrField<v1::AttributeValue>* out);

// [{"language": "NL", "text": "..."}]
std::string LocalizedTextsToJson(const google::protobuf::RepeatedPtrField<common::v1::LocalizedText>& texts);
absl::Status LocalizedTextsFromJson(const std::string& json,
                                    google::protobuf::RepeatedPtrField<common::v1::LocalizedText>* out);

// The proto JSON form of the address.
std::string PostalAddressToJson(const common::v1::PostalAddress& address);
absl::Status PostalAddressFromJson(const std::string& json, common::v1::PostalAddress* out);

// A text[] read back as JSON (array_to_json): ["...", "..."].
absl::Status StringsFromJson(const std::string& json, google::protobuf::RepeatedPtrField<std::string>* out);

}  // namespace meldpunt::intake
