#include "services/identity/src/citizens/enum_names.h"

namespace meldpunt::identity {
namespace {

std::string Strip(const std::string& full, const std::string& prefix) {
  return full.rfind(prefix, 0) == 0 ? full.substr(prefix.size()) : full;
}

}  // namespace

std::string GenderToDb(common::v1::Gender value) {
  return Strip(common::v1::Gender_Name(value), "GENDER_");
}
std::string LanguageToDb(common::v1::Language value) {
  return Strip(common::v1::Language_Name(value), "LANGUAGE_");
}
std::string ContactChannelToDb(common::v1::ContactChannel value) {
  return Strip(common::v1::ContactChannel_Name(value), "CONTACT_CHANNEL_");
}
std::string AssuranceToDb(v1::AssuranceLevel value) {
  return Strip(v1::AssuranceLevel_Name(value), "ASSURANCE_LEVEL_");
}

common::v1::Gender GenderFromDb(const std::string& name) {
  common::v1::Gender value = common::v1::GENDER_UNSPECIFIED;
  common::v1::Gender_Parse("GENDER_" + name, &value);
  return value;
}
common::v1::Language LanguageFromDb(const std::string& name) {
  common::v1::Language value = common::v1::LANGUAGE_UNSPECIFIED;
  common::v1::Language_Parse("LANGUAGE_" + name, &value);
  return value;
}
common::v1::ContactChannel ContactChannelFromDb(const std::string& name) {
  common::v1::ContactChannel value = common::v1::CONTACT_CHANNEL_UNSPECIFIED;
  common::v1::ContactChannel_Parse("CONTACT_CHANNEL_" + name, &value);
  return value;
}
v1::AssuranceLevel AssuranceFromDb(const std::string& name) {
  v1::AssuranceLevel value = v1::ASSURANCE_LEVEL_UNSPECIFIED;
  v1::AssuranceLevel_Parse("ASSURANCE_LEVEL_" + name, &value);
  return value;
}

}  // namespace meldpunt::identity
