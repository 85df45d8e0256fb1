#include "libs/files/read_file.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"

namespace meldpunt::files {

absl::StatusOr<std::string> ReadFile(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return status::Error(absl::StatusCode::kNotFound, "FILE_UNREADABLE",
                         absl::StrCat("cannot read ", path));
  }
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size > 0 && static_cast<std::size_t>(size) > max_bytes) {
    return status::InvalidArgument("FILE_TOO_LARGE",
                                   absl::StrCat(path, " is larger than ", max_bytes, " bytes"));
  }
  in.seekg(0, std::ios::beg);
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    return status::Error(absl::StatusCode::kNotFound, "FILE_UNREADABLE",
                         absl::StrCat("error reading ", path));
  }
  return content.str();
}

}  // namespace meldpunt::files
