// The migration runner against a real PostgreSQL (a fresh database per test).
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <gtest/gtest.h>
#include <pqxx/connection>
#include <pqxx/nontransaction>

#include "libs/postgres/migrator.h"
#include "libs/status/status.h"
#include "libs/testing/test_database.h"

namespace meldpunt::pg {
namespace {

using meldpunt::testing::TestDatabase;

class MigratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<TestDatabase>> db = TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
  }

  // One value from the database, as text ("" for NULL).
  std::string Query(const std::string& sql) {
    pqxx::connection conn(db_->dsn());
    pqxx::nontransaction tx(conn);
    pqxx::result r = tx.exec(sql);
    return r[0][0].is_null() ? "" : r[0][0].as<std::string>();
  }

  std::string Versions(const std::string& component) {
    return Query(
        "SELECT coalesce(string_agg(version::text || ':' || name, ',' ORDER BY version), '') "
        "FROM meldpunt_schema_migrations WHERE component = '" +
        component + "'");
  }

  std::unique_ptr<TestDatabase> db_;
};

const std::vector<Migration> kTwo = {
    {"0001_reports.sql",
     "CREATE TABLE reports (id int PRIMARY KEY);\n"
     "INSERT INTO reports VALUES (1);\n"},
    {"0002_notes.sql", "CREATE TABLE notes (id int);\nINSERT INTO notes VALUES (1);"},
};

TEST_F(MigratorTest, AppliesInOrderOnce) {
  absl::StatusOr<MigrationReport> first = Migrate(db_->dsn(), "intake", kTwo);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->applied, (std::vector<std::string>{"0001_reports.sql", "0002_notes.sql"}));
  EXPECT_EQ(first->already_applied, 0);
  EXPECT_EQ(Versions("intake"), "1:0001_reports.sql,2:0002_notes.sql");
  EXPECT_EQ(Query("SELECT checksum FROM meldpunt_schema_migrations WHERE version = 1"),
            MigrationChecksum(kTwo[0].sql));

  absl::StatusOr<MigrationReport> second = Migrate(db_->dsn(), "intake", kTwo);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE(second->applied.empty());
  EXPECT_EQ(second->already_applied, 2);
  EXPECT_EQ(Query("SELECT count(*) FROM reports"), "1");
}

TEST_F(MigratorTest, AppliesOnlyTheNewFiles) {
  ASSERT_TRUE(Migrate(db_->dsn(), "intake", {kTwo[0]}).ok());
  absl::StatusOr<MigrationReport> r = Migrate(db_->dsn(), "intake", kTwo);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->applied, std::vector<std::string>{"0002_notes.sql"});
  EXPECT_EQ(r->already_applied, 1);
}

TEST_F(MigratorTest, ComponentsHaveTheirOwnHistory) {
  ASSERT_TRUE(Migrate(db_->dsn(), "intake", {kTwo[0]}).ok());
  absl::StatusOr<MigrationReport> r =
      Migrate(db_->dsn(), "events", {{"0001_outbox.sql", "CREATE TABLE outbox (id int);"}});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->applied.size(), 1u);
  EXPECT_EQ(Versions("events"), "1:0001_outbox.sql");
}

TEST_F(MigratorTest, ConcurrentRunnersApplyEachMigrationOnce) {
  constexpr int kRunners = 4;
  std::vector<absl::StatusOr<MigrationReport>> reports(kRunners);
  std::vector<std::thread> runners;
  for (int i = 0; i < kRunners; ++i) {
    runners.emplace_back([&, i] { reports[i] = Migrate(db_->dsn(), "intake", kTwo); });
  }
  for (std::thread& t : runners) t.join();

  std::size_t applied = 0;
  for (const auto& r : reports) {
    ASSERT_TRUE(r.ok()) << r.status();
    applied += r->applied.size();
    EXPECT_EQ(r->applied.size() + r->already_applied, 2u);
  }
  EXPECT_EQ(applied, 2u);
  EXPECT_EQ(Query("SELECT count(*) FROM reports"), "1");
  EXPECT_EQ(Query("SELECT count(*) FROM notes"), "1");
  EXPECT_EQ(Query("SELECT count(*) FROM meldpunt_schema_migrations"), "2");
}

