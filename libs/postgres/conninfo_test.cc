#include <gtest/gtest.h>

#include "libs/postgres/conninfo.h"
#include "libs/status/status.h"

namespace meldpunt::pg {
namespace {

TEST(ConnInfo, ParsesKeywordStringsAndUris) {
  absl::StatusOr<ConnParams> kv = ParseConnInfo("host=127.0.0.1 port=5432 dbname=intake");
  ASSERT_TRUE(kv.ok()) << kv.status();
  EXPECT_EQ(kv->at("host"), "127.0.0.1");
  EXPECT_EQ(kv->at("dbname"), "intake");
  EXPECT_EQ(kv->count("user"), 0u);  // only what the DSN sets, no defaults

  absl::StatusOr<ConnParams> uri =
      ParseConnInfo("postgresql://svc:pw@db.internal:6543/dispatch?sslmode=require");
  ASSERT_TRUE(uri.ok()) << uri.status();
  EXPECT_EQ(uri->at("host"), "db.internal");
  EXPECT_EQ(uri->at("port"), "6543");
  EXPECT_EQ(uri->at("user"), "svc");
  EXPECT_EQ(uri->at("dbname"), "dispatch");
  EXPECT_EQ(uri->at("sslmode"), "require");
}

TEST(ConnInfo, FormatRoundTripsAwkwardValues) {
  ConnParams params = {{"password", "it's a \\ secret"}, {"options", "-c a=1 -c b=2"}};
  absl::StatusOr<ConnParams> back = ParseConnInfo(FormatConnInfo(params));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, params);
}

TEST(ConnInfo, RejectsGarbage) {
  absl::StatusOr<ConnParams> bad = ParseConnInfo("host=a nonsense_keyword=1");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Reason(bad.status()), "DB_BAD_DSN");
}

}  // namespace
}  // namespace meldpunt::pg
