#include "services/intake/src/reports/report_json.h"

#include <google/protobuf/util/json_util.h>
#include <nlohmann/json.hpp>

#include "libs/status/status.h"
#include "libs/api/enum_names.h"

namespace meldpunt::intake {
namespace {

using nlohmann::json;

absl::Status Corrupt(const char* what) {
  return status::Internal("REPORT_CORRUPT", std::string("a stored report's ") + what + " cannot be read");
}

}  // namespace

std::string AttributeValuesToJson(const google::protobuf::RepeatedPtrField<v1::AttributeValue>& values) {
  json out = json::array();
  for (const auto& v : values) {
    out.push_back({{"code", v.code()}, {"values", std::vector<std::string>(v.values().begin(), v.values().end())}});
  }
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

absl::Status AttributeValuesFromJson(const std::string& text,
                                     google::protobuf::RepeatedPtrField<v1::AttributeValue>* out) {
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_array()) return Corrupt("attribute values");
  for (const json& item : doc) {
    if (!item.is_object() || !item.contains("code") || !item["code"].is_string() ||
        !item.contains("values") || !item["values"].is_array()) {
      return Corrupt("attribute values");
    }
    v1::AttributeValue* v = out->Add();
    v->set_code(item["code"].get<std::string>());
    for (const json& value : item["values"]) {
      if (!value.is_string()) return Corrupt("attribute values");
      v->add_values(value.get<std::string>());
    }
  }
  return absl::OkStatus();
}

std::string LocalizedTextsToJson(
    const google::protobuf::RepeatedPtrField<common::v1::LocalizedText>& texts) {
  json out = json::array();
  for (const auto& t : texts) {
    out.push_back({{"language", api::EnumToDb(t.language())}, {"text", t.text()}});
  }
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

absl::Status LocalizedTextsFromJson(
    const std::string& text, google::protobuf::RepeatedPtrField<common::v1::LocalizedText>* out) {
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_array()) return Corrupt("department names");
  for (const json& item : doc) {
    if (!item.is_object() || !item.contains("language") || !item["language"].is_string() ||
        !item.contains("text") || !item["text"].is_string()) {
      return Corrupt("department names");
    }
    common::v1::LocalizedText* t = out->Add();
    t->set_language(api::EnumFromDb<common::v1::Language>(item["language"].get<std::string>()));
    t->set_text(item["text"].get<std::string>());
  }
  return absl::OkStatus();
}

std::string PostalAddressToJson(const common::v1::PostalAddress& address) {
  std::string out;
  // Cannot fail for a message without Any fields.
  (void)google::protobuf::util::MessageToJsonString(address, &out);
  return out;
}

absl::Status PostalAddressFromJson(const std::string& text, common::v1::PostalAddress* out) {
  if (!google::protobuf::util::JsonStringToMessage(text, out).ok()) return Corrupt("postal address");
  return absl::OkStatus();
}

absl::Status StringsFromJson(const std::string& text, google::protobuf::RepeatedPtrField<std::string>* out) {
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_array()) return Corrupt("media links");
  for (const json& item : doc) {
    if (!item.is_string()) return Corrupt("media links");
    out->Add(item.get<std::string>());
  }
  return absl::OkStatus();
}

}  // namespace meldpunt::intake
