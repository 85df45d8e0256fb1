// UpsertIdentified: one profile per person and tenant, personal data sealed, events without it.
#include <thread>

#include <pqxx/pqxx>

#include "libs/status/status.h"
#include "services/identity/src/citizens/national_number_display.h"
#include "services/identity/tests/citizens/citizens_fixture.h"

namespace meldpunt::identity::testing {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_F(CitizensTest, CreateThenIdentifyAgainUpdatesTheSameProfile) {
  auto first = repo_->UpsertIdentified(kSintTruiden, An(), c::LANGUAGE_FR, now_);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->created);
  const v1::Citizen& created = first->citizen;
  EXPECT_EQ(created.tenant_id(), kSintTruiden);
  EXPECT_EQ(created.national_number(), "85.07.30-033.28");
  EXPECT_EQ(created.given_names(), "An Maria");
  EXPECT_EQ(created.family_name(), "Peeters");
  EXPECT_EQ(created.birth_date(), "1985-07-30");
  EXPECT_EQ(created.gender(), c::GENDER_FEMALE);
  EXPECT_EQ(created.official_address().municipality(), "Brustem");
  EXPECT_EQ(created.contact().language(), c::LANGUAGE_FR);
  EXPECT_EQ(created.assurance_level(), common::v1::ASSURANCE_LEVEL_EID_DATA);
  EXPECT_EQ(created.verified_at().seconds(), absl::ToUnixSeconds(now_));
  EXPECT_EQ(created.created_at().seconds(), absl::ToUnixSeconds(now_));

  VerifiedIdentity again = An();
  again.family_name = "Peeters-Claes";
  again.official_address->set_municipality("Zepperen");
  again.assurance = common::v1::ASSURANCE_LEVEL_EID_CHALLENGE;
  const absl::Time later = now_ + absl::Hours(24);
  auto second = repo_->UpsertIdentified(kSintTruiden, again, c::LANGUAGE_EN, later);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->citizen.id(), created.id());
  EXPECT_EQ(second->citizen.family_name(), "Peeters-Claes");
  EXPECT_EQ(second->citizen.official_address().municipality(), "Zepperen");
  EXPECT_EQ(second->citizen.zone_id(), "71053G");
  EXPECT_EQ(second->citizen.assurance_level(), common::v1::ASSURANCE_LEVEL_EID_CHALLENGE);
  EXPECT_EQ(second->citizen.verified_at().seconds(), absl::ToUnixSeconds(later));
  EXPECT_EQ(second->citizen.created_at().seconds(), absl::ToUnixSeconds(now_));
  // The preferred language counts for a new profile only.
  EXPECT_EQ(second->citizen.contact().language(), c::LANGUAGE_FR);
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 1);

  // Card files alone afterwards (they may be copies) do not lower the stored level; a federal
  // login with the card is as strong and, being newer, is kept.
  VerifiedIdentity files_only = An();
  files_only.assurance = common::v1::ASSURANCE_LEVEL_EID_DATA;
  auto third = repo_->UpsertIdentified(kSintTruiden, files_only, c::LANGUAGE_EN, later + absl::Hours(1));
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_EQ(third->citizen.assurance_level(), common::v1::ASSURANCE_LEVEL_EID_CHALLENGE);
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens WHERE assurance_level = 'EID_CHALLENGE'"), 1);
  VerifiedIdentity federal = An();
  federal.assurance = common::v1::ASSURANCE_LEVEL_FAS_EID;
  auto fourth = repo_->UpsertIdentified(kSintTruiden, federal, c::LANGUAGE_EN, later + absl::Hours(2));
  ASSERT_TRUE(fourth.ok()) << fourth.status();
  EXPECT_EQ(fourth->citizen.assurance_level(), common::v1::ASSURANCE_LEVEL_FAS_EID);
}

TEST_F(CitizensTest, SimultaneousFirstIdentificationsMakeOneProfile) {
  constexpr int kCallers = 4;
  std::vector<absl::StatusOr<IdentifiedCitizen>> results(kCallers, absl::UnknownError("not run"));
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      results[i] = repo_->UpsertIdentified(kSintTruiden, An(), c::LANGUAGE_UNSPECIFIED, now_);
    });
  }
  for (auto& t : callers) t.join();
  int created = 0;
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->citizen.id(), results[0]->citizen.id());
    created += r->created ? 1 : 0;
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM meldpunt_outbox"), 1);
}

