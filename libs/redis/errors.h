#pragma once
// How Redis failures look as absl::Status. Two reasons:
//  - REDIS_UNAVAILABLE (UNAVAILABLE): no answer — cannot connect, I/O error, timeout, the server
//    closed the connection or sent bytes that are not RESP. The command may or may not have run.
//  - REDIS_ERROR: the server answered with an error reply. The code is UNAVAILABLE for errors
//    that go away by themselves (LOADING, BUSY, TRYAGAIN, MASTERDOWN, CLUSTERDOWN), otherwise
//    FAILED_PRECONDITION. The error's first word ("NOGROUP", "BUSYGROUP", "WRONGTYPE", "ERR")
//    is kept in the ErrorInfo metadata under "redis_error".

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace meldpunt::redis {

inline constexpr char kReasonUnavailable[] = "REDIS_UNAVAILABLE";
inline constexpr char kReasonError[] = "REDIS_ERROR";

// The status for an error reply text such as "BUSYGROUP Consumer Group name already exists".
absl::Status ErrorReplyToStatus(std::string_view error_text);

// A transport failure.
absl::Status UnavailableError(std::string_view message);

// The error reply's first word ("NOGROUP"), or "" when status is not an error reply.
std::string RedisErrorCode(const absl::Status& status);

// True when status is an error reply whose first word is code, e.g. IsRedisError(s, "NOGROUP").
bool IsRedisError(const absl::Status& status, std::string_view code);

}  // namespace meldpunt::redis
