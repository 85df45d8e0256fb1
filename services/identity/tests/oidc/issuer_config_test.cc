#include "services/identity/src/oidc/issuer_config.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "libs/status/status.h"
#include "services/identity/src/oidc/reasons.h"
#include "services/identity/tests/oidc/test_issuer.h"

namespace meldpunt::identity::oidc {
namespace {

using nlohmann::json;

class IssuerConfigTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { key_ = testing::TestIssuerKey::NewP256("k1").release(); }
  static void TearDownTestSuite() { delete key_; }

  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "oidc-config-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    Write("jwks.json", json{{"keys", {key_->Jwk()}}}.dump());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  static json Entry(const std::string& provider = "fas",
                    const std::string& issuer = "https://fas.example.test") {
    return {{"provider", provider}, {"issuer", issuer}, {"audience", "meldpunt-app"},
            {"jwks_file", "jwks.json"}};
  }

  absl::StatusOr<std::vector<OidcIssuer>> Load(const json& config) {
    return LoadIssuers(Write("issuers.json", config.dump()));
  }

  static testing::TestIssuerKey* key_;
  std::string dir_;
};

testing::TestIssuerKey* IssuerConfigTest::key_ = nullptr;

TEST_F(IssuerConfigTest, LoadsIssuersWithKeysFromRelativeJwksFiles) {
  json itsme = Entry("itsme", "https://idp.itsme.test");
  itsme["jwks_file"] = dir_ + "/jwks.json";  // absolute works too
  auto issuers = Load(json::array({Entry(), itsme}));
  ASSERT_TRUE(issuers.ok()) << issuers.status();
  ASSERT_EQ(issuers->size(), 2u);
  EXPECT_EQ((*issuers)[0].provider, v1::OIDC_PROVIDER_FAS);
  EXPECT_EQ((*issuers)[0].issuer, "https://fas.example.test");
  EXPECT_EQ((*issuers)[0].audience, "meldpunt-app");
  ASSERT_EQ((*issuers)[0].keys.size(), 1u);
  EXPECT_EQ((*issuers)[0].keys[0].key_id, "k1");
  EXPECT_EQ((*issuers)[0].keys[0].algorithm, jwt::Algorithm::kEs256);
  EXPECT_EQ((*issuers)[1].provider, v1::OIDC_PROVIDER_ITSME);
  // A lone issuer is its provider's default.
  EXPECT_TRUE((*issuers)[0].is_default);
  EXPECT_TRUE((*issuers)[1].is_default);
}

TEST_F(IssuerConfigTest, SeveralIssuersOfAProviderHaveAtMostOneDefault) {
  json production = Entry();
  production["default"] = true;
  json integration = Entry("fas", "https://fas-int.example.test");
  auto issuers = Load(json::array({production, integration}));
  ASSERT_TRUE(issuers.ok()) << issuers.status();
  EXPECT_TRUE((*issuers)[0].is_default);
  EXPECT_FALSE((*issuers)[1].is_default);

  integration["default"] = true;
  EXPECT_EQ(status::Reason(Load(json::array({production, integration})).status()), kConfigInvalid);
  EXPECT_EQ(status::Reason(Load(json::array({Entry(), Entry()})).status()), kConfigInvalid);
}

TEST_F(IssuerConfigTest, RefusesBrokenEntries) {
  auto with = [&](const char* member, json value) {
    json e = Entry();
    if (value.is_null()) {
      e.erase(member);
    } else {
      e[member] = value;
    }
    return status::Reason(Load(json::array({e})).status());
  };
  EXPECT_EQ(with("provider", "google"), kConfigInvalid);
  EXPECT_EQ(with("provider", nullptr), kConfigInvalid);
  EXPECT_EQ(with("issuer", "http://fas.example.test"), kConfigInvalid);
  EXPECT_EQ(with("issuer", ""), kConfigInvalid);
  EXPECT_EQ(with("audience", nullptr), kConfigInvalid);
  EXPECT_EQ(with("audiance", "typo"), kConfigInvalid);
  EXPECT_EQ(with("default", "yes"), kConfigInvalid);
  EXPECT_EQ(with("jwks_file", "missing.json"), kConfigInvalid);
  EXPECT_EQ(status::Reason(Load(json::object()).status()), kConfigInvalid);
  EXPECT_EQ(status::Reason(Load(json::array()).status()), kConfigInvalid);
  EXPECT_EQ(status::Reason(LoadIssuers(dir_ + "/nothing-here.json").status()), kConfigInvalid);
  EXPECT_EQ(status::Reason(LoadIssuers(Write("bad.json", "[{")).status()), kConfigInvalid);
}

TEST_F(IssuerConfigTest, JwksErrorsKeepTheirReasonAndNameTheFile) {
  Write("empty-jwks.json", R"({"keys":[]})");
  json e = Entry();
  e["jwks_file"] = "empty-jwks.json";
  auto issuers = Load(json::array({e}));
  ASSERT_FALSE(issuers.ok());
  EXPECT_EQ(issuers.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(issuers.status().message().find("empty-jwks.json"), absl::string_view::npos);
}

}  // namespace
}  // namespace meldpunt::identity::oidc
