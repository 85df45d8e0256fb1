#pragma once
// The operator command `meldpunt-gateway create-api-client`: makes one API client through
// CreateBootstrapClient and prints its key on stdout, the only time the key is ever shown.

#include "libs/server/service_main.h"
#include "services/gateway/src/admin/bootstrap_client.h"

namespace meldpunt::gateway {

// The command with its flags (--client-name, --client-tenant-ids, --client-roles,
// --client-rate-class, --client-request-id) bound to spec, which must outlive the call.
// Exit codes: 0 created (key on stdout), 1 failed, 2 bad flags, 3 the request id was used
// before (its key was shown then and is not stored).
server::Command CreateApiClientCommand(BootstrapClientSpec* spec);

}  // namespace meldpunt::gateway
