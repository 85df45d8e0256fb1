#include "services/identity/src/staff/staff_login.h"

#include <functional>
#include <vector>

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "libs/status/status.h"
#include "libs/testing/fake_rate_limiter.h"
#include "services/identity/src/admin/create_staff_account.h"
#include "services/identity/src/staff/argon2id_hasher.h"
#include "services/identity/src/staff/login_attempt_limiter.h"
#include "services/identity/src/staff/reasons.h"
#include "services/identity/tests/staff/fake_staff_repository.h"

namespace meldpunt::identity::staff {
namespace {

namespace cv1 = common::v1;
using testing::FakeStaffRepository;

constexpr char kTenant[] = "71053";
constexpr char kOtherTenant[] = "71022";
constexpr char kPassword[] = "een lang wachtwoord";

// Counts the hashing work and remembers which hash it was done against; on_verify lets a test
// act "while the hash is being computed" (a concurrent login).
class CountingHasher final : public PasswordHasher {
 public:
  explicit CountingHasher(std::unique_ptr<PasswordHasher> inner) : inner_(std::move(inner)) {}
  absl::StatusOr<std::string> Hash(std::string_view password) const override {
    return inner_->Hash(password);
  }
  absl::StatusOr<bool> Verify(std::string_view password, std::string_view encoded) const override {
    ++verifies;
    last_encoded = std::string(encoded);
    if (on_verify) on_verify();
    return inner_->Verify(password, encoded);
  }
  mutable int verifies = 0;
  mutable std::string last_encoded;
  std::function<void()> on_verify;

 private:
  std::unique_ptr<PasswordHasher> inner_;
};

// The cost part of a PHC string: "$argon2id$v=19$m=64,t=1,p=1".
std::string Cost(const std::string& phc) { return phc.substr(0, phc.rfind('$', phc.rfind('$') - 1)); }

class StaffLoginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Argon2idParams cheap;
    cheap.time_cost = 1;
    cheap.memory_kib = 64;
    hasher_ = std::make_unique<CountingHasher>(std::move(*Argon2idHasher::Create(cheap)));
    protector_ = std::move(crypto::DataProtector::FromSecret(std::string(32, 'k'))).value();
    attempts_ = std::move(LoginAttemptLimiter::Create(&limiter_, protector_.get())).value();
    Reset(LockoutPolicy{});
    jan_ = MustCreate(kTenant, "Jan.Peeters");
  }

  void Reset(LockoutPolicy policy) {
    auto login = StaffLogin::Create(&repo_, hasher_.get(), attempts_.get(), policy);
    ASSERT_TRUE(login.ok()) << login.status();
    login_ = std::move(*login);
  }

  std::string MustCreate(const std::string& tenant, const std::string& username) {
    NewStaffAccount a;
    a.tenant_id = tenant;
    a.username = username;
    a.display_name = "Jan Peeters";
    a.roles = {cv1::ROLE_COORDINATOR};
    a.password = kPassword;
    auto created = CreateStaffAccount(repo_, *hasher_, a, t0_);
    EXPECT_TRUE(created.ok()) << created.status();
    return created->id();
  }

  absl::StatusOr<v1::StaffAccount> Login(const std::string& password, absl::Time now,
                                         const std::string& username = "jan.peeters",
                                         const std::string& tenant = kTenant) {
    return login_->Login(tenant, username, password, now);
  }

  static std::chrono::milliseconds RetryDelay(const absl::Status& s) {
    auto d = status::Details(s).retry_delay;
    EXPECT_TRUE(d.has_value()) << s;
    return d.value_or(std::chrono::milliseconds(0));
  }

  FakeStaffRepository repo_;
  std::unique_ptr<CountingHasher> hasher_;
  meldpunt::testing::FakeRateLimiter limiter_;
  std::unique_ptr<crypto::DataProtector> protector_;
  std::unique_ptr<LoginAttemptLimiter> attempts_;
  std::unique_ptr<StaffLogin> login_;
  absl::Time t0_ = absl::FromUnixSeconds(1700000000);
  std::string jan_;
};

