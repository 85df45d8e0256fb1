#include "libs/auth/principal.h"

#include <gtest/gtest.h>

#include "libs/auth/authorize.h"
#include "libs/auth/test_keys.h"
#include "libs/status/status.h"

namespace meldpunt::auth {
namespace {

using meldpunt::common::v1::ROLE_CITIZEN;
using meldpunt::common::v1::ROLE_COORDINATOR;
using meldpunt::common::v1::ROLE_TENANT_ADMIN;

Principal MakePrincipal(absl::Time expires) {
  Principal p;
  p.set_tenant_id("71053");
  p.set_subject("citizen-1");
  p.set_kind(meldpunt::common::v1::PRINCIPAL_KIND_CITIZEN);
  p.add_roles(ROLE_CITIZEN);
  p.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(expires));
  p.set_issuer("gateway");
  return p;
}

class PrincipalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = testing::NewEd25519KeyPair();
    auto signer = PrincipalSigner::Create("k1", keys_.first);
    ASSERT_TRUE(signer.ok()) << signer.status();
    signer_ = std::move(*signer);
    auto verifier = PrincipalVerifier::Create({{"k1", keys_.second}});
    ASSERT_TRUE(verifier.ok()) << verifier.status();
    verifier_ = std::move(*verifier);
  }

  std::pair<std::string, std::string> keys_;
  std::unique_ptr<PrincipalSigner> signer_;
  std::unique_ptr<PrincipalVerifier> verifier_;
  absl::Time now_ = absl::FromUnixSeconds(1800000000);
};

TEST_F(PrincipalTest, SignedPrincipalVerifies) {
  auto wire = signer_->Sign(MakePrincipal(now_ + absl::Minutes(5)));
  ASSERT_TRUE(wire.ok());
  auto p = verifier_->Verify(*wire, now_);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->tenant_id(), "71053");
  EXPECT_EQ(p->subject(), "citizen-1");
  EXPECT_TRUE(HasRole(*p, ROLE_CITIZEN));
}

TEST_F(PrincipalTest, ExpiredIsRefused) {
  auto wire = signer_->Sign(MakePrincipal(now_ - absl::Seconds(1)));
  auto p = verifier_->Verify(*wire, now_);
  EXPECT_EQ(p.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(status::Reason(p.status()), "PRINCIPAL_EXPIRED");
}

TEST_F(PrincipalTest, ForeignKeyWithSameIdIsRefused) {
  auto other = testing::NewEd25519KeyPair();
  auto forger = PrincipalSigner::Create("k1", other.first);
  ASSERT_TRUE(forger.ok());
  auto wire = (*forger)->Sign(MakePrincipal(now_ + absl::Minutes(5)));
  EXPECT_EQ(status::Reason(verifier_->Verify(*wire, now_).status()), "PRINCIPAL_BAD_SIGNATURE");
}

TEST_F(PrincipalTest, UnknownKeyIdIsRefused) {
  auto other = PrincipalSigner::Create("k2", keys_.first);
  auto wire = (*other)->Sign(MakePrincipal(now_ + absl::Minutes(5)));
  EXPECT_EQ(status::Reason(verifier_->Verify(*wire, now_).status()), "PRINCIPAL_UNKNOWN_KEY");
}

TEST_F(PrincipalTest, TamperedPrincipalIsRefused) {
  auto wire = signer_->Sign(MakePrincipal(now_ + absl::Minutes(5)));
  meldpunt::common::v1::SignedPrincipal sp;
  ASSERT_TRUE(sp.ParseFromString(*wire));
  Principal p;
  ASSERT_TRUE(p.ParseFromString(sp.principal()));
  p.set_tenant_id("71022");  // move the call to another municipality
  p.add_roles(ROLE_TENANT_ADMIN);
  sp.set_principal(p.SerializeAsString());
  EXPECT_EQ(status::Reason(verifier_->Verify(sp.SerializeAsString(), now_).status()),
            "PRINCIPAL_BAD_SIGNATURE");
}

TEST_F(PrincipalTest, GarbageAndEmptyAreRefused) {
  EXPECT_EQ(status::Reason(verifier_->Verify("", now_).status()), "PRINCIPAL_MISSING");
  EXPECT_EQ(status::Reason(verifier_->Verify("\xff\xff\xff garbage", now_).status()),
            "PRINCIPAL_MALFORMED");
  EXPECT_EQ(status::Reason(verifier_->Verify(std::string(100000, 'a'), now_).status()),
            "PRINCIPAL_MALFORMED");
}

TEST_F(PrincipalTest, IncompletePrincipalIsRefusedEvenWhenSigned) {
  Principal p = MakePrincipal(now_ + absl::Minutes(5));
  p.clear_tenant_id();
  auto wire = signer_->Sign(p);
  EXPECT_EQ(status::Reason(verifier_->Verify(*wire, now_).status()), "PRINCIPAL_INCOMPLETE");
  Principal no_roles = MakePrincipal(now_ + absl::Minutes(5));
  no_roles.clear_roles();
  EXPECT_EQ(status::Reason(verifier_->Verify(*signer_->Sign(no_roles), now_).status()),
            "PRINCIPAL_INCOMPLETE");
}

TEST_F(PrincipalTest, NonEd25519KeysAreRefused) {
  auto rsa = testing::NewRsaKeyPair();
  EXPECT_EQ(status::Reason(PrincipalSigner::Create("r", rsa.first).status()), "KEY_NOT_ED25519");
  EXPECT_EQ(status::Reason(PrincipalVerifier::Create({{"r", rsa.second}}).status()),
            "KEY_NOT_ED25519");
  EXPECT_EQ(status::Reason(PrincipalVerifier::Create({{"x", "not a pem"}}).status()), "KEY_MALFORMED");
}

TEST_F(PrincipalTest, RotationAcceptsOldAndNewKeys) {
  auto next = testing::NewEd25519KeyPair();
  auto verifier = PrincipalVerifier::Create({{"k1", keys_.second}, {"k2", next.second}});
  ASSERT_TRUE(verifier.ok());
  auto new_signer = PrincipalSigner::Create("k2", next.first);
  EXPECT_TRUE((*verifier)->Verify(*signer_->Sign(MakePrincipal(now_ + absl::Minutes(1))), now_).ok());
  EXPECT_TRUE(
      (*verifier)->Verify(*(*new_signer)->Sign(MakePrincipal(now_ + absl::Minutes(1))), now_).ok());
}

TEST(RoleTest, RequireRole) {
  Principal p;
  p.add_roles(ROLE_COORDINATOR);
  EXPECT_TRUE(RequireRole(p, {ROLE_CITIZEN, ROLE_COORDINATOR}).ok());
  absl::Status denied = RequireRole(p, {ROLE_TENANT_ADMIN});
  EXPECT_EQ(denied.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(status::Reason(denied), "ROLE_NOT_ALLOWED");
}

TEST(KeySpecTest, Parses) {
  auto spec = ParseKeySpec("k1:/a/b.pem, k2:/c.pem");
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->at("k1"), "/a/b.pem");
  EXPECT_EQ(spec->at("k2"), "/c.pem");
  EXPECT_FALSE(ParseKeySpec("").ok());
  EXPECT_FALSE(ParseKeySpec("nokey").ok());
  EXPECT_FALSE(ParseKeySpec("k1:/a,k1:/b").ok());
  EXPECT_FALSE(ParseKeySpec(":/a").ok());
}

}  // namespace
}  // namespace meldpunt::auth
