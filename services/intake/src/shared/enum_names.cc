#include "services/intake/src/shared/enum_names.h"

namespace meldpunt::intake {
namespace {

std::string Strip(const std::string& full, const std::string& prefix) {
  return full.rfind(prefix, 0) == 0 ? full.substr(prefix.size()) : full;
}

}  // namespace

std::string ChannelToDb(common::v1::Channel value) {
  return Strip(common::v1::Channel_Name(value), "CHANNEL_");
}
std::string ContactChannelToDb(common::v1::ContactChannel value) {
  return Strip(common::v1::ContactChannel_Name(value), "CONTACT_CHANNEL_");
}
std::string LanguageToDb(common::v1::Language value) {
  return Strip(common::v1::Language_Name(value), "LANGUAGE_");
}
std::string StatusToDb(v1::ReportStatus value) {
  return Strip(v1::ReportStatus_Name(value), "REPORT_STATUS_");
}

common::v1::Channel ChannelFromDb(const std::string& name) {
  common::v1::Channel value = common::v1::CHANNEL_UNSPECIFIED;
  common::v1::Channel_Parse("CHANNEL_" + name, &value);
  return value;
}
common::v1::ContactChannel ContactChannelFromDb(const std::string& name) {
  common::v1::ContactChannel value = common::v1::CONTACT_CHANNEL_UNSPECIFIED;
  common::v1::ContactChannel_Parse("CONTACT_CHANNEL_" + name, &value);
  return value;
}
common::v1::Language LanguageFromDb(const std::string& name) {
  common::v1::Language value = common::v1::LANGUAGE_UNSPECIFIED;
  common::v1::Language_Parse("LANGUAGE_" + name, &value);
  return value;
}
v1::ReportStatus StatusFromDb(const std::string& name) {
  v1::ReportStatus value = v1::REPORT_STATUS_UNSPECIFIED;
  v1::ReportStatus_Parse("REPORT_STATUS_" + name, &value);
  return value;
}

}  // namespace meldpunt::intake