TEST_F(StaffLoginTest, RightPasswordLogsIn) {
  auto account = Login(kPassword, t0_);
  ASSERT_TRUE(account.ok()) << account.status();
  EXPECT_EQ(account->id(), jan_);
  EXPECT_EQ(account->tenant_id(), kTenant);
  EXPECT_EQ(account->username(), "Jan.Peeters");
  ASSERT_EQ(account->roles_size(), 1);
  EXPECT_EQ(account->roles(0), cv1::ROLE_COORDINATOR);
  EXPECT_EQ(account->last_login_at().seconds(), absl::ToUnixSeconds(t0_));
  EXPECT_EQ(repo_.Record(jan_).login.last_login_at, t0_);
}

TEST_F(StaffLoginTest, UserNamesAreCaseInsensitive) {
  EXPECT_TRUE(Login(kPassword, t0_, "JAN.PEETERS").ok());
  EXPECT_TRUE(Login(kPassword, t0_, "jan.Peeters").ok());
}

TEST_F(StaffLoginTest, UnknownUserAndWrongPasswordAnswerAlikeAfterTheSameWork) {
  hasher_->verifies = 0;
  absl::Status wrong = Login("niet het wachtwoord", t0_).status();
  ASSERT_EQ(hasher_->verifies, 1);
  const std::string real_cost = Cost(hasher_->last_encoded);

  absl::Status unknown = Login("niet het wachtwoord", t0_, "piet.janssens").status();
  ASSERT_EQ(hasher_->verifies, 2);
  EXPECT_EQ(Cost(hasher_->last_encoded), real_cost);  // the dummy costs what a real hash costs

  absl::Status malformed = Login("niet het wachtwoord", t0_, "x").status();
  ASSERT_EQ(hasher_->verifies, 3);

  for (const absl::Status* s : {&wrong, &unknown, &malformed}) {
    EXPECT_EQ(s->code(), absl::StatusCode::kUnauthenticated);
    EXPECT_EQ(status::Reason(*s), kInvalidCredentials);
    EXPECT_EQ(s->message(), wrong.message());
    EXPECT_FALSE(status::Details(*s).retry_delay.has_value());
  }
}

TEST_F(StaffLoginTest, LocksAfterFiveFailuresAndRefusesTheRightPasswordWhileLocked) {
  for (int i = 1; i <= 4; ++i) {
    absl::Status s = Login("fout", t0_ + absl::Seconds(i)).status();
    EXPECT_EQ(status::Reason(s), kInvalidCredentials) << i;
  }
  absl::Status fifth = Login("fout", t0_ + absl::Seconds(5)).status();
  EXPECT_EQ(fifth.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(status::Reason(fifth), kAccountLocked);
  EXPECT_EQ(RetryDelay(fifth), std::chrono::minutes(15));

  const int verifies_before = hasher_->verifies;
  absl::Status right = Login(kPassword, t0_ + absl::Seconds(5) + absl::Minutes(10)).status();
  EXPECT_EQ(status::Reason(right), kAccountLocked);
  EXPECT_EQ(RetryDelay(right), std::chrono::minutes(5));
  EXPECT_EQ(hasher_->verifies, verifies_before);  // no hashing for a locked account
  EXPECT_FALSE(repo_.Record(jan_).login.last_login_at.has_value());
}

TEST_F(StaffLoginTest, LockEndsAfterThePeriodAndTheCountStartsOver) {
  for (int i = 0; i < 5; ++i) Login("fout", t0_).IgnoreError();
  const absl::Time unlocked = t0_ + absl::Minutes(15);
  EXPECT_EQ(status::Reason(Login(kPassword, unlocked - absl::Milliseconds(1)).status()),
            kAccountLocked);
  // After the lock, four failures do not lock again: five new ones are needed.
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(status::Reason(Login("fout", unlocked).status()), kInvalidCredentials);
  }
  EXPECT_TRUE(Login(kPassword, unlocked).ok());
}

