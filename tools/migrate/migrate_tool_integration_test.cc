// Runs the real meldpunt-migrate binary: exit codes, output, and two processes racing.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <pqxx/connection>
#include <pqxx/nontransaction>

#include "libs/testing/test_database.h"

namespace meldpunt::migrate {
namespace {

namespace fs = std::filesystem;
using meldpunt::testing::TestDatabase;

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class MigrateToolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<TestDatabase>> db = TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    dir_ = fs::temp_directory_path() / ("migrate_tool_" + db_->name());
    fs::create_directories(dir_ / "sql");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void WriteSql(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / "sql" / name) << text;
  }

  // Starts the binary with stdout on a pipe and stderr in a file; Finish collects it. Two
  // Starts before the Finishes run concurrently.
  FILE* Start(const std::string& tag) {
    const std::string command = std::string(MELDPUNT_MIGRATE_BIN) + " --dsn " +
                                ShellQuote(db_->dsn()) + " --component intake --dir " +
                                ShellQuote((dir_ / "sql").string()) + " 2>" +
                                ShellQuote((dir_ / (tag + ".err")).string());
    return popen(command.c_str(), "r");
  }
  Outcome Finish(FILE* pipe, const std::string& tag) {
    Outcome run;
    char buffer[512];
    while (std::fgets(buffer, sizeof(buffer), pipe) != nullptr) run.out += buffer;
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = ReadFile(dir_ / (tag + ".err"));
    return run;
  }
  Outcome RunOnce() { return Finish(Start("run"), "run"); }

  std::string Query(const std::string& sql) {
    pqxx::connection conn(db_->dsn());
    pqxx::nontransaction tx(conn);
    pqxx::result r = tx.exec(sql);
    return r[0][0].is_null() ? "" : r[0][0].as<std::string>();
  }

  std::unique_ptr<TestDatabase> db_;
  fs::path dir_;
};

TEST_F(MigrateToolTest, AppliesThenFindsNothingToDo) {
  WriteSql("0001_reports.sql", "CREATE TABLE reports (id int); INSERT INTO reports VALUES (1);");
  WriteSql("0002_notes.sql", "CREATE TABLE notes (id int);");
  Outcome first = RunOnce();
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("applied 2, already 0\n"), std::string::npos) << first.out;
  Outcome second = RunOnce();
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("applied 0, already 2\n"), std::string::npos) << second.out;
}

TEST_F(MigrateToolTest, FailingFileExitsOneNamingFileAndError) {
  WriteSql("0001_reports.sql", "CREATE TABLE reports (id int);");
  WriteSql("0002_broken.sql", "CREATE TABLE broken (id int);\nCREAT INDEX oops ON broken (id);");
  Outcome run = RunOnce();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("intake/0002_broken.sql"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("syntax error"), std::string::npos) << run.err;
  EXPECT_EQ(Query("SELECT to_regclass('reports')::text"), "reports");
  EXPECT_EQ(Query("SELECT to_regclass('broken')::text"), "");
  EXPECT_EQ(Query("SELECT count(*) FROM meldpunt_schema_migrations"), "1");
}

TEST_F(MigrateToolTest, BadFileNameExitsOne) {
  WriteSql("1_reports.sql", "CREATE TABLE reports (id int);");
  Outcome run = RunOnce();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("1_reports.sql"), std::string::npos) << run.err;
}

TEST_F(MigrateToolTest, TwoProcessesAtOnceApplyEachFileOnce) {
  WriteSql("0001_reports.sql", "CREATE TABLE reports (id int); INSERT INTO reports VALUES (1);");
  WriteSql("0002_more.sql", "INSERT INTO reports VALUES (2);");
  FILE* a = Start("a");
  FILE* b = Start("b");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  Outcome ra = Finish(a, "a");
  Outcome rb = Finish(b, "b");
  EXPECT_EQ(ra.exit_code, 0) << ra.err;
  EXPECT_EQ(rb.exit_code, 0) << rb.err;
  const std::string both = ra.out + rb.out;
  EXPECT_NE(both.find("applied 2, already 0\n"), std::string::npos) << both;
  EXPECT_NE(both.find("applied 0, already 2\n"), std::string::npos) << both;
  EXPECT_EQ(Query("SELECT count(*) FROM reports"), "2");
  EXPECT_EQ(Query("SELECT count(*) FROM meldpunt_schema_migrations"), "2");
}

TEST(MigrateTool, MissingFlagIsAUsageError) {
  const std::string command = std::string(MELDPUNT_MIGRATE_BIN) + " --dsn x 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[512];
  while (std::fgets(buffer, sizeof(buffer), pipe) != nullptr) out += buffer;
  const int status = pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_NE(out.find("--component is required"), std::string::npos) << out;
}

}  // namespace
}  // namespace meldpunt::migrate
