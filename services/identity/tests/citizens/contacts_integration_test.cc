// ResolveContacts (by id, by consenting segment, paged) and CountCitizens.
#include "libs/api/page_token.h"
#include "libs/status/status.h"
#include "services/identity/src/citizens/segment_filter.h"
#include "services/identity/tests/citizens/citizens_fixture.h"

namespace meldpunt::identity::testing {
namespace {

class ContactsTest : public CitizensTest {
 protected:
  void SetUp() override {
    CitizensTest::SetUp();
    if (HasFatalFailure()) return;
    an_ = MustUpsert(kSintTruiden, An());
    bert_ = MustUpsert(kSintTruiden, Bert());
    chris_ = MustUpsert(kSintTruiden, Person("72031504568", "Chris", "Wouters", "1972-03-15",
                                             c::GENDER_MALE, "Brustem"));
    // An and Chris want the newsletter, Bert does not; An also gave a correspondence address.
    Decide(an_, "newsletter", true);
    Decide(chris_, "newsletter", true);
    Decide(bert_, "newsletter", false);
    v1::UpdateCitizenProfileRequest an_contact;
    an_contact.set_email("an@example.be");
    an_contact.set_preferred_channel(c::CONTACT_CHANNEL_EMAIL);
    auto* postal = an_contact.mutable_postal_address();
    postal->set_street("Postbus");
    postal->set_house_number("7");
    postal->set_postal_code("3800");
    postal->set_municipality("Sint-Truiden");
    ASSERT_TRUE(repo_->UpdateProfile(kSintTruiden, an_contact, an_.id(), nullptr, now_).ok());
  }

  void Decide(const v1::Citizen& who, const std::string& topic, bool granted) {
    v1::UpdateCitizenProfileRequest req;
    auto* d = req.add_consents();
    d->set_topic(topic);
    d->set_granted(granted);
    auto r = repo_->UpdateProfile(kSintTruiden, req, who.id(), nullptr, now_);
    ASSERT_TRUE(r.ok()) << r.status();
  }

