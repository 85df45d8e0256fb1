#pragma once
// Opaque page tokens for list methods (AIP-158). A token carries the position after the last item
// returned plus what it was issued for: the tenant and a fingerprint of the query's filters. A
// token replayed with other filters, by another tenant, or altered, is refused with
// INVALID_ARGUMENT (reason PAGE_TOKEN_INVALID) instead of silently returning a wrong page.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace meldpunt::api {

inline constexpr char kReasonPageTokenInvalid[] = "PAGE_TOKEN_INVALID";
inline constexpr char kReasonPageSizeInvalid[] = "PAGE_SIZE_INVALID";

// 0 → default_size; above max_size → max_size; negative → INVALID_ARGUMENT.
absl::StatusOr<int> EffectivePageSize(int requested, int default_size = 50, int max_size = 500);

// cursor: the sort key of the last item returned, as strings.
std::string EncodePageToken(std::string_view tenant_id, std::string_view query_fingerprint,
                            const std::vector<std::string>& cursor);

// The cursor, or INVALID_ARGUMENT (PAGE_TOKEN_INVALID). An empty token is an empty cursor.
absl::StatusOr<std::vector<std::string>> DecodePageToken(std::string_view token,
                                                         std::string_view tenant_id,
                                                         std::string_view query_fingerprint);

}  // namespace meldpunt::api
