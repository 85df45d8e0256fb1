#pragma once
// The GeoJSON documents (RFC 7946) operators import: a tenant's territory and its zones, as
// published for Belgian municipalities and deelgemeenten (deploy/zones/README.md). The file is
// input, not trusted: nothing here throws on a malformed document. Pure: no I/O.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace meldpunt::geo {

inline constexpr char kReasonGeoJsonInvalid[] = "GEOJSON_INVALID";

// INVALID_ARGUMENT (GEOJSON_INVALID). domain: the ErrorInfo domain; empty has the serving
// service's filled in at the edge.
absl::Status GeoJsonInvalid(std::string_view message, std::string_view domain = {});

// The document as a JSON object; GEOJSON_INVALID when it is not JSON or not an object.
absl::StatusOr<nlohmann::json> ParseGeoJson(const std::string& text, std::string_view domain = {});

// The "type" member of an object, "" for anything else (json::value() would throw on a
// non-object or a non-string member).
std::string TypeOf(const nlohmann::json& value);

// The features of a FeatureCollection. Anything else is GEOJSON_INVALID, or, when
// single_allowed, the one feature (or bare geometry) itself.
absl::StatusOr<std::vector<nlohmann::json>> Features(const nlohmann::json& doc,
                                                     bool single_allowed,
                                                     std::string_view domain = {});

// A property value as text: a string as it is, an integer in decimal, "" for anything else.
std::string PropertyText(const nlohmann::json& value);

}  // namespace meldpunt::geo
