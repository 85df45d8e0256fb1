#pragma once
// The request id that follows one user action through every service: taken from the caller's
// `x-request-id` when it is well formed, otherwise minted at the first hop, then copied onto every
// downstream call and every log line.

#include <string>
#include <string_view>

namespace meldpunt::observability {

inline constexpr char kRequestIdHeader[] = "x-request-id";

// 32 hex characters from a cryptographic source (ids must not be guessable across tenants).
std::string NewRequestId();

// 1–128 characters of [A-Za-z0-9._:-]: anything else from a client is replaced, never logged.
bool IsValidRequestId(std::string_view id);

}  // namespace meldpunt::observability
