// StaffLogin and account creation against a real PostgreSQL, connected as a non-superuser role
// that owns the tables (as the service does), so row-level security applies
// (tests/fixtures/identity_database.h).
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "libs/status/status.h"
#include "libs/testing/fake_rate_limiter.h"
#include "services/identity/src/admin/create_staff_account.h"
#include "services/identity/src/staff/argon2id_hasher.h"
#include "services/identity/src/staff/login_attempt_limiter.h"
#include "services/identity/src/staff/pg_staff_repository.h"
#include "services/identity/src/staff/reasons.h"
#include "services/identity/src/staff/staff_login.h"
#include "services/identity/tests/fixtures/identity_database.h"

namespace meldpunt::identity::staff {
namespace {

namespace cv1 = common::v1;

constexpr char kSintTruiden[] = "71053";
constexpr char kHasselt[] = "71022";
constexpr char kPassword[] = "een lang wachtwoord";

class PgStaffTest : public identity::testing::IdentityDatabaseTest {
 protected:
  void SetUp() override {
    IdentityDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    Argon2idParams cheap;
    cheap.time_cost = 1;
    cheap.memory_kib = 64;
    hasher_ = std::move(*Argon2idHasher::Create(cheap));
    repo_ = std::make_unique<PgStaffRepository>(pool_.get());
    // The per-name limit admits everything here (the fake's default): these tests are about
    // the lock-out in PostgreSQL, which must hold on its own.
    protector_ = std::move(crypto::DataProtector::FromSecret(std::string(32, 'k'))).value();
    attempts_ = std::move(LoginAttemptLimiter::Create(&limiter_, protector_.get())).value();
    login_ = std::move(*StaffLogin::Create(repo_.get(), hasher_.get(), attempts_.get()));
  }

  void TearDown() override {
    login_.reset();
    repo_.reset();
    IdentityDatabaseTest::TearDown();
  }

  absl::StatusOr<v1::StaffAccount> Create(const std::string& tenant, const std::string& username,
                                          const std::string& password = kPassword) {
    NewStaffAccount a;
    a.tenant_id = tenant;
    a.username = username;
    a.display_name = "Jan Peeters";
    a.roles = {cv1::ROLE_WARDEN, cv1::ROLE_TENANT_ADMIN};
    a.password = password;
    return CreateStaffAccount(*pool_, *hasher_, a, t0_);
  }

  absl::StatusOr<v1::StaffAccount> Login(const std::string& tenant, const std::string& username,
                                         const std::string& password, absl::Time now) {
    return login_->Login(tenant, username, password, now);
  }

  // One value read as the superuser (which bypasses row-level security), "NULL" for NULL.
  std::string AdminScalar(const std::string& sql) { return Text(sql, "NULL"); }

  std::unique_ptr<Argon2idHasher> hasher_;
  std::unique_ptr<PgStaffRepository> repo_;
  meldpunt::testing::FakeRateLimiter limiter_;
  std::unique_ptr<crypto::DataProtector> protector_;
  std::unique_ptr<LoginAttemptLimiter> attempts_;
  std::unique_ptr<StaffLogin> login_;
  absl::Time t0_ = absl::FromUnixSeconds(1700000000);
};

TEST_F(PgStaffTest, CreatedAccountLogsIn) {
  auto created = Create(kSintTruiden, "Jan.Peeters");
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->tenant_id(), kSintTruiden);
  EXPECT_EQ(created->username(), "Jan.Peeters");
  EXPECT_EQ(created->display_name(), "Jan Peeters");
  EXPECT_EQ(created->created_at().seconds(), absl::ToUnixSeconds(t0_));
  EXPECT_FALSE(created->has_last_login_at());

