// Get and UpdateProfile: contact details sealed, consents with their time, staff access audited.
#include <pqxx/pqxx>

#include "libs/status/status.h"
#include "services/identity/src/citizens/profile_validation.h"
#include "services/identity/tests/citizens/citizens_fixture.h"

namespace meldpunt::identity::testing {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class ProfileTest : public CitizensTest {
 protected:
  void SetUp() override {
    CitizensTest::SetUp();
    if (HasFatalFailure()) return;
    an_ = MustUpsert(kSintTruiden, An());
  }

  absl::StatusOr<v1::Citizen> Update(const v1::UpdateCitizenProfileRequest& req,
                                     absl::Time at, const AuditEntry* audit = nullptr) {
    return repo_->UpdateProfile(kSintTruiden, req, an_.id(), audit, at);
  }

  v1::Citizen an_;
};

TEST_F(ProfileTest, OwnerReadsTheWholeProfileWithoutAnAuditRow) {
  auto read = repo_->Get(kSintTruiden, an_.id(), nullptr);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->national_number(), "85.07.30-033.28");
  EXPECT_EQ(read->family_name(), "Peeters");
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log"), 0);
}

TEST_F(ProfileTest, StaffReadIsAudited) {
  AuditEntry audit{"staff-7", "read", "telefoon over melding STR-2026-00012", now_};
  auto read = repo_->Get(kSintTruiden, an_.id(), &audit);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log"), 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log WHERE staff_id = 'staff-7'"
                   " AND action = 'read' AND reason = 'telefoon over melding STR-2026-00012'"
                   " AND tenant_id = '71053' AND citizen_id = '" + an_.id() + "'"
                   " AND at = to_timestamp(1767225600)"),
            1);
  // A read that finds nobody writes nothing.
  auto missing = repo_->Get(kSintTruiden, "00000000-0000-4000-8000-000000000000", &audit);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status::Reason(missing.status()), kReasonCitizenNotFound);
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log"), 1);
}

TEST_F(ProfileTest, MalformedIdIsNotFound) {
  EXPECT_EQ(status::Reason(repo_->Get(kSintTruiden, "'; DROP TABLE citizens; --", nullptr).status()),
            kReasonCitizenNotFound);
  v1::UpdateCitizenProfileRequest req;
  EXPECT_EQ(status::Reason(repo_->UpdateProfile(kSintTruiden, req, "42", nullptr, now_).status()),
            kReasonCitizenNotFound);
}

TEST_F(ProfileTest, ContactDetailsAreKeptSealedAndOutOfEvents) {
  v1::UpdateCitizenProfileRequest req;
  req.set_email("an.peeters@example.be");
  req.set_phone("0470 12 34 56");
  req.set_preferred_channel(c::CONTACT_CHANNEL_SMS);
  req.set_profession("self_employed");
  auto updated = Update(req, now_ + absl::Minutes(5));
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->contact().email(), "an.peeters@example.be");
  EXPECT_EQ(updated->contact().phone(), "+32470123456");
  EXPECT_EQ(updated->contact().channel(), c::CONTACT_CHANNEL_SMS);
  EXPECT_EQ(updated->profession(), "self_employed");
  EXPECT_EQ(updated->updated_at().seconds(), absl::ToUnixSeconds(now_ + absl::Minutes(5)));

  auto read = repo_->Get(kSintTruiden, an_.id(), nullptr);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->contact().email(), "an.peeters@example.be");

  const std::string sealed = Bytes("SELECT contact_sealed FROM citizens");
  EXPECT_FALSE(Contains(sealed, "an.peeters"));
  EXPECT_FALSE(Contains(sealed, "470123456"));

  const auto rows = Outbox();
  ASSERT_EQ(rows.size(), 2u);  // registered, then the profile change
  ASSERT_TRUE(rows[1].event.has_citizen_profile_changed());
  const auto& dims = rows[1].event.citizen_profile_changed().dimensions();
  EXPECT_EQ(dims.preferred_channel(), c::CONTACT_CHANNEL_SMS);
  EXPECT_EQ(dims.profession(), "self_employed");
  EXPECT_EQ(dims.zone_id(), "71053J");
  for (const auto& row : rows) {
    EXPECT_FALSE(Contains(row.raw, "an.peeters"));
    EXPECT_FALSE(Contains(row.raw, "470123456"));
    EXPECT_FALSE(Contains(row.raw, "Peeters"));
  }
}

