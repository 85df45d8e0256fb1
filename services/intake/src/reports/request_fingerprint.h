#pragma once
// The idempotency fingerprint of a create request, bound to its caller: the same request_id and
// content from another principal of the tenant is a reuse (REQUEST_ID_REUSED), never a replay of
// someone else's answer (which could carry their contact details).

#include <string>

#include <google/protobuf/message.h>

#include "libs/auth/principal.h"

namespace meldpunt::intake {

std::string CallerBoundFingerprint(const google::protobuf::Message& request,
                                   const auth::Principal& caller);

// Lower-case hex SHA-256 of bytes.
std::string Sha256Hex(const std::string& bytes);

}  // namespace meldpunt::intake