  const absl::Time now = t0_ + absl::Hours(1);
  auto account = Login(kSintTruiden, "Jan.Peeters", kPassword, now);
  ASSERT_TRUE(account.ok()) << account.status();
  EXPECT_EQ(account->id(), created->id());
  ASSERT_EQ(account->roles_size(), 2);
  EXPECT_EQ(account->roles(0), cv1::ROLE_WARDEN);
  EXPECT_EQ(account->roles(1), cv1::ROLE_TENANT_ADMIN);
  EXPECT_EQ(account->last_login_at().seconds(), absl::ToUnixSeconds(now));
  EXPECT_EQ(AdminScalar("SELECT extract(epoch from last_login_at)::bigint FROM staff_accounts"),
            std::to_string(absl::ToUnixSeconds(now)));
  // The stored hash is argon2id, never the password.
  EXPECT_EQ(AdminScalar("SELECT left(password_hash, 10) FROM staff_accounts"), "$argon2id$");
  EXPECT_EQ(AdminScalar("SELECT count(*) FROM staff_accounts WHERE password_hash LIKE '%wachtwoord%'"), "0");
}

TEST_F(PgStaffTest, WrongPasswordAndUnknownUserAnswerAlike) {
  ASSERT_TRUE(Create(kSintTruiden, "jan").ok());
  absl::Status wrong = Login(kSintTruiden, "jan", "fout wachtwoord", t0_).status();
  absl::Status unknown = Login(kSintTruiden, "piet", kPassword, t0_).status();
  for (const absl::Status* s : {&wrong, &unknown}) {
    EXPECT_EQ(s->code(), absl::StatusCode::kUnauthenticated);
    EXPECT_EQ(status::Reason(*s), kInvalidCredentials);
    EXPECT_EQ(s->message(), wrong.message());
  }
  EXPECT_EQ(AdminScalar("SELECT failed_attempts FROM staff_accounts"), "1");
}

TEST_F(PgStaffTest, LocksAfterFiveFailuresWithRetryInfo) {
  ASSERT_TRUE(Create(kSintTruiden, "jan").ok());
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(status::Reason(Login(kSintTruiden, "jan", "fout", t0_).status()), kInvalidCredentials);
  }
  absl::Status fifth = Login(kSintTruiden, "jan", "fout", t0_).status();
  EXPECT_EQ(fifth.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(status::Reason(fifth), kAccountLocked);
  EXPECT_EQ(status::Details(fifth).retry_delay, std::chrono::milliseconds(15 * 60 * 1000));

  absl::Status right = Login(kSintTruiden, "jan", kPassword, t0_ + absl::Minutes(14)).status();
  EXPECT_EQ(status::Reason(right), kAccountLocked);
  EXPECT_EQ(status::Details(right).retry_delay, std::chrono::milliseconds(60 * 1000));
  EXPECT_EQ(AdminScalar("SELECT last_login_at FROM staff_accounts"), "NULL");
  EXPECT_EQ(AdminScalar("SELECT extract(epoch from locked_until)::bigint FROM staff_accounts"),
            std::to_string(absl::ToUnixSeconds(t0_ + absl::Minutes(15))));
}

TEST_F(PgStaffTest, LockEndsAfterThePeriod) {
  ASSERT_TRUE(Create(kSintTruiden, "jan").ok());
  for (int i = 0; i < 5; ++i) Login(kSintTruiden, "jan", "fout", t0_).IgnoreError();
  EXPECT_EQ(status::Reason(Login(kSintTruiden, "jan", kPassword, t0_ + absl::Minutes(15) -
                                                                     absl::Seconds(1)).status()),
            kAccountLocked);
  auto account = Login(kSintTruiden, "jan", kPassword, t0_ + absl::Minutes(15));
  ASSERT_TRUE(account.ok()) << account.status();
  EXPECT_EQ(AdminScalar("SELECT failed_attempts FROM staff_accounts"), "0");
  EXPECT_EQ(AdminScalar("SELECT locked_until FROM staff_accounts"), "NULL");
}

TEST_F(PgStaffTest, ConcurrentFailuresAreAllCounted) {
  ASSERT_TRUE(Create(kSintTruiden, "jan").ok());
  constexpr int kAttempts = 10;
  std::vector<absl::Status> results(kAttempts);
  std::vector<std::thread> threads;
  for (int i = 0; i < kAttempts; ++i) {
    threads.emplace_back([&, i] { results[i] = Login(kSintTruiden, "jan", "fout", t0_).status(); });
  }
  for (auto& t : threads) t.join();
  int invalid = 0, locked = 0;
  for (const auto& s : results) {
    if (status::Reason(s) == kInvalidCredentials) ++invalid;
    if (status::Reason(s) == kAccountLocked) ++locked;
  }
  // Failures 1–4 are counted, the fifth locks, every later one finds the lock.
  EXPECT_EQ(invalid, 4);
  EXPECT_EQ(locked, kAttempts - 4);
  EXPECT_EQ(status::Reason(Login(kSintTruiden, "jan", kPassword, t0_).status()), kAccountLocked);
}

TEST_F(PgStaffTest, UserNamesAreCaseInsensitiveAndUniquePerTenant) {
  ASSERT_TRUE(Create(kSintTruiden, "Jan.Peeters").ok());
  EXPECT_TRUE(Login(kSintTruiden, "JAN.PEETERS", kPassword, t0_).ok());
  EXPECT_TRUE(Login(kSintTruiden, "jan.peeters", kPassword, t0_).ok());
  auto dup = Create(kSintTruiden, "jan.PEETERS");
  EXPECT_EQ(dup.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(status::Reason(dup.status()), kUsernameTaken);
  EXPECT_EQ(AdminScalar("SELECT count(*) FROM staff_accounts"), "1");
}

TEST_F(PgStaffTest, SameUserNameInTwoTenantsIsTwoAccounts) {
  auto sint_truiden = Create(kSintTruiden, "jan", "wachtwoord van sint-truiden");
  auto hasselt = Create(kHasselt, "jan", "wachtwoord van hasselt");
  ASSERT_TRUE(sint_truiden.ok() && hasselt.ok());
  EXPECT_NE(sint_truiden->id(), hasselt->id());

  auto in_st = Login(kSintTruiden, "jan", "wachtwoord van sint-truiden", t0_);
  ASSERT_TRUE(in_st.ok()) << in_st.status();
  EXPECT_EQ(in_st->id(), sint_truiden->id());
  EXPECT_EQ(in_st->tenant_id(), kSintTruiden);
  auto in_h = Login(kHasselt, "jan", "wachtwoord van hasselt", t0_);
  ASSERT_TRUE(in_h.ok()) << in_h.status();
  EXPECT_EQ(in_h->id(), hasselt->id());

  // One tenant's password does not open the other tenant's account, and the failure counts
  // only there.
  EXPECT_EQ(status::Reason(Login(kHasselt, "jan", "wachtwoord van sint-truiden", t0_).status()),
            kInvalidCredentials);
  EXPECT_EQ(AdminScalar("SELECT failed_attempts FROM staff_accounts WHERE tenant_id = '71022'"), "1");
  EXPECT_EQ(AdminScalar("SELECT failed_attempts FROM staff_accounts WHERE tenant_id = '71053'"), "0");
}

TEST_F(PgStaffTest, OnlyTheTenantsAccountIsFound) {
  ASSERT_TRUE(Create(kSintTruiden, "jan").ok());
  EXPECT_EQ(status::Reason(Login(kHasselt, "jan", kPassword, t0_).status()), kInvalidCredentials);
  auto found = repo_->FindByUsername(kHasselt, "jan");
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_FALSE(found->has_value());
}

TEST_F(PgStaffTest, RowLevelSecurityHidesOtherTenantsRows) {
  ASSERT_TRUE(Create(kSintTruiden, "jan").ok());
  ASSERT_TRUE(Create(kHasselt, "piet").ok());
  // As the service's role, a query that forgets the tenant filter still sees one tenant only.
  pqxx::connection c(app_dsn_);
  pqxx::work tx(c);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM staff_accounts")[0].as<int>(), 0);
  tx.exec_params("SELECT set_config('meldpunt.tenant_id', $1, true)", std::string(kHasselt));
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM staff_accounts")[0].as<int>(), 1);
  EXPECT_EQ(tx.exec1("SELECT username FROM staff_accounts")[0].as<std::string>(), "piet");
}

TEST_F(PgStaffTest, DatabaseRefusesNonStaffRolesAndNonArgon2Hashes) {
  // The table's checks stand behind the service's validation.
  auto insert = [&](const std::string& roles, const std::string& hash) {
    pqxx::connection c(app_dsn_);
    pqxx::work tx(c);
    tx.exec_params("SELECT set_config('meldpunt.tenant_id', $1, true)", std::string(kSintTruiden));
    tx.exec_params("INSERT INTO staff_accounts (tenant_id, username, username_key, display_name,"
                   " roles, password_hash) VALUES ($1, 'x1x', 'x1x', 'X', string_to_array($2, ','), $3)",
                   std::string(kSintTruiden), roles, hash);
    tx.commit();
  };
  EXPECT_THROW(insert("citizen", "$argon2id$v=19$"), pqxx::check_violation);
  EXPECT_THROW(insert("warden,platform_admin", "$argon2id$v=19$"), pqxx::check_violation);
  EXPECT_THROW(insert("warden", "plain"), pqxx::check_violation);
  EXPECT_NO_THROW(insert("warden", "$argon2id$v=19$"));
}

}  // namespace
}  // namespace meldpunt::identity::staff
