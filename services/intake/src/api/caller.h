#pragma once
// What a verified principal may do with reports: which channels it may report through, whether
// it sees every report of its tenant or only its own. One place, so every handler applies the
// same rules. Pure: no I/O.

#include <initializer_list>
#include <string>

#include "libs/auth/principal.h"
#include "meldpunt/common/v1/channel.pb.h"

namespace meldpunt::intake {

// Roles that may create reports (the channel must fit them too, see ChannelAllowed).
inline constexpr std::initializer_list<auth::Role> kReportCreators = {
    common::v1::ROLE_CITIZEN,    common::v1::ROLE_WARDEN,     common::v1::ROLE_FRONT_OFFICE,
    common::v1::ROLE_COORDINATOR, common::v1::ROLE_INTEGRATOR};

// Roles that may read reports: citizens (their own only) and the tenant's staff and systems.
// Analysts are left out on purpose: they work on analytics' pseudonymous facts, not on reports
// with the reporter's contact details.
inline constexpr std::initializer_list<auth::Role> kReportReaders = {
    common::v1::ROLE_CITIZEN,           common::v1::ROLE_WARDEN,
    common::v1::ROLE_FRONT_OFFICE,      common::v1::ROLE_COORDINATOR,
    common::v1::ROLE_DEPARTMENT_AGENT,  common::v1::ROLE_TENANT_ADMIN,
    common::v1::ROLE_INTEGRATOR,        common::v1::ROLE_PLATFORM_ADMIN,
    common::v1::ROLE_SERVICE};

// Everyone authenticated in the tenant: the public feed.
inline constexpr std::initializer_list<auth::Role> kAnyRole = {
    common::v1::ROLE_CITIZEN,           common::v1::ROLE_WARDEN,
    common::v1::ROLE_FRONT_OFFICE,      common::v1::ROLE_COORDINATOR,
    common::v1::ROLE_DEPARTMENT_AGENT,  common::v1::ROLE_ANALYST,
    common::v1::ROLE_TENANT_ADMIN,      common::v1::ROLE_INTEGRATOR,
    common::v1::ROLE_PLATFORM_ADMIN,    common::v1::ROLE_SERVICE};

// A citizen acting for themself: only their own reports, reporter taken from the principal.
// A principal that holds a citizen role next to a staff role counts as staff.
bool IsCitizenCaller(const auth::Principal& principal);

// Whether the principal may report through channel (see CreateReportRequest.channel).
bool ChannelAllowed(const auth::Principal& principal, common::v1::Channel channel);

}  // namespace meldpunt::intake