TEST_F(MigratorTest, FailingMigrationLeavesNoTraceAndNamesTheFile) {
  const std::vector<Migration> migrations = {
      kTwo[0],
      {"0002_broken.sql",
       "CREATE TABLE broken (id int);\n"
       "INSERT INTO broken VALUES (1);\n"
       "SELECT no_such_column FROM broken;\n"},
      {"0003_after.sql", "CREATE TABLE after_broken (id int);"},
  };
  absl::StatusOr<MigrationReport> r = Migrate(db_->dsn(), "intake", migrations);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(status::Reason(r.status()), kReasonMigrationFailed);
  EXPECT_EQ(r.status().message().rfind("intake/0002_broken.sql: ", 0), 0u) << r.status();
  EXPECT_NE(r.status().message().find("no_such_column"), std::string::npos) << r.status();

  EXPECT_EQ(Versions("intake"), "1:0001_reports.sql");
  EXPECT_EQ(Query("SELECT to_regclass('reports')::text"), "reports");
  EXPECT_EQ(Query("SELECT to_regclass('broken')::text"), "");
  EXPECT_EQ(Query("SELECT to_regclass('after_broken')::text"), "");
}

TEST_F(MigratorTest, ChangedAppliedFileIsRefused) {
  ASSERT_TRUE(Migrate(db_->dsn(), "intake", {kTwo[0]}).ok());
  const std::vector<Migration> edited = {
      {"0001_reports.sql", kTwo[0].sql + "ALTER TABLE reports ADD COLUMN x int;\n"},
      kTwo[1],
  };
  absl::StatusOr<MigrationReport> r = Migrate(db_->dsn(), "intake", edited);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status::Reason(r.status()), kReasonChecksumMismatch);
  EXPECT_NE(r.status().message().find("intake/0001_reports.sql"), std::string::npos);
  EXPECT_EQ(Versions("intake"), "1:0001_reports.sql");  // 0002 not applied either

  // A renamed file under an applied version is history edited too.
  absl::StatusOr<MigrationReport> renamed =
      Migrate(db_->dsn(), "intake", {{"0001_renamed.sql", kTwo[0].sql}});
  EXPECT_EQ(status::Reason(renamed.status()), kReasonChecksumMismatch);
}

TEST_F(MigratorTest, BadNamesAndOrderAreRefusedWithoutTouchingTheDatabase) {
  absl::StatusOr<MigrationReport> bad =
      Migrate(db_->dsn(), "intake", {{"0001_Reports.sql", "CREATE TABLE r (id int);"}});
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Reason(bad.status()), kReasonMigrationBadName);

  absl::StatusOr<MigrationReport> dup =
      Migrate(db_->dsn(), "intake", {kTwo[0], {"0001_again.sql", "SELECT 1"}});
  EXPECT_EQ(status::Reason(dup.status()), kReasonMigrationOrder);

  EXPECT_EQ(Query("SELECT to_regclass('meldpunt_schema_migrations')::text"), "");
}

TEST_F(MigratorTest, FileThatCommitsItselfIsRefused) {
  absl::StatusOr<MigrationReport> r =
      Migrate(db_->dsn(), "intake", {{"0001_sneaky.sql", "CREATE TABLE sneaky (id int); COMMIT;"}});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status::Reason(r.status()), kReasonMigrationFailed);
  EXPECT_NE(r.status().message().find("intake/0001_sneaky.sql"), std::string::npos);
  EXPECT_EQ(Versions("intake"), "");  // not recorded as applied
}

TEST_F(MigratorTest, LoadsSqlFilesSortedByName) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("migrations_" + db_->name());
  fs::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
  };
  write("0002_b.sql", "SELECT 2;");
  write("0001_a.sql", "SELECT 1;");
  write("README.md", "not a migration");
  absl::StatusOr<std::vector<Migration>> loaded = LoadMigrationsFromDir(dir.string());
  fs::remove_all(dir);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ((*loaded)[0].name, "0001_a.sql");
  EXPECT_EQ((*loaded)[0].sql, "SELECT 1;");
  EXPECT_EQ((*loaded)[1].name, "0002_b.sql");

  EXPECT_EQ(LoadMigrationsFromDir((dir / "missing").string()).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace meldpunt::pg
