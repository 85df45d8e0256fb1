#pragma once
// Verifies an access token the way the gateway does it: the key named by the header's kid among
// the published keys, its signature checked with libs/jwt, then the claims parsed.

#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "meldpunt/identity/v1/identity_service.pb.h"

namespace meldpunt::identity::tokens::testing {

struct CheckedToken {
  nlohmann::json header;
  nlohmann::json claims;
};

// NOT_FOUND when no published key has the token's kid; the jwt library's errors otherwise.
absl::StatusOr<CheckedToken> VerifyWithPublished(const v1::GetSigningKeysResponse& published,
                                                 const std::string& token);

}  // namespace meldpunt::identity::tokens::testing
