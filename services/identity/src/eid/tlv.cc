#include "services/identity/src/eid/tlv.h"

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "services/identity/src/eid/reasons.h"

namespace meldpunt::identity::eid {
namespace {

absl::Status Malformed(std::string_view what, size_t offset) {
  return status::InvalidArgument(
      kFileMalformed,
      absl::StrCat("TLV file: ", absl::string_view(what.data(), what.size()), " at byte ", offset));
}

bool AllZero(std::string_view bytes) {
  for (char c : bytes) {
    if (c != '\0') return false;
  }
  return true;
}

}  // namespace

std::string_view TrimTrailingZeros(std::string_view file) {
  size_t end = file.size();
  while (end > 0 && file[end - 1] == '\0') --end;
  return file.substr(0, end);
}

absl::StatusOr<TlvFields> ParseTlv(std::string_view file) {
  if (file.size() > kMaxTlvFileSize) {
    return status::InvalidArgument(
        kFileTooLarge, absl::StrCat("TLV file of ", file.size(), " bytes; at most ",
                                    kMaxTlvFileSize, " accepted"));
  }
  TlvFields fields;
  size_t pos = 0;
  while (pos < file.size()) {
    const size_t field_start = pos;
    const auto tag = static_cast<uint8_t>(file[pos]);
    // A zero tag followed by nothing but zeros is padding, not a version field.
    if (tag == 0 && AllZero(file.substr(pos))) break;
    ++pos;

    size_t length = 0;
    size_t length_bytes = 0;
    while (true) {
      if (pos >= file.size()) return Malformed("length runs past the end", field_start);
      if (++length_bytes > kMaxTlvLengthBytes) return Malformed("length too long", field_start);
      const auto b = static_cast<uint8_t>(file[pos++]);
      length = (length << 7) | (b & 0x7F);
      if ((b & 0x80) == 0) break;
    }
    if (length > file.size() - pos) return Malformed("value runs past the end", field_start);
    std::string_view value = file.substr(pos, length);
    pos += length;

    if (tag == 0) continue;  // version: says nothing we need
    if (fields.size() >= kMaxTlvFields) return Malformed("too many fields", field_start);
    if (!fields.emplace(tag, std::string(value)).second) {
      return Malformed(absl::StrCat("tag ", tag, " repeated"), field_start);
    }
  }
  return fields;
}

}  // namespace meldpunt::identity::eid
