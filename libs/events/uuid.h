#pragma once
// Event ids: random (version 4) UUIDs in the canonical lower-case text form PostgreSQL's uuid
// type reads and prints.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace meldpunt::events {

// From OpenSSL's CSPRNG; fails only if it cannot be seeded.
absl::StatusOr<std::string> NewUuidV4();

// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" with hex digits (any version, either case).
bool IsUuid(std::string_view text);

}  // namespace meldpunt::events
