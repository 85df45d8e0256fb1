#pragma once
// Hashes of card files whose algorithm follows from the stored hash's length (photo hash, tag 17;
// basic-key hash, tag 26).

#include <string>
#include <string_view>

namespace meldpunt::identity::eid {

// SHA-1 for 20 bytes, SHA-256 for 32, SHA-384 for 48; "" for any other length.
std::string DigestForHashLength(size_t hash_length, std::string_view data);

// True when `expected` is a 20/32/48-byte hash of `data` (constant-time comparison).
bool HashMatches(std::string_view expected, std::string_view data);

}  // namespace meldpunt::identity::eid