TEST_F(StaffLoginTest, SuccessResetsTheFailureCount) {
  for (int i = 0; i < 4; ++i) Login("fout", t0_).IgnoreError();
  ASSERT_TRUE(Login(kPassword, t0_).ok());
  EXPECT_EQ(repo_.Record(jan_).login.failed_attempts, 0);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(status::Reason(Login("fout", t0_).status()), kInvalidCredentials);
  }
}

TEST_F(StaffLoginTest, PolicyIsConfigurable) {
  Reset(LockoutPolicy{3, absl::Minutes(1)});
  Login("fout", t0_).IgnoreError();
  Login("fout", t0_).IgnoreError();
  absl::Status third = Login("fout", t0_).status();
  EXPECT_EQ(status::Reason(third), kAccountLocked);
  EXPECT_EQ(RetryDelay(third), std::chrono::minutes(1));
  EXPECT_TRUE(Login(kPassword, t0_ + absl::Minutes(1)).ok());
  EXPECT_FALSE(
      StaffLogin::Create(&repo_, hasher_.get(), attempts_.get(), LockoutPolicy{0, absl::Minutes(1)})
          .ok());
  EXPECT_FALSE(StaffLogin::Create(&repo_, hasher_.get(), attempts_.get(),
                                  LockoutPolicy{5, absl::ZeroDuration()})
                   .ok());
  // The per-name limit is not optional.
  EXPECT_FALSE(StaffLogin::Create(&repo_, hasher_.get(), nullptr).ok());
}

TEST_F(StaffLoginTest, AConcurrentLockWinsOverTheRightPassword) {
  // Another login locks the account while this one is hashing the right password.
  hasher_->on_verify = [&] { repo_.Record(jan_).login.locked_until = t0_ + absl::Minutes(15); };
  absl::Status s = Login(kPassword, t0_).status();
  EXPECT_EQ(status::Reason(s), kAccountLocked);
  EXPECT_FALSE(repo_.Record(jan_).login.last_login_at.has_value());
}

TEST_F(StaffLoginTest, FailuresDuringALockSetMeanwhileDoNotExtendIt) {
  const absl::Time until = t0_ + absl::Minutes(3);
  hasher_->on_verify = [&] { repo_.Record(jan_).login.locked_until = until; };
  absl::Status s = Login("fout", t0_).status();
  EXPECT_EQ(status::Reason(s), kAccountLocked);
  EXPECT_EQ(repo_.Record(jan_).login.locked_until, until);
  EXPECT_EQ(repo_.Record(jan_).login.failed_attempts, 0);
}

TEST_F(StaffLoginTest, DisabledAccountSaysSoOnlyToTheRightPassword) {
  repo_.Record(jan_).disabled = true;
  EXPECT_EQ(status::Reason(Login("fout", t0_).status()), kInvalidCredentials);
  absl::Status s = Login(kPassword, t0_).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(status::Reason(s), kAccountDisabled);
}

TEST_F(StaffLoginTest, AnotherTenantsAccountIsUnknown) {
  absl::Status s = Login(kPassword, t0_, "jan.peeters", kOtherTenant).status();
  EXPECT_EQ(status::Reason(s), kInvalidCredentials);
}

TEST_F(StaffLoginTest, OverlongPasswordIsRefusedBeforeAnyWork) {
  hasher_->verifies = 0;
  absl::Status s = Login(std::string(kMaxPasswordBytes + 1, 'p'), t0_).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Reason(s), kPasswordTooLong);
  EXPECT_EQ(hasher_->verifies, 0);
  EXPECT_EQ(limiter_.calls, 0);  // refused on its face: it does not spend the name's attempts
  EXPECT_EQ(repo_.Record(jan_).login.failed_attempts, 0);
}

