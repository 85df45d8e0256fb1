#pragma once
// A hiredis protocol reader that builds RedisReply values directly instead of hiredis's own
// redisReply structs. Doing the construction ourselves is where untrusted bytes from the server
// are checked: negative or absurd lengths and mismatched nesting turn into a reader error, never
// into a crash or a huge allocation up front.

#include <string_view>
#include <vector>

#include <hiredis/read.h>

#include "absl/status/statusor.h"
#include "libs/redis/reply.h"

namespace meldpunt::redis {

// A reader whose reply objects are heap-allocated RedisReply roots. Free it with
// redisReaderFree(); replies it hands out must be released with TakeReply().
redisReader* NewReplyReader();

// Takes ownership of a root object produced by a NewReplyReader() reader.
RedisReply TakeReply(void* object);

// Parses complete replies from raw RESP bytes (tests, tools). A protocol violation is
// DATA_LOSS; bytes left over that do not complete a reply are OUT_OF_RANGE.
absl::StatusOr<std::vector<RedisReply>> ParseReplies(std::string_view bytes);

}  // namespace meldpunt::redis
