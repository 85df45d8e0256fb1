// meldpunt-migrate: applies one component's numbered SQL files to one database.
//   meldpunt-migrate --dsn DSN --component NAME --dir DIR
// Exit 0 after printing "applied N, already M"; 1 when a migration fails or is refused (the
// message names the file and PostgreSQL's error); 2 on a usage error.
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

#include "libs/postgres/migrator.h"

namespace {

constexpr char kUsage[] =
    "usage: meldpunt-migrate --dsn DSN --component NAME --dir DIR\n"
    "  --dsn        libpq connection string or postgresql:// URI of the target database\n"
    "  --component  whose migrations these are (e.g. intake); history is kept per component\n"
    "  --dir        folder with NNNN_name.sql files\n";

int Usage(const std::string& problem) {
  std::fprintf(stderr, "meldpunt-migrate: %s\n%s", problem.c_str(), kUsage);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags = {{"dsn", ""}, {"component", ""}, {"dir", ""}};
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg.rfind("--", 0) != 0) return Usage("unexpected argument " + arg);
    std::string name = arg.substr(2);
    std::string value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return Usage("--" + name + " needs a value");
    }
    if (flags.count(name) == 0) return Usage("unknown flag --" + name);
    flags[name] = value;
  }
  for (const auto& [name, value] : flags) {
    if (value.empty()) return Usage("--" + name + " is required");
  }

  auto migrations = meldpunt::pg::LoadMigrationsFromDir(flags["dir"]);
  if (!migrations.ok()) {
    std::fprintf(stderr, "meldpunt-migrate: %s\n",
                 std::string(migrations.status().message()).c_str());
    return 1;
  }
  auto report = meldpunt::pg::Migrate(flags["dsn"], flags["component"], *migrations);
  if (!report.ok()) {
    std::fprintf(stderr, "meldpunt-migrate: %s\n", std::string(report.status().message()).c_str());
    return 1;
  }
  for (const std::string& name : report->applied) {
    std::printf("applied %s/%s\n", flags["component"].c_str(), name.c_str());
  }
  std::printf("applied %zu, already %d\n", report->applied.size(), report->already_applied);
  return 0;
}
