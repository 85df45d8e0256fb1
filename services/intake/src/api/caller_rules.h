#pragma once
// Who may call what in intake: one role set per rule, used by the handlers, and the table of
// every rpc with the set its handler admits (held against the gateway's policy by a test). Also
// which channels a principal may report through. Pure: no I/O.

#include <vector>

#include "libs/auth/principal.h"
#include "libs/auth/roles.h"
#include "meldpunt/common/v1/channel.pb.h"

namespace meldpunt::intake {

// Everyone who may see the catalogue: citizens choose from it, staff and systems use it.
inline constexpr auth::RoleSet kCatalogueReaders = auth::kAllRoles;

// Who maintains a tenant's catalogue.
inline constexpr auth::RoleSet kCatalogueEditors = {common::v1::ROLE_TENANT_ADMIN,
                                                    common::v1::ROLE_PLATFORM_ADMIN};

// Roles that may create reports (the channel must fit them too, see ChannelAllowed).
inline constexpr auth::RoleSet kReportCreators = {
    common::v1::ROLE_CITIZEN,    common::v1::ROLE_WARDEN,     common::v1::ROLE_FRONT_OFFICE,
    common::v1::ROLE_COORDINATOR, common::v1::ROLE_INTEGRATOR};

// Roles that may read reports: citizens (their own only) and the tenant's staff and systems.
// Analysts are left out on purpose: they work on analytics' pseudonymous facts, not on reports
// with the reporter's contact details.
inline constexpr auth::RoleSet kReportReaders = auth::kAllRoles.Without({common::v1::ROLE_ANALYST});

// Everyone authenticated in the tenant: the public feed.
inline constexpr auth::RoleSet kNearbyReaders = auth::kAllRoles;

// Every rpc of v1::IntakeService by its short name, with the roles its handler admits.
const std::vector<auth::MethodRoles>& IntakeMethodRoles();

// Whether the principal may report through channel (see CreateReportRequest.channel).
bool ChannelAllowed(const auth::Principal& principal, common::v1::Channel channel);

}  // namespace meldpunt::intake
