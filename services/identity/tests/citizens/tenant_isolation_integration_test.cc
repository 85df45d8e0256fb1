// One person, one profile per tenant; a tenant never reaches another's citizens.
#include <pqxx/pqxx>

#include "libs/auth/tenant_scope.h"
#include "libs/status/status.h"
#include "services/identity/tests/citizens/citizens_fixture.h"

namespace meldpunt::identity::testing {
namespace {

TEST_F(CitizensTest, SameNumberInTwoTenantsGivesTwoCitizens) {
  auto in_a = repo_->UpsertIdentified(kSintTruiden, An(), c::LANGUAGE_UNSPECIFIED, now_);
  auto in_b = repo_->UpsertIdentified(kHasselt, An(), c::LANGUAGE_UNSPECIFIED, now_);
  ASSERT_TRUE(in_a.ok() && in_b.ok());
  EXPECT_TRUE(in_a->created);
  EXPECT_TRUE(in_b->created);
  EXPECT_NE(in_a->citizen.id(), in_b->citizen.id());
  EXPECT_EQ(in_b->citizen.tenant_id(), kHasselt);
  EXPECT_EQ(in_b->citizen.zone_id(), "");  // Hasselt has no zones loaded here
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 2);
  // Per-tenant hash keys: the two rows share no look-up value either.
  EXPECT_EQ(Scalar("SELECT count(DISTINCT national_number_hash) FROM citizens"), 2);
}

TEST_F(CitizensTest, AnotherTenantCannotReachACitizen) {
  const v1::Citizen an = MustUpsert(kSintTruiden, An());
  v1::UpdateCitizenProfileRequest grant;
  auto* d = grant.add_consents();
  d->set_topic("newsletter");
  d->set_granted(true);
  ASSERT_TRUE(repo_->UpdateProfile(kSintTruiden, grant, an.id(), nullptr, now_).ok());

  EXPECT_EQ(status::Reason(repo_->Get(kHasselt, an.id(), nullptr).status()),
            kReasonCitizenNotFound);
  AuditEntry audit{"staff-h", "read", "curious", now_};
  EXPECT_EQ(status::Reason(repo_->Get(kHasselt, an.id(), &audit).status()),
            kReasonCitizenNotFound);
  v1::UpdateCitizenProfileRequest update;
  update.set_email("hijack@example.be");
  EXPECT_EQ(status::Reason(repo_->UpdateProfile(kHasselt, update, an.id(), nullptr, now_).status()),
            kReasonCitizenNotFound);

  v1::ResolveContactsRequest by_id;
  by_id.add_citizen_ids(an.id());
  auto resolved = repo_->ResolveContacts(kHasselt, by_id);
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  EXPECT_EQ(resolved->contacts_size(), 0);
  ASSERT_EQ(resolved->not_found_citizen_ids_size(), 1);

  v1::ResolveContactsRequest by_segment;
  by_segment.mutable_segment()->add_consent_topics("newsletter");
  auto campaign = repo_->ResolveContacts(kHasselt, by_segment);
  ASSERT_TRUE(campaign.ok()) << campaign.status();
  EXPECT_EQ(campaign->contacts_size(), 0);

  auto count = repo_->CountCitizens(kHasselt, v1::CountCitizensRequest());
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->total(), 0);

  // Nothing was written for the other tenant's attempts.
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizen_access_log"), 0);
  auto mine = repo_->Get(kSintTruiden, an.id(), nullptr);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->contact().email(), "");
}

TEST_F(CitizensTest, RowLevelSecurityHidesOtherTenantsEvenWithoutAFilter) {
  MustUpsert(kSintTruiden, An());
  auto count_as = [&](const std::string& tenant, const std::string& table) {
    std::int64_t n = -1;
    absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
      if (absl::Status scoped = auth::ScopeToTenant(tx, tenant); !scoped.ok()) return scoped;
      n = tx.exec1("SELECT count(*) FROM " + table)[0].as<std::int64_t>();
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return n;
  };
  EXPECT_EQ(count_as(kSintTruiden, "citizens"), 1);
  EXPECT_EQ(count_as(kHasselt, "citizens"), 0);
  EXPECT_EQ(count_as(kSintTruiden, "citizen_zones"), 15);
  EXPECT_EQ(count_as(kHasselt, "citizen_zones"), 0);
  // And a write into another tenant's rows is refused by the policy.
  absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
    if (absl::Status scoped = auth::ScopeToTenant(tx, kHasselt); !scoped.ok()) return scoped;
    tx.exec("INSERT INTO citizen_zones (tenant_id, zone_id, name, match_key)"
            " VALUES ('71053', 'X', 'X', 'x')");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << s;
}

}  // namespace
}  // namespace meldpunt::identity::testing
