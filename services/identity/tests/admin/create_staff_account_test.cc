#include "services/identity/src/admin/create_staff_account.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "libs/status/status.h"
#include "services/identity/src/staff/argon2id_hasher.h"
#include "services/identity/src/staff/reasons.h"
#include "services/identity/tests/staff/fake_staff_repository.h"

namespace meldpunt::identity::staff {
namespace {

namespace cv1 = common::v1;
using testing::FakeStaffRepository;

constexpr char kTenant[] = "71053";
constexpr char kPassword[] = "een lang wachtwoord";

TEST(CreateStaffAccount, ValidatesAndRefusesDuplicatesInAnyCase) {
  FakeStaffRepository repo;
  Argon2idParams cheap;
  cheap.time_cost = 1;
  cheap.memory_kib = 64;
  auto hasher = std::move(*Argon2idHasher::Create(cheap));
  NewStaffAccount a;
  a.tenant_id = kTenant;
  a.username = "Admin";
  a.display_name = " Eerste beheerder ";
  a.roles = {cv1::ROLE_TENANT_ADMIN, cv1::ROLE_TENANT_ADMIN};
  a.password = kPassword;
  auto created = CreateStaffAccount(repo, *hasher, a, absl::Now());
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->username(), "Admin");
  EXPECT_EQ(created->display_name(), "Eerste beheerder");
  EXPECT_EQ(created->roles_size(), 1);
  const std::string& stored = repo.Record(created->id()).password_hash;
  EXPECT_TRUE(absl::StartsWith(stored, "$argon2id$"));
  EXPECT_TRUE(*hasher->Verify(kPassword, stored));

  a.username = "ADMIN";
  auto dup = CreateStaffAccount(repo, *hasher, a, absl::Now());
  EXPECT_EQ(dup.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(status::Reason(dup.status()), kUsernameTaken);

  auto with = [&](auto change) {
    NewStaffAccount b = a;
    b.username = "someone.else";
    change(b);
    return status::Reason(CreateStaffAccount(repo, *hasher, b, absl::Now()).status());
  };
  EXPECT_EQ(with([](NewStaffAccount& b) { b.tenant_id = "x"; }), kTenantInvalid);
  EXPECT_EQ(with([](NewStaffAccount& b) { b.username = "a b"; }), kUsernameInvalid);
  EXPECT_EQ(with([](NewStaffAccount& b) { b.display_name = ""; }), kDisplayNameInvalid);
  EXPECT_EQ(with([](NewStaffAccount& b) { b.roles = {cv1::ROLE_CITIZEN}; }), kRolesInvalid);
  EXPECT_EQ(with([](NewStaffAccount& b) { b.password = "kort"; }), kPasswordTooShort);
  EXPECT_EQ(with([](NewStaffAccount& b) { b.password = std::string(1025, 'p'); }), kPasswordTooLong);
}

}  // namespace
}  // namespace meldpunt::identity::staff
