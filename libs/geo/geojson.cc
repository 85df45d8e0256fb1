#include "libs/geo/geojson.h"

#include "libs/status/status.h"

namespace meldpunt::geo {

using nlohmann::json;

absl::Status GeoJsonInvalid(std::string_view message, std::string_view domain) {
  return status::Error(absl::StatusCode::kInvalidArgument, kReasonGeoJsonInvalid, message, domain);
}

absl::StatusOr<json> ParseGeoJson(const std::string& text, std::string_view domain) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return GeoJsonInvalid("the file is not valid JSON", domain);
  if (!doc.is_object()) return GeoJsonInvalid("the file is not a GeoJSON object", domain);
  return doc;
}

std::string TypeOf(const json& value) {
  if (!value.is_object()) return "";
  auto it = value.find("type");
  return it != value.end() && it->is_string() ? it->get<std::string>() : "";
}

absl::StatusOr<std::vector<json>> Features(const json& doc, bool single_allowed,
                                           std::string_view domain) {
  if (TypeOf(doc) == "FeatureCollection") {
    auto features = doc.find("features");
    if (features == doc.end() || !features->is_array()) {
      return GeoJsonInvalid("a FeatureCollection needs a features array", domain);
    }
    return features->get<std::vector<json>>();
  }
  if (!single_allowed) {
    return GeoJsonInvalid("a FeatureCollection with a features array is expected", domain);
  }
  return std::vector<json>{doc};
}

std::string PropertyText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  if (value.is_number_unsigned()) return std::to_string(value.get<unsigned long long>());
  return "";
}

}  // namespace meldpunt::geo