TEST_F(CitizensTest, LanguageDefaultsToTheProviderThenDutch) {
  VerifiedIdentity from_provider = Bert();
  from_provider.language = c::LANGUAGE_DE;
  EXPECT_EQ(MustUpsert(kSintTruiden, from_provider).contact().language(), c::LANGUAGE_DE);
  EXPECT_EQ(MustUpsert(kSintTruiden, An()).contact().language(), c::LANGUAGE_NL);
}

TEST_F(CitizensTest, IdentificationWithoutAddressKeepsTheKnownOne) {
  MustUpsert(kSintTruiden, An());
  VerifiedIdentity federal_login;  // names and number only
  federal_login.national_number = kAnNumber;
  federal_login.given_names = "An Maria";
  federal_login.family_name = "Peeters";
  federal_login.assurance = common::v1::ASSURANCE_LEVEL_FAS_EID;
  auto again = repo_->UpsertIdentified(kSintTruiden, federal_login, c::LANGUAGE_UNSPECIFIED, now_);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->citizen.official_address().municipality(), "Brustem");
  EXPECT_EQ(again->citizen.birth_date(), "1985-07-30");
  EXPECT_EQ(again->citizen.gender(), c::GENDER_FEMALE);
  EXPECT_EQ(again->citizen.zone_id(), "71053J");
  EXPECT_EQ(again->citizen.assurance_level(), common::v1::ASSURANCE_LEVEL_FAS_EID);
  // Nothing coarse changed: only the registration event exists.
  EXPECT_EQ(Outbox().size(), 1u);
}

TEST_F(CitizensTest, DomicileIsPlacedInTheZoneOfItsMunicipality) {
  const v1::Citizen an = MustUpsert(kSintTruiden, An());
  EXPECT_EQ(an.zone_id(), "71053J");
  EXPECT_EQ(an.zone_name(), "Brustem");
  const v1::Citizen bert = MustUpsert(kSintTruiden, Bert());
  EXPECT_EQ(bert.zone_id(), "71053A");
  EXPECT_EQ(bert.zone_name(), "Sint-Truiden");
  VerifiedIdentity elsewhere = Person("72031504568", "Chris", "Wouters", "1972-03-15",
                                      c::GENDER_MALE, "Hasselt");
  const v1::Citizen chris = MustUpsert(kSintTruiden, elsewhere);
  EXPECT_EQ(chris.zone_id(), "");
  EXPECT_EQ(chris.zone_name(), "");
  // A foreign address is never placed, whatever its municipality is called.
  VerifiedIdentity abroad = Person("72031504667", "Dana", "Smit", "1972-03-15", c::GENDER_FEMALE,
                                   "Brustem");
  abroad.official_address->set_country("NL");
  EXPECT_EQ(MustUpsert(kSintTruiden, abroad).zone_id(), "");
}