  v1::Citizen an_, bert_, chris_;
};

TEST_F(ContactsTest, ByIdsInRequestOrderWithNotFound) {
  v1::ResolveContactsRequest req;
  req.add_citizen_ids(bert_.id());
  req.add_citizen_ids("00000000-0000-4000-8000-000000000000");
  req.add_citizen_ids(an_.id());
  req.add_citizen_ids("not-a-uuid");
  req.add_citizen_ids(an_.id());  // asked twice, answered once
  auto resp = repo_->ResolveContacts(kSintTruiden, req);
  ASSERT_TRUE(resp.ok()) << resp.status();
  ASSERT_EQ(resp->contacts_size(), 2);
  const v1::CitizenContact& bert = resp->contacts(0);
  EXPECT_EQ(bert.citizen_id(), bert_.id());
  EXPECT_EQ(bert.given_names(), "Bert");
  EXPECT_EQ(bert.family_name(), "Janssens");
  // No correspondence address: letters go to the official one.
  EXPECT_EQ(bert.contact().postal_address().street(), "Kerkstraat");
  EXPECT_EQ(bert.contact().postal_address().municipality(), "Sint-Truiden");
  EXPECT_EQ(bert.contact().language(), c::LANGUAGE_NL);
  const v1::CitizenContact& an = resp->contacts(1);
  EXPECT_EQ(an.citizen_id(), an_.id());
  EXPECT_EQ(an.contact().email(), "an@example.be");
  EXPECT_EQ(an.contact().channel(), c::CONTACT_CHANNEL_EMAIL);
  EXPECT_EQ(an.contact().postal_address().street(), "Postbus");
  ASSERT_EQ(resp->not_found_citizen_ids_size(), 2);
  EXPECT_EQ(resp->not_found_citizen_ids(0), "00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(resp->not_found_citizen_ids(1), "not-a-uuid");
}

TEST_F(ContactsTest, TooManyIdsOrNoTargetAreRefused) {
  v1::ResolveContactsRequest many;
  for (int i = 0; i <= 500; ++i) many.add_citizen_ids(an_.id());
  EXPECT_EQ(status::Reason(repo_->ResolveContacts(kSintTruiden, many).status()),
            "CITIZEN_IDS_TOO_MANY");
  EXPECT_EQ(status::Reason(repo_->ResolveContacts(kSintTruiden, {}).status()),
            "CONTACTS_TARGET_INVALID");
  v1::ResolveContactsRequest both;
  both.add_citizen_ids(an_.id());
  both.mutable_segment()->add_consent_topics("newsletter");
  EXPECT_EQ(status::Reason(repo_->ResolveContacts(kSintTruiden, both).status()),
            "CONTACTS_TARGET_INVALID");
}

TEST_F(ContactsTest, SegmentNeedsAConsentTopic) {
  v1::ResolveContactsRequest req;
  req.mutable_segment()->add_zone_ids("71053J");
  auto resp = repo_->ResolveContacts(kSintTruiden, req);
  EXPECT_EQ(resp.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Reason(resp.status()), kReasonConsentTopicRequired);
}

TEST_F(ContactsTest, SegmentReachesOnlyConsentingCitizensPageByPage) {
  v1::ResolveContactsRequest req;
  req.mutable_segment()->add_consent_topics("newsletter");
  req.set_page_size(1);
  std::set<std::string> reached;
  std::string token;
  int pages = 0;
  do {
    req.set_page_token(token);
    auto resp = repo_->ResolveContacts(kSintTruiden, req);
    ASSERT_TRUE(resp.ok()) << resp.status();
    ASSERT_LE(resp->contacts_size(), 1);
    for (const auto& contact : resp->contacts()) reached.insert(contact.citizen_id());
    token = resp->next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(reached, (std::set<std::string>{an_.id(), chris_.id()}));
  EXPECT_EQ(pages, 2);

  // Narrowed by zone and by a second topic nobody granted.
  v1::ResolveContactsRequest zone = req;
  zone.clear_page_token();
  zone.set_page_size(0);
  zone.mutable_segment()->add_zone_ids("71053J");
  zone.mutable_segment()->add_genders(c::GENDER_MALE);
  auto chris_only = repo_->ResolveContacts(kSintTruiden, zone);
  ASSERT_TRUE(chris_only.ok());
  ASSERT_EQ(chris_only->contacts_size(), 1);
  EXPECT_EQ(chris_only->contacts(0).citizen_id(), chris_.id());
  EXPECT_EQ(chris_only->next_page_token(), "");
  zone.mutable_segment()->add_consent_topics("participation");
  auto nobody = repo_->ResolveContacts(kSintTruiden, zone);
  ASSERT_TRUE(nobody.ok());
  EXPECT_EQ(nobody->contacts_size(), 0);
}

TEST_F(ContactsTest, PageTokenIsBoundToItsSegment) {
  v1::ResolveContactsRequest req;
  req.mutable_segment()->add_consent_topics("newsletter");
  req.set_page_size(1);
  auto first = repo_->ResolveContacts(kSintTruiden, req);
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->next_page_token().empty());
  v1::ResolveContactsRequest other = req;
  other.mutable_segment()->add_zone_ids("71053J");
  other.set_page_token(first->next_page_token());
  EXPECT_EQ(status::Reason(repo_->ResolveContacts(kSintTruiden, other).status()),
            api::kReasonPageTokenInvalid);
  req.set_page_token(first->next_page_token());
  EXPECT_EQ(status::Reason(repo_->ResolveContacts(kHasselt, req).status()),
            api::kReasonPageTokenInvalid);
}

TEST_F(ContactsTest, CountsAreGroupedByTheAskedDimensions) {
  v1::CountCitizensRequest all;
  auto total = repo_->CountCitizens(kSintTruiden, all);
  ASSERT_TRUE(total.ok()) << total.status();
  EXPECT_EQ(total->total(), 3);
  EXPECT_EQ(total->buckets_size(), 0);

  v1::CountCitizensRequest grouped;
  grouped.add_group_by(c::SEGMENT_DIMENSION_ZONE);
  grouped.add_group_by(c::SEGMENT_DIMENSION_GENDER);
  auto counts = repo_->CountCitizens(kSintTruiden, grouped);
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->total(), 3);
  std::map<std::pair<std::string, int>, std::int64_t> got;
  for (const auto& b : counts->buckets()) {
    got[{b.zone_id(), b.gender()}] = b.count();
    EXPECT_FALSE(b.suppressed());
    EXPECT_EQ(b.birth_year(), 0);  // not asked for
    EXPECT_EQ(b.profession(), "");
  }
  const std::map<std::pair<std::string, int>, std::int64_t> want = {
      {{"71053A", c::GENDER_MALE}, 1},
      {{"71053J", c::GENDER_MALE}, 1},
      {{"71053J", c::GENDER_FEMALE}, 1}};
  EXPECT_EQ(got, want);

  v1::CountCitizensRequest filtered;
  filtered.mutable_filter()->set_birth_year_min(1980);
  filtered.mutable_filter()->add_consent_topics("newsletter");
  filtered.add_group_by(c::SEGMENT_DIMENSION_BIRTH_YEAR);
  auto young = repo_->CountCitizens(kSintTruiden, filtered);
  ASSERT_TRUE(young.ok()) << young.status();
  EXPECT_EQ(young->total(), 1);  // An: born 1985, consents; Bert is 1990 but declined
  ASSERT_EQ(young->buckets_size(), 1);
  EXPECT_EQ(young->buckets(0).birth_year(), 1985);

  v1::CountCitizensRequest by_language;
  by_language.add_group_by(c::SEGMENT_DIMENSION_LANGUAGE);
  by_language.mutable_filter()->add_citizen_ids(an_.id());
  by_language.mutable_filter()->add_citizen_ids(bert_.id());
  auto languages = repo_->CountCitizens(kSintTruiden, by_language);
  ASSERT_TRUE(languages.ok());
  ASSERT_EQ(languages->buckets_size(), 1);
  EXPECT_EQ(languages->buckets(0).language(), c::LANGUAGE_NL);
  EXPECT_EQ(languages->buckets(0).count(), 2);

  v1::CountCitizensRequest too_many;
  for (int d : {1, 2, 3, 4}) too_many.add_group_by(static_cast<c::SegmentDimension>(d));
  EXPECT_EQ(status::Reason(repo_->CountCitizens(kSintTruiden, too_many).status()),
            kReasonGroupByInvalid);
}

}  // namespace
}  // namespace meldpunt::identity::testing
