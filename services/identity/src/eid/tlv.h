#pragma once
// The TLV encoding of the eID card's identity file (4031) and address file (4033): a sequence of
// fields, each one tag byte, a length and the value. This input comes from outside and is
// hostile: the parser never reads past the end, refuses oversized files and too many fields
// before allocating for them, and answers every malformed file with INVALID_ARGUMENT and reason
// EID_FILE_MALFORMED (or EID_FILE_TOO_LARGE).

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace meldpunt::identity::eid {

// Real files are below 1 KiB; the limits leave room and bound what a hostile file can cost.
inline constexpr size_t kMaxTlvFileSize = 16 * 1024;
inline constexpr size_t kMaxTlvFields = 64;
// 7-bit length groups accepted: 3 reach 2^21, past any file we accept.
inline constexpr size_t kMaxTlvLengthBytes = 3;

// The fields of one file by tag. Tag 0 (the file's version) is left out; unknown tags are kept
// and left to the decoder to ignore. Values are copies, together at most the file's size.
using TlvFields = std::map<uint8_t, std::string>;

// Parses a TLV file. Lengths below 128 take one byte; longer ones are 7-bit groups, most
// significant first, with the high bit set on every byte but the last (`81 00` = 128). Trailing
// 0x00 padding is ignored. A repeated tag is malformed: a field must have one meaning.
absl::StatusOr<TlvFields> ParseTlv(std::string_view file);

// The file without its trailing 0x00 bytes.
std::string_view TrimTrailingZeros(std::string_view file);

}  // namespace meldpunt::identity::eid
