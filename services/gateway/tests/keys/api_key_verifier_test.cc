// The API key cache without a database: a counting repository shows which calls reach the store.
#include "services/gateway/src/keys/api_key_verifier.h"

#include <gtest/gtest.h>

#include "libs/status/status.h"
#include "services/gateway/src/keys/api_key.h"

namespace meldpunt::gateway {
namespace {

// Knows one client; counts lookups.
class CountingRepository : public ApiClientRepository {
 public:
  explicit CountingRepository(StoredApiClient known, std::string prefix)
      : known_(std::move(known)), prefix_(std::move(prefix)) {}

  absl::StatusOr<CreatedApiClient> Create(const NewApiClient&) override {
    return absl::UnimplementedError("not used");
  }
  absl::StatusOr<std::optional<StoredApiClient>> FindByKeyPrefix(const std::string& prefix) override {
    ++lookups;
    if (prefix == prefix_) return std::optional<StoredApiClient>(known_);
    return std::optional<StoredApiClient>();
  }
  absl::StatusOr<v1::ApiClient> Get(const std::string&) override {
    return absl::UnimplementedError("not used");
  }
  absl::StatusOr<std::vector<v1::ApiClient>> List(const ApiClientQuery&) override {
    return absl::UnimplementedError("not used");
  }
  absl::StatusOr<v1::ApiClient> Revoke(const std::string&, const std::string&) override {
    return absl::UnimplementedError("not used");
  }
  absl::Status TouchLastUsed(const std::string&) override { return absl::OkStatus(); }

  int lookups = 0;

 private:
  StoredApiClient known_;
  std::string prefix_;
};

TEST(ApiKeyVerifierTest, AnUnknownKeyIsRememberedBrieflySoRetriesCostNoLookup) {
  const NewApiKey real = *GenerateApiKey();
  StoredApiClient stored;
  stored.client.set_id("client-1");
  stored.key_hash = real.hash;
  CountingRepository repository(stored, real.prefix);
  ApiKeyCacheOptions options;
  options.unknown_ttl = absl::Seconds(10);
  CachingApiKeyVerifier keys(&repository, options);
  const absl::Time t0 = absl::FromUnixSeconds(1'800'000'000);

  const NewApiKey unknown = *GenerateApiKey();
  for (int i = 0; i < 100; ++i) {
    auto refused = keys.Verify(unknown.key, t0 + absl::Milliseconds(i));
    ASSERT_EQ(status::Reason(refused.status()), "API_KEY_INVALID") << i;
  }
  EXPECT_EQ(repository.lookups, 1);
  // After the short memory it is asked again (a client may have been created meanwhile).
  EXPECT_FALSE(keys.Verify(unknown.key, t0 + absl::Seconds(11)).ok());
  EXPECT_EQ(repository.lookups, 2);
  // A known client is unaffected, and a wrong key under its prefix is not remembered as unknown.
  EXPECT_TRUE(keys.Verify(real.key, t0).ok());
  std::string forged = real.key;
  forged.back() = forged.back() == 'a' ? 'b' : 'a';
  EXPECT_FALSE(keys.Verify(forged, t0).ok());
  EXPECT_TRUE(keys.Verify(real.key, t0 + absl::Seconds(1)).ok());
}

}  // namespace
}  // namespace meldpunt::gateway
