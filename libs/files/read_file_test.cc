#include "libs/files/read_file.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "libs/status/status.h"

namespace meldpunt::files {
namespace {

std::string TempFile(const std::string& content) {
  char name[] = "/tmp/meldpunt-read-file-XXXXXX";
  const int fd = mkstemp(name);
  EXPECT_GE(fd, 0);
  std::ofstream(name, std::ios::binary) << content;
  close(fd);
  return name;
}

TEST(ReadFileTest, ReadsBytesAsTheyAre) {
  const std::string content("a\0b\n\xc3\xa9", 6);
  const std::string path = TempFile(content);
  auto read = ReadFile(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, content);
  std::remove(path.c_str());
}

TEST(ReadFileTest, MissingFileNamesThePath) {
  auto read = ReadFile("/nonexistent/meldpunt/file.pem");
  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status::Reason(read.status()), "FILE_UNREADABLE");
  EXPECT_NE(read.status().message().find("/nonexistent/meldpunt/file.pem"), std::string::npos);
}

TEST(ReadFileTest, RefusesFilesOverTheLimit) {
  const std::string path = TempFile(std::string(100, 'x'));
  EXPECT_EQ(status::Reason(ReadFile(path, 99).status()), "FILE_TOO_LARGE");
  EXPECT_TRUE(ReadFile(path, 100).ok());
  std::remove(path.c_str());
}

}  // namespace
}  // namespace meldpunt::files
