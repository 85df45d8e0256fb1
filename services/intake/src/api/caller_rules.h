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

// Who of the report readers also sees the reporter's personal data (a guest's name, e-mail,
// phone, postal address): the people who answer the reporter — the coordinator and the front
// office (phone desk) — and Meldpunt's own services (notification sends the answers). Every such
// read is recorded (report_access_log). The reporting citizen always sees their own. Wardens,
// department agents, tenant and platform admins and API clients get the report without them: a
// department asks the coordinator, and an integration that must reach reporters is given the
// front-office role on purpose.
inline constexpr auth::RoleSet kContactReaders = {
    common::v1::ROLE_COORDINATOR, common::v1::ROLE_FRONT_OFFICE, common::v1::ROLE_SERVICE};

// Everyone authenticated in the tenant: the public feed.
inline constexpr auth::RoleSet kNearbyReaders = auth::kAllRoles;

// Every rpc of v1::IntakeService by its short name, with the roles its handler admits.
const std::vector<auth::MethodRoles>& IntakeMethodRoles();

// Whether the principal may report through channel (see CreateReportRequest.channel).
bool ChannelAllowed(const auth::Principal& principal, common::v1::Channel channel);

}  // namespace meldpunt::intake
