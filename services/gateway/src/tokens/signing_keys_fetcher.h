#pragma once
// Fetches identity's token signing keys (IdentityService.GetSigningKeys). An interface so the key
// cache can be tested without a server.

#include "absl/status/statusor.h"
#include "meldpunt/identity/v1/identity_service.pb.h"

namespace meldpunt::gateway {

class SigningKeysFetcher {
 public:
  virtual ~SigningKeysFetcher() = default;
  // Blocking, bounded by the implementation's own deadline.
  virtual absl::StatusOr<identity::v1::GetSigningKeysResponse> Fetch() = 0;
};

}  // namespace meldpunt::gateway