TEST_F(CitizensTest, NationalNumberAndNamesAreStoredSealed) {
  const v1::Citizen an = MustUpsert(kSintTruiden, An());
  const std::string where = " FROM citizens WHERE id = '" + an.id() + "'";
  const std::string number = Bytes("SELECT national_number_sealed" + where);
  const std::string identity = Bytes("SELECT identity_sealed" + where);
  const std::string hash = Bytes("SELECT national_number_hash" + where);
  EXPECT_EQ(hash.size(), 32u);
  for (const std::string& column : {number, identity, hash}) {
    EXPECT_FALSE(Contains(column, kAnNumber));
    EXPECT_FALSE(Contains(column, "85.07.30"));
    EXPECT_FALSE(Contains(column, "Peeters"));
    EXPECT_FALSE(Contains(column, "Kerkstraat"));
  }
  // The whole row as text, as a dump would show it.
  absl::Status s = admin_pool_->WithConnection([&](pqxx::connection& conn) -> absl::Status {
    pqxx::nontransaction tx(conn);
    const std::string row = tx.exec1("SELECT c::text FROM citizens c")[0].as<std::string>();
    EXPECT_FALSE(Contains(row, kAnNumber));
    EXPECT_FALSE(Contains(row, "Peeters"));
    EXPECT_FALSE(Contains(row, "An Maria"));
    EXPECT_FALSE(Contains(row, "Kerkstraat"));
    EXPECT_FALSE(Contains(row, "1985-07-30"));
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
  // The sealed number opens only with its own row's binding.
  auto opened = protector_->Open(number, "citizens.national_number|71053|" + an.id());
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, kAnNumber);
  EXPECT_FALSE(protector_->Open(number, "citizens.national_number|71022|" + an.id()).ok());
}

TEST_F(CitizensTest, AnotherKeyCannotReadTheProfile) {
  const v1::Citizen an = MustUpsert(kSintTruiden, An());
  auto other = crypto::DataProtector::FromSecret(std::string(32, 'z'));
  ASSERT_TRUE(other.ok());
  PgCitizenRepository wrong_key(pool_.get(), other->get());
  auto read = wrong_key.Get(kSintTruiden, an.id(), nullptr);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kDataLoss);
  // And it does not find the person by number either: the hash key differs.
  auto upsert = wrong_key.UpsertIdentified(kSintTruiden, An(), c::LANGUAGE_UNSPECIFIED, now_);
  ASSERT_TRUE(upsert.ok()) << upsert.status();
  EXPECT_TRUE(upsert->created);
}

TEST_F(CitizensTest, EventsCarryTheIdAndDimensionsOnly) {
  const v1::Citizen an = MustUpsert(kSintTruiden, An());
  MustUpsert(kSintTruiden, An());  // nothing coarse changed: no event
  VerifiedIdentity moved = An();
  moved.official_address->set_municipality("Zepperen");
  moved.official_address->set_street("Zepperenweg");
  MustUpsert(kSintTruiden, moved);

  const auto rows = Outbox();
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) {
    EXPECT_EQ(row.stream, "meldpunt:events:identity");
    EXPECT_EQ(row.event.tenant_id(), kSintTruiden);
    EXPECT_EQ(row.event.aggregate_id(), an.id());
    EXPECT_EQ(row.event.producer(), "identity");
    EXPECT_EQ(row.event.occurred_at().seconds(), absl::ToUnixSeconds(now_));
    for (const std::string& pii : {std::string(kAnNumber), std::string("85.07.30-033.28"),
                                   std::string("Peeters"), std::string("An Maria"),
                                   std::string("Kerkstraat"), std::string("Zepperenweg"),
                                   std::string("1985-07-30"), std::string("3800")}) {
      EXPECT_FALSE(Contains(row.raw, pii)) << pii << " in " << row.event.type();
      EXPECT_FALSE(Contains(row.event.DebugString(), pii)) << pii;
    }
  }
  ASSERT_TRUE(rows[0].event.has_citizen_registered());
  const auto& registered = rows[0].event.citizen_registered();
  EXPECT_EQ(registered.citizen_id(), an.id());
  EXPECT_EQ(registered.dimensions().zone_id(), "71053J");
  EXPECT_EQ(registered.dimensions().gender(), c::GENDER_FEMALE);
  EXPECT_EQ(registered.dimensions().birth_year(), 1985);
  EXPECT_EQ(registered.dimensions().language(), c::LANGUAGE_NL);
  ASSERT_TRUE(rows[1].event.has_citizen_profile_changed());
  EXPECT_EQ(rows[1].event.citizen_profile_changed().dimensions().zone_id(), "71053G");
  EXPECT_EQ(rows[1].event.citizen_profile_changed().dimensions().birth_year(), 1985);
}

TEST_F(CitizensTest, MalformedNationalNumberIsRefusedWithoutRepeatingIt) {
  VerifiedIdentity bad = An();
  bad.national_number = "8507300332X";
  auto result = repo_->UpsertIdentified(kSintTruiden, bad, c::LANGUAGE_UNSPECIFIED, now_);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Reason(result.status()), "NATIONAL_NUMBER_INVALID");
  EXPECT_FALSE(Contains(std::string(result.status().message()), "8507300332"));
  EXPECT_EQ(Scalar("SELECT count(*) FROM citizens"), 0);
}

}  // namespace
}  // namespace meldpunt::identity::testing
