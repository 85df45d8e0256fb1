#pragma once
// Enumerations as intake stores them: the value's name without its proto prefix ("APP",
// "RECEIVED", "NL"), readable in SQL and independent of the wire numbers.

#include <string>

#include "meldpunt/common/v1/channel.pb.h"
#include "meldpunt/common/v1/language.pb.h"
#include "meldpunt/intake/v1/report.pb.h"

namespace meldpunt::intake {

std::string ChannelToDb(common::v1::Channel value);
std::string ContactChannelToDb(common::v1::ContactChannel value);
std::string LanguageToDb(common::v1::Language value);
std::string StatusToDb(v1::ReportStatus value);

// Unknown names read as the UNSPECIFIED value.
common::v1::Channel ChannelFromDb(const std::string& name);
common::v1::ContactChannel ContactChannelFromDb(const std::string& name);
common::v1::Language LanguageFromDb(const std::string& name);
v1::ReportStatus StatusFromDb(const std::string& name);

}  // namespace meldpunt::intake
