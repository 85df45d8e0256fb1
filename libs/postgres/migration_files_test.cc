#include <gtest/gtest.h>

#include "libs/postgres/migrator.h"
#include "libs/status/status.h"

namespace meldpunt::pg {
namespace {

TEST(MigrationVersion, AcceptsWellFormedNames) {
  EXPECT_EQ(*MigrationVersion("0001_reports.sql"), 1);
  EXPECT_EQ(*MigrationVersion("0042_add_index_2.sql"), 42);
  EXPECT_EQ(*MigrationVersion("9999_x.sql"), 9999);
}

TEST(MigrationVersion, RefusesMalformedNames) {
  for (const char* name : {"1_reports.sql", "001_reports.sql", "00001_reports.sql",
                           "0001-reports.sql", "0001_Reports.sql", "0001_reports.SQL", "0001_.sql",
                           "0001_reports.sql.bak", "0001_rep orts.sql", "0001_reports",
                           "abcd_reports.sql", "", ".sql", "0001_reports-v2.sql"}) {
    absl::StatusOr<int> v = MigrationVersion(name);
    EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument) << name;
    EXPECT_EQ(status::Reason(v.status()), kReasonMigrationBadName) << name;
  }
}

TEST(ValidateMigrations, RequiresStrictlyIncreasingUniqueVersions) {
  EXPECT_TRUE(ValidateMigrations({}).ok());
  EXPECT_TRUE(ValidateMigrations({{"0001_a.sql", ""}, {"0003_b.sql", ""}}).ok());

  absl::Status dup = ValidateMigrations({{"0001_a.sql", ""}, {"0001_b.sql", ""}});
  EXPECT_EQ(dup.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Reason(dup), kReasonMigrationOrder);
  EXPECT_NE(dup.message().find("0001_b.sql"), std::string::npos) << dup;

  absl::Status order = ValidateMigrations({{"0002_a.sql", ""}, {"0001_b.sql", ""}});
  EXPECT_EQ(status::Reason(order), kReasonMigrationOrder);

  absl::Status bad = ValidateMigrations({{"0001_a.sql", ""}, {"2_b.sql", ""}});
  EXPECT_EQ(status::Reason(bad), kReasonMigrationBadName);
}

TEST(Migrate, RefusesBadNamesBeforeConnecting) {
  // Nothing listens on port 1: an answer other than INVALID_ARGUMENT would mean it connected.
  absl::StatusOr<MigrationReport> r =
      Migrate("host=127.0.0.1 port=1 connect_timeout=2", "svc", {{"1_bad.sql", "SELECT 1"}});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Reason(r.status()), kReasonMigrationBadName);
}

TEST(MigrationChecksum, IsSha256Hex) {
  EXPECT_EQ(MigrationChecksum(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(MigrationChecksum("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace meldpunt::pg