// ---- The per-name limit (login_attempt_limiter.h).

TEST_F(StaffLoginTest, TheNamesLimitIsCheckedBeforeTheHash) {
  std::vector<std::string> order;
  limiter_.on_acquire = [&] { order.push_back("limit"); };
  hasher_->on_verify = [&] { order.push_back("hash"); };
  ASSERT_TRUE(Login(kPassword, t0_).ok());
  EXPECT_EQ(order, (std::vector<std::string>{"limit", "hash"}));
  ASSERT_EQ(limiter_.buckets.size(), 1u);
  EXPECT_EQ(limiter_.buckets[0].key, attempts_->BucketKey(kTenant, "jan.peeters"));
  EXPECT_FALSE(limiter_.last_fail_open);
}

TEST_F(StaffLoginTest, ARefusedAttemptCostsNoHashAndCountsNoFailure) {
  limiter_.answer = status::Error(absl::StatusCode::kResourceExhausted, rate_limit::kRateLimited,
                                  "empty");
  status::SetRetryDelay(limiter_.answer, std::chrono::seconds(20));
  hasher_->verifies = 0;
  for (const char* password : {"fout", kPassword}) {
    absl::Status s = Login(password, t0_).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted) << s;
    EXPECT_EQ(status::Reason(s), kLoginRateLimited);
    EXPECT_EQ(RetryDelay(s), std::chrono::seconds(20));
  }
  // Unknown and malformed names answer alike: the refusal does not tell which names exist.
  EXPECT_EQ(status::Reason(Login("fout", t0_, "piet.janssens").status()), kLoginRateLimited);
  EXPECT_EQ(status::Reason(Login("fout", t0_, "x").status()), kLoginRateLimited);
  EXPECT_EQ(hasher_->verifies, 0);
  EXPECT_EQ(repo_.updates, 0);
  EXPECT_EQ(repo_.Record(jan_).login.failed_attempts, 0);
  EXPECT_FALSE(repo_.Record(jan_).login.last_login_at.has_value());
}

TEST_F(StaffLoginTest, EveryAttemptIsChargedWhateverItsOutcome) {
  ASSERT_TRUE(Login(kPassword, t0_).ok());                         // success
  Login("fout", t0_).IgnoreError();                                 // wrong password
  Login("fout", t0_, "piet.janssens").IgnoreError();                // unknown name
  Login("fout", t0_, "x").IgnoreError();                            // malformed name
  repo_.Record(jan_).login.locked_until = t0_ + absl::Minutes(15);
  EXPECT_EQ(status::Reason(Login(kPassword, t0_).status()), kAccountLocked);  // locked
  EXPECT_EQ(limiter_.calls, 5);
  ASSERT_EQ(limiter_.buckets.size(), 1u);
  EXPECT_EQ(limiter_.buckets[0].key, attempts_->BucketKey(kTenant, "jan.peeters"));
}

TEST_F(StaffLoginTest, RedisUnreachableRefusesTheLoginBeforeAnyHash) {
  limiter_.answer = status::Unavailable(rate_limit::kRateLimiterUnavailable, "down");
  hasher_->verifies = 0;
  absl::Status s = Login(kPassword, t0_).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status::Reason(s), rate_limit::kRateLimiterUnavailable);
  EXPECT_EQ(hasher_->verifies, 0);
}

TEST_F(StaffLoginTest, TenantMustBeANisCode) {
  EXPECT_EQ(status::Reason(Login(kPassword, t0_, "jan.peeters", "").status()), kTenantInvalid);
}

TEST_F(StaffLoginTest, AccountDeletedDuringTheLoginIsUnknown) {
  hasher_->on_verify = [&] { repo_.Remove(jan_); };
  EXPECT_EQ(status::Reason(Login(kPassword, t0_).status()), kInvalidCredentials);
}

}  // namespace
}  // namespace meldpunt::identity::staff
