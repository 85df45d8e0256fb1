// The file side of migrations: names, order, checksums, reading a folder. No database here.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include <openssl/evp.h>

#include "libs/postgres/migrator.h"
#include "libs/status/status.h"

namespace meldpunt::pg {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameChar(char c) { return (c >= 'a' && c <= 'z') || IsDigit(c) || c == '_'; }

}  // namespace

absl::StatusOr<int> MigrationVersion(std::string_view name) {
  // ^[0-9]{4}_[a-z0-9_]+\.sql$ by hand: std::regex would be the only use of it in the build.
  constexpr std::string_view kSuffix = ".sql";
  const bool ok = name.size() > 4 + 1 + kSuffix.size() &&
                  std::all_of(name.begin(), name.begin() + 4, IsDigit) && name[4] == '_' &&
                  name.substr(name.size() - kSuffix.size()) == kSuffix &&
                  std::all_of(name.begin() + 5, name.end() - kSuffix.size(), IsNameChar);
  if (!ok) {
    return status::InvalidArgument(
        kReasonMigrationBadName,
        "migration file name \"" + std::string(name) +
            "\" does not match NNNN_lower_case_words.sql (e.g. 0001_reports.sql)");
  }
  return std::stoi(std::string(name.substr(0, 4)));
}

absl::Status ValidateMigrations(const std::vector<Migration>& migrations) {
  int previous = -1;
  std::string previous_name;
  for (const Migration& m : migrations) {
    absl::StatusOr<int> version = MigrationVersion(m.name);
    if (!version.ok()) return version.status();
    if (*version <= previous) {
      const char* what = *version == previous ? "has the same version as" : "comes after";
      return status::InvalidArgument(kReasonMigrationOrder,
                                     "migration " + m.name + " " + what + " " + previous_name +
                                         ": versions must be unique and strictly increasing");
    }
    previous = *version;
    previous_name = m.name;
  }
  return absl::OkStatus();
}

std::string MigrationChecksum(std::string_view sql) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(sql.data(), sql.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xf];
  }
  return hex;
}

absl::StatusOr<std::vector<Migration>> LoadMigrationsFromDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return status::Error(absl::StatusCode::kNotFound, kReasonMigrationDir,
                         "migration folder " + dir + " does not exist or is not a folder");
  }
  std::vector<Migration> migrations;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    // Every *.sql file is taken, even a badly named one: Migrate then refuses it by name
    // instead of it being silently skipped.
    if (!it->is_regular_file(ec) || it->path().extension() != ".sql") continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      return status::Internal(kReasonMigrationDir, "cannot read " + it->path().string());
    }
    migrations.push_back({it->path().filename().string(), text.str()});
  }
  if (ec) {
    return status::Internal(kReasonMigrationDir,
                            "cannot list migration folder " + dir + ": " + ec.message());
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.name < b.name; });
  return migrations;
}

}  // namespace meldpunt::pg