TEST_F(ProfileTest, DetailChangesAloneSendNoEvent) {
  v1::UpdateCitizenProfileRequest req;
  req.set_email("an@example.be");
  ASSERT_TRUE(Update(req, now_).ok());
  EXPECT_EQ(Outbox().size(), 1u);
}

TEST_F(ProfileTest, ChannelWithoutItsDetailIsRefusedAndChangesNothing) {
  v1::UpdateCitizenProfileRequest req;
  req.set_preferred_channel(c::CONTACT_CHANNEL_EMAIL);
  req.set_profession("student");
  req.add_consents()->set_topic("newsletter");
  req.mutable_consents(0)->set_granted(true);
  auto updated = Update(req, now_);
  EXPECT_EQ(updated.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Reason(updated.status()), kReasonContactDetailMissing);
  auto read = repo_->Get(kSintTruiden, an_.id(), nullptr);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->profession(), "");
  EXPECT_EQ(read->consents_size(), 0);
  EXPECT_EQ(Outbox().size(), 1u);

  // Letters may go to the official address.
  v1::UpdateCitizenProfileRequest letter;
  letter.set_preferred_channel(c::CONTACT_CHANNEL_LETTER);
  EXPECT_TRUE(Update(letter, now_).ok());
}

TEST_F(ProfileTest, ConsentDecisionsKeepTheirTimeAndAreAnnounced) {
  const absl::Time t1 = now_ + absl::Hours(1);
  const absl::Time t2 = now_ + absl::Hours(2);
  const absl::Time t3 = now_ + absl::Hours(3);
  v1::UpdateCitizenProfileRequest grant;
  auto* d = grant.add_consents();
  d->set_topic("newsletter");
  d->set_granted(true);
  auto first = Update(grant, t1);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->consents_size(), 1);
  EXPECT_EQ(first->consents(0).topic(), "newsletter");
  EXPECT_TRUE(first->consents(0).granted());
  EXPECT_EQ(first->consents(0).decided_at().seconds(), absl::ToUnixSeconds(t1));

  // Granting again changes nothing: the time stays, no event.
  auto repeat = Update(grant, t2);
  ASSERT_TRUE(repeat.ok());
  EXPECT_EQ(repeat->consents(0).decided_at().seconds(), absl::ToUnixSeconds(t1));

  v1::UpdateCitizenProfileRequest withdraw;
  auto* w = withdraw.add_consents();
  w->set_topic("newsletter");
  w->set_granted(false);
  auto* other = withdraw.add_consents();
  other->set_topic("participation.mobility");
  other->set_granted(true);
  auto last = Update(withdraw, t3);
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->consents_size(), 2);
  EXPECT_EQ(last->consents(0).topic(), "newsletter");
  EXPECT_FALSE(last->consents(0).granted());
  EXPECT_EQ(last->consents(0).decided_at().seconds(), absl::ToUnixSeconds(t3));
  EXPECT_EQ(last->consents(1).topic(), "participation.mobility");
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_consents"), 2);

  std::vector<events::v1::ConsentChanged> changes;
  for (const auto& row : Outbox()) {
    if (row.event.has_consent_changed()) changes.push_back(row.event.consent_changed());
  }
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].citizen_id(), an_.id());
  EXPECT_EQ(changes[0].topic(), "newsletter");
  EXPECT_TRUE(changes[0].granted());
  EXPECT_EQ(changes[0].decided_at().seconds(), absl::ToUnixSeconds(t1));
  EXPECT_EQ(changes[1].topic(), "newsletter");
  EXPECT_FALSE(changes[1].granted());
  EXPECT_EQ(changes[1].decided_at().seconds(), absl::ToUnixSeconds(t3));
  EXPECT_EQ(changes[2].topic(), "participation.mobility");
}

TEST_F(ProfileTest, StaffUpdateIsAudited) {
  AuditEntry audit{"staff-3", "update", "profile changed by front office", now_};
  v1::UpdateCitizenProfileRequest req;
  req.set_phone("+32470123456");
  ASSERT_TRUE(Update(req, now_, &audit).ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log WHERE action = 'update'"
                   " AND staff_id = 'staff-3'"),
            1);
  ASSERT_TRUE(Update(req, now_).ok());  // the owner: no row
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log"), 1);
}

}  // namespace
}  // namespace meldpunt::identity::testing
