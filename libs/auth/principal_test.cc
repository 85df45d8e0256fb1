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
  auto wire = signer_->Sign(MakePrincipal(now_ + absl::Seconds(15)));
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
  auto wire = (*forger)->Sign(MakePrincipal(now_ + absl::Seconds(15)));
  EXPECT_EQ(status::Reason(verifier_->Verify(*wire, now_).status()), "PRINCIPAL_BAD_SIGNATURE");
}

TEST_F(PrincipalTest, UnknownKeyIdIsRefused) {
  auto other = PrincipalSigner::Create("k2", keys_.first);
  auto wire = (*other)->Sign(MakePrincipal(now_ + absl::Seconds(15)));
  EXPECT_EQ(status::Reason(verifier_->Verify(*wire, now_).status()), "PRINCIPAL_UNKNOWN_KEY");
}

TEST_F(PrincipalTest, TamperedPrincipalIsRefused) {
  auto wire = signer_->Sign(MakePrincipal(now_ + absl::Seconds(15)));
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
  Principal p = MakePrincipal(now_ + absl::Seconds(15));
  p.clear_tenant_id();
  auto wire = signer_->Sign(p);
  EXPECT_EQ(status::Reason(verifier_->Verify(*wire, now_).status()), "PRINCIPAL_INCOMPLETE");
  Principal no_roles = MakePrincipal(now_ + absl::Seconds(15));
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

namespace meldpunt::auth {
namespace {

// A deployment's trust: the gateway's key and notification's own key, verified by intake.
class PrincipalBindingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    gateway_keys_ = testing::NewEd25519KeyPair();
    notification_keys_ = testing::NewEd25519KeyPair();
    gateway_ = std::move(*PrincipalSigner::Create("gw1", gateway_keys_.first));
    notification_ = std::move(*PrincipalSigner::Create("n1@notification", notification_keys_.first));
    intake_ = std::move(*PrincipalVerifier::Create(
        {{"gw1", gateway_keys_.second}, {"n1@notification", notification_keys_.second}},
        VerifierOptions{"intake"}));
  }

  static Principal Person(const std::string& audience) {
    Principal p;
    p.set_tenant_id("71053");
    p.set_subject("staff-1");
    p.set_kind(common::v1::PRINCIPAL_KIND_STAFF);
    p.add_roles(common::v1::ROLE_COORDINATOR);
    p.set_issuer("gateway");
    p.set_audience(audience);
    return p;
  }
  static Principal Service(const std::string& name) {
    Principal p;
    p.set_tenant_id("71053");
    p.set_subject(name);
    p.set_kind(common::v1::PRINCIPAL_KIND_SERVICE);
    p.add_roles(common::v1::ROLE_SERVICE);
    p.set_issuer(name);
    p.set_audience("intake");
    return p;
  }
  std::string Reason(const PrincipalSigner& signer, Principal p, absl::Duration lifetime = absl::Seconds(15)) {
    p.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(now_ + lifetime));
    auto verified = intake_->Verify(*signer.Sign(p), now_);
    return verified.ok() ? "OK" : status::Reason(verified.status());
  }

  std::pair<std::string, std::string> gateway_keys_, notification_keys_;
  std::unique_ptr<PrincipalSigner> gateway_, notification_;
  std::unique_ptr<PrincipalVerifier> intake_;
  absl::Time now_ = absl::FromUnixSeconds(1800000000);
};

TEST_F(PrincipalBindingTest, APrincipalForAnotherServiceIsRefused) {
  EXPECT_EQ(Reason(*gateway_, Person("intake")), "OK");
  EXPECT_EQ(Reason(*gateway_, Person("identity")), "PRINCIPAL_WRONG_AUDIENCE");
  EXPECT_EQ(Reason(*gateway_, Person("")), "PRINCIPAL_WRONG_AUDIENCE");
}

TEST_F(PrincipalBindingTest, APrincipalLivesSecondsNotMinutes) {
  EXPECT_EQ(Reason(*gateway_, Person("intake"), absl::Seconds(60)), "OK");
  EXPECT_EQ(Reason(*gateway_, Person("intake"), absl::Seconds(61)), "PRINCIPAL_LIFETIME_TOO_LONG");
  EXPECT_EQ(Reason(*gateway_, Person("intake"), absl::Hours(1)), "PRINCIPAL_LIFETIME_TOO_LONG");
}

TEST_F(PrincipalBindingTest, AServiceKeyVouchesOnlyForThatServiceItself) {
  EXPECT_EQ(KeyOwner("n1@notification"), "notification");
  EXPECT_EQ(KeyOwner("gw1"), "gateway");
  EXPECT_EQ(Reason(*notification_, Service("notification")), "OK");
  // Not for a person, nor for another service, nor under the gateway's name.
  Principal coordinator = Person("intake");
  coordinator.set_issuer("notification");
  EXPECT_EQ(Reason(*notification_, coordinator), "PRINCIPAL_ISSUER_MISMATCH");
  EXPECT_EQ(Reason(*notification_, Person("intake")), "PRINCIPAL_ISSUER_MISMATCH");
  EXPECT_EQ(Reason(*notification_, Service("dispatch")), "PRINCIPAL_ISSUER_MISMATCH");
  // A service role smuggled onto a person's principal still counts as a service call.
  Principal mixed = Service("notification");
  mixed.set_kind(common::v1::PRINCIPAL_KIND_STAFF);
  mixed.set_subject("staff-1");
  EXPECT_EQ(Reason(*notification_, mixed), "PRINCIPAL_ISSUER_MISMATCH");
}

TEST_F(PrincipalBindingTest, TheGatewaysKeyCannotSpeakForAService) {
  // So a service can tell the gateway's principals from another service's.
  EXPECT_EQ(Reason(*gateway_, Service("notification")), "PRINCIPAL_ISSUER_MISMATCH");
  Principal claimed = Service("notification");
  claimed.set_issuer("gateway");
  EXPECT_EQ(Reason(*gateway_, claimed), "PRINCIPAL_ISSUER_MISMATCH");
  EXPECT_EQ(Reason(*gateway_, Service("gateway")), "OK");
}

}  // namespace
}  // namespace meldpunt::auth
