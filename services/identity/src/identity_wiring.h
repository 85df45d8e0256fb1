#pragma once
// identity's parts made from the shared environment and registered on it: the data key, the eID
// roots and OIDC issuers (when configured), password hashing and lock-out, the signing key ring
// and its reloader, sessions and revocations, citizens, the outbox relay and the gRPC service.
// main.cc hands this to ServiceMain.

#include "absl/status/status.h"
#include "libs/server/service_main.h"
#include "services/identity/src/identity_options.h"

namespace meldpunt::identity {

absl::Status BuildIdentity(const IdentityOptions& options, server::ServiceContext& context);

}  // namespace meldpunt::identity
