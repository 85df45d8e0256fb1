#include "services/identity/src/staff/argon2id_hasher.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "libs/status/status.h"
#include "services/identity/src/staff/reasons.h"

namespace meldpunt::identity::staff {
namespace {

// Small parameters keep the tests fast; the production default is t=3, m=64 MiB.
Argon2idParams Cheap() {
  Argon2idParams p;
  p.time_cost = 1;
  p.memory_kib = 64;
  return p;
}

std::unique_ptr<Argon2idHasher> MakeHasher(Argon2idParams params = Cheap()) {
  auto h = Argon2idHasher::Create(params);
  EXPECT_TRUE(h.ok()) << h.status();
  return std::move(*h);
}

TEST(Argon2idHasher, RoundTrip) {
  auto hasher = MakeHasher();
  auto hash = hasher->Hash("correct horse battery staple");
  ASSERT_TRUE(hash.ok()) << hash.status();
  auto ok = hasher->Verify("correct horse battery staple", *hash);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_TRUE(*ok);
}

TEST(Argon2idHasher, WrongPasswordDoesNotVerify) {
  auto hasher = MakeHasher();
  auto hash = hasher->Hash("correct horse battery staple");
  ASSERT_TRUE(hash.ok());
  for (const char* wrong : {"correct horse battery stapl", "Correct horse battery staple", ""}) {
    auto ok = hasher->Verify(wrong, *hash);
    ASSERT_TRUE(ok.ok()) << ok.status();
    EXPECT_FALSE(*ok) << wrong;
  }
}

TEST(Argon2idHasher, PhcStringIsArgon2idWithTheConfiguredParameters) {
  auto hasher = MakeHasher();
  auto hash = hasher->Hash("secret password");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(absl::StartsWith(*hash, "$argon2id$v=19$m=64,t=1,p=1$")) << *hash;
  EXPECT_EQ(hash->find('\0'), std::string::npos);
}

TEST(Argon2idHasher, DefaultParametersAreTheRecommendedOnes) {
  Argon2idParams p;
  EXPECT_EQ(p.time_cost, 3u);
  EXPECT_EQ(p.memory_kib, 64u * 1024u);
  EXPECT_EQ(p.parallelism, 1u);
}

TEST(Argon2idHasher, SaltIsFreshEachTime) {
  auto hasher = MakeHasher();
  auto a = hasher->Hash("same password");
  auto b = hasher->Hash("same password");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
}

TEST(Argon2idHasher, VerifiesWithTheParametersInTheHash) {
  // A hash made with other parameters (an older configuration) still verifies.
  Argon2idParams other = Cheap();
  other.time_cost = 2;
  other.memory_kib = 128;
  auto old_hash = MakeHasher(other)->Hash("older password");
  ASSERT_TRUE(old_hash.ok());
  auto ok = MakeHasher()->Verify("older password", *old_hash);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_TRUE(*ok);
}

TEST(Argon2idHasher, RefusesPasswordsOverTheCap) {
  auto hasher = MakeHasher();
  const std::string at_cap(kMaxPasswordBytes, 'x');
  auto hash = hasher->Hash(at_cap);
  ASSERT_TRUE(hash.ok()) << hash.status();
  EXPECT_TRUE(*hasher->Verify(at_cap, *hash));

  auto too_long = hasher->Hash(at_cap + "x");
  EXPECT_EQ(too_long.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Reason(too_long.status()), kPasswordTooLong);
  auto verify_long = hasher->Verify(at_cap + "x", *hash);
  ASSERT_TRUE(verify_long.ok());
  EXPECT_FALSE(*verify_long);
}

TEST(Argon2idHasher, PasswordsWithNulBytesAreWholeValues) {
  auto hasher = MakeHasher();
  const std::string with_nul("abc\0def", 7);
  auto hash = hasher->Hash(with_nul);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(*hasher->Verify(with_nul, *hash));
  EXPECT_FALSE(*hasher->Verify("abc", *hash));
}

TEST(Argon2idHasher, RefusesHashesOfAnotherKind) {
  auto hasher = MakeHasher();
  for (const char* bad : {"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                          "$argon2id$garbage"}) {
    auto r = hasher->Verify("x", bad);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInternal) << bad;
    EXPECT_EQ(status::Reason(r.status()), kPasswordHashUnreadable) << bad;
  }
}

TEST(Argon2idHasher, CreateRefusesParametersLibargon2Refuses) {
  Argon2idParams too_little_memory = Cheap();
  too_little_memory.memory_kib = 4;
  EXPECT_EQ(status::Reason(Argon2idHasher::Create(too_little_memory).status()), kHasherConfigInvalid);
  Argon2idParams short_salt = Cheap();
  short_salt.salt_bytes = 4;
  EXPECT_EQ(status::Reason(Argon2idHasher::Create(short_salt).status()), kHasherConfigInvalid);
  Argon2idParams no_passes = Cheap();
  no_passes.time_cost = 0;
  EXPECT_EQ(status::Reason(Argon2idHasher::Create(no_passes).status()), kHasherConfigInvalid);
}

}  // namespace
}  // namespace meldpunt::identity::staff
