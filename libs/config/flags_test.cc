#include "libs/config/flags.h"

#include <map>

#include <gtest/gtest.h>

#include "libs/status/status.h"

namespace meldpunt::config {
namespace {

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

struct Options {
  std::string dsn;
  int64_t port = 50051;
  bool migrate = false;
  std::chrono::milliseconds timeout{5000};
};

Flags MakeFlags(Options& o) {
  Flags flags("svc");
  flags.String("pg-dsn", &o.dsn, "PostgreSQL DSN", /*required=*/true)
      .Int("grpc-port", &o.port, "port", 0, 65535)
      .Bool("migrate", &o.migrate, "apply migrations")
      .Duration("timeout", &o.timeout, "timeout");
  return flags;
}

absl::Status Parse(Flags& flags, std::vector<const char*> args,
                   std::map<std::string, std::string> env = {}) {
  args.insert(args.begin(), "svc");
  return flags.Parse(static_cast<int>(args.size()), args.data(), FakeEnv(env));
}

TEST(FlagsTest, EnvNameFollowsFlag) { EXPECT_EQ(Flags::EnvName("pg-dsn"), "MELDPUNT_PG_DSN"); }


TEST(FlagsTest, ParsesFlagsInBothForms) {
  Options o;
  Flags f = MakeFlags(o);
  ASSERT_TRUE(Parse(f, {"--pg-dsn=host=x", "--grpc-port", "7000", "--migrate", "--timeout=250ms"}).ok());
  EXPECT_EQ(o.dsn, "host=x");
  EXPECT_EQ(o.port, 7000);
  EXPECT_TRUE(o.migrate);
  EXPECT_EQ(o.timeout.count(), 250);
}

TEST(FlagsTest, EnvironmentFillsWhatFlagsLeaveAndFlagsWin) {
  Options o;
  Flags f = MakeFlags(o);
  ASSERT_TRUE(Parse(f, {"--grpc-port=1"},
                    {{"MELDPUNT_PG_DSN", "dbname=a"}, {"MELDPUNT_GRPC_PORT", "2"},
                     {"MELDPUNT_MIGRATE", "yes"}, {"MELDPUNT_TIMEOUT", "2m"}})
                  .ok());
  EXPECT_EQ(o.dsn, "dbname=a");
  EXPECT_EQ(o.port, 1);
  EXPECT_TRUE(o.migrate);
  EXPECT_EQ(o.timeout.count(), 120000);
}

TEST(FlagsTest, DefaultsStayWhenNothingGiven) {
  Options o;
  Flags f = MakeFlags(o);
  ASSERT_TRUE(Parse(f, {}, {{"MELDPUNT_PG_DSN", "x"}}).ok());
  EXPECT_EQ(o.port, 50051);
  EXPECT_FALSE(o.migrate);
  EXPECT_EQ(o.timeout.count(), 5000);
}

TEST(FlagsTest, MissingRequiredNamesFlagAndVariable) {
  Options o;
  Flags f = MakeFlags(o);
  absl::Status s = Parse(f, {});
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("--pg-dsn"), std::string::npos);
  EXPECT_NE(s.message().find("MELDPUNT_PG_DSN"), std::string::npos);
  EXPECT_EQ(status::Reason(s), "INVALID_CONFIGURATION");
}

TEST(FlagsTest, EmptyEnvironmentValueCountsAsMissing) {
  Options o;
  Flags f = MakeFlags(o);
  EXPECT_FALSE(Parse(f, {}, {{"MELDPUNT_PG_DSN", ""}}).ok());
}

TEST(FlagsTest, MalformedValuesNameTheirSource) {
  Options o;
  Flags f = MakeFlags(o);
  absl::Status s = Parse(f, {"--pg-dsn=x"}, {{"MELDPUNT_GRPC_PORT", "70000"}});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("MELDPUNT_GRPC_PORT"), std::string::npos);
  EXPECT_NE(s.message().find("70000"), std::string::npos);

  Options o2;
  Flags f2 = MakeFlags(o2);
  s = Parse(f2, {"--pg-dsn=x", "--timeout=soon"});
  EXPECT_NE(s.message().find("--timeout"), std::string::npos);

  Options o3;
  Flags f3 = MakeFlags(o3);
  s = Parse(f3, {"--pg-dsn=x", "--migrate=maybe"});
  EXPECT_FALSE(s.ok());
}

TEST(FlagsTest, UnknownFlagsAndStrayArgumentsAreRefused) {
  Options o;
  Flags f = MakeFlags(o);
  EXPECT_NE(Parse(f, {"--pg-dsn=x", "--grcp-port=1"}).message().find("unknown flag --grcp-port"),
            std::string::npos);
  Options o2;
  Flags f2 = MakeFlags(o2);
  EXPECT_FALSE(Parse(f2, {"--pg-dsn=x", "stray"}).ok());
  Options o3;
  Flags f3 = MakeFlags(o3);
  EXPECT_NE(Parse(f3, {"--grpc-port"}).message().find("needs a value"), std::string::npos);
}

TEST(FlagsTest, HelpIsNotAnError) {
  Options o;
  Flags f = MakeFlags(o);
  EXPECT_EQ(Parse(f, {"--help"}).code(), absl::StatusCode::kCancelled);
}

TEST(DurationTest, Units) {
  EXPECT_EQ(ParseDuration("1500")->count(), 1500);
  EXPECT_EQ(ParseDuration("250ms")->count(), 250);
  EXPECT_EQ(ParseDuration("3s")->count(), 3000);
  EXPECT_EQ(ParseDuration("2m")->count(), 120000);
  EXPECT_EQ(ParseDuration("1h")->count(), 3600000);
  EXPECT_FALSE(ParseDuration("").has_value());
  EXPECT_FALSE(ParseDuration("-1s").has_value());
  EXPECT_FALSE(ParseDuration("1d").has_value());
  EXPECT_FALSE(ParseDuration("99999999999999999999h").has_value());
}

}  // namespace
}  // namespace meldpunt::config
