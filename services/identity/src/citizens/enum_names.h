#pragma once
// Enumerations as the citizen tables store them: the value's name without its proto prefix
// ("MALE", "NL", "EMAIL", "EID_CHALLENGE", "UNSPECIFIED"), readable in SQL and independent of the
// wire numbers. Unknown names read back as the UNSPECIFIED value.

#include <string>

#include "meldpunt/common/v1/channel.pb.h"
#include "meldpunt/common/v1/gender.pb.h"
#include "meldpunt/common/v1/language.pb.h"
#include "meldpunt/identity/v1/citizen.pb.h"

namespace meldpunt::identity {

std::string GenderToDb(common::v1::Gender value);
std::string LanguageToDb(common::v1::Language value);
std::string ContactChannelToDb(common::v1::ContactChannel value);
std::string AssuranceToDb(v1::AssuranceLevel value);

common::v1::Gender GenderFromDb(const std::string& name);
common::v1::Language LanguageFromDb(const std::string& name);
common::v1::ContactChannel ContactChannelFromDb(const std::string& name);
v1::AssuranceLevel AssuranceFromDb(const std::string& name);

}  // namespace meldpunt::identity
