#include "services/identity/src/citizens/segment_filter.h"

#include "gtest/gtest.h"
#include "libs/postgres/sql_params.h"
#include "libs/status/status.h"
#include "services/identity/src/citizens/profile_validation.h"

namespace meldpunt::identity {
namespace {

namespace c = common::v1;

constexpr char kId[] = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

TEST(SegmentFilterTest, EmptyFilterIsValidAndDoesNotFilter) {
  c::SegmentFilter f;
  EXPECT_TRUE(ValidateSegmentFilter(f, "filter").ok());
  pg::SqlParams p;
  EXPECT_EQ(SegmentConditionSql(f, p), "");
  EXPECT_TRUE(p.values().empty());
}

TEST(SegmentFilterTest, EveryValueIsBoundNeverInlined) {
  c::SegmentFilter f;
  f.add_zone_ids("71053J");
  f.add_zone_ids("71053J");  // once is enough
  f.add_genders(c::GENDER_FEMALE);
  f.set_birth_year_min(1960);
  f.set_birth_year_max(1990);
  f.add_professions("student");
  f.add_consent_topics("newsletter");
  f.add_consent_topics("participation.mobility");
  f.add_languages(c::LANGUAGE_FR);
  f.add_citizen_ids(kId);
  ASSERT_TRUE(ValidateSegmentFilter(f, "filter").ok());
  pg::SqlParams p;
  p.Add("tenant");
  const std::string sql = SegmentConditionSql(f, p);
  for (const char* value : {"71053J", "FEMALE", "1960", "1990", "student", "newsletter", kId}) {
    EXPECT_EQ(sql.find(value), std::string::npos) << value << " inlined in " << sql;
  }
  const std::vector<std::string> expected = {
      "tenant", "{\"71053J\"}", "{\"FEMALE\"}", "1960", "1990", "{\"student\"}", "{\"FR\"}",
      std::string("{\"") + kId + "\"}", "{\"newsletter\",\"participation.mobility\"}", "2"};
  EXPECT_EQ(p.values(), expected);
  EXPECT_EQ(sql.find('\''), std::string::npos);  // no literal at all
  EXPECT_NE(sql.find("c.birth_year <> 0"), std::string::npos);  // unknown years not "before 1990"
}

TEST(SegmentFilterTest, UnspecifiedGenderMeansAny) {
  c::SegmentFilter f;
  f.add_genders(c::GENDER_MALE);
  f.add_genders(c::GENDER_UNSPECIFIED);
  pg::SqlParams p;
  EXPECT_EQ(SegmentConditionSql(f, p).find("gender"), std::string::npos);
}

TEST(SegmentFilterTest, RefusesOutOfBoundsAndMalformedValues) {
  auto reason = [](const c::SegmentFilter& f) {
    return status::Reason(ValidateSegmentFilter(f, "segment"));
  };
  c::SegmentFilter zones;
  for (int i = 0; i <= kMaxSegmentZones; ++i) zones.add_zone_ids("z" + std::to_string(i));
  EXPECT_EQ(reason(zones), kReasonSegmentInvalid);
  c::SegmentFilter zone;
  zone.add_zone_ids("bad zone");
  EXPECT_EQ(reason(zone), kReasonSegmentInvalid);
  c::SegmentFilter gender;
  gender.add_genders(static_cast<c::Gender>(7));
  EXPECT_EQ(reason(gender), kReasonSegmentInvalid);
  c::SegmentFilter years;
  years.set_birth_year_min(1990);
  years.set_birth_year_max(1980);
  EXPECT_EQ(reason(years), kReasonSegmentInvalid);
  c::SegmentFilter short_year;
  short_year.set_birth_year_min(85);
  EXPECT_EQ(reason(short_year), kReasonSegmentInvalid);
  c::SegmentFilter profession;
  profession.add_professions("Not A Code");
  EXPECT_EQ(reason(profession), kReasonSegmentInvalid);
  c::SegmentFilter topic;
  topic.add_consent_topics("X");
  EXPECT_EQ(reason(topic), kReasonConsentTopicInvalid);
  c::SegmentFilter language;
  language.add_languages(static_cast<c::Language>(12));
  EXPECT_EQ(reason(language), kReasonSegmentInvalid);
  c::SegmentFilter id;
  id.add_citizen_ids("42");
  absl::Status s = ValidateSegmentFilter(id, "segment");
  EXPECT_EQ(status::Reason(s), kReasonSegmentInvalid);
  EXPECT_EQ(status::Details(s).metadata.at("field"), "segment.citizen_ids");
}

TEST(GroupByTest, AtMostThreeKnownDimensionsOnce) {
  google::protobuf::RepeatedField<int> ok;
  ok.Add(c::SEGMENT_DIMENSION_ZONE);
  ok.Add(c::SEGMENT_DIMENSION_GENDER);
  ok.Add(c::SEGMENT_DIMENSION_BIRTH_YEAR);
  EXPECT_TRUE(ValidateGroupBy(ok).ok());
  google::protobuf::RepeatedField<int> four = ok;
  four.Add(c::SEGMENT_DIMENSION_LANGUAGE);
  EXPECT_EQ(status::Reason(ValidateGroupBy(four)), kReasonGroupByInvalid);
  google::protobuf::RepeatedField<int> twice;
  twice.Add(c::SEGMENT_DIMENSION_ZONE);
  twice.Add(c::SEGMENT_DIMENSION_ZONE);
  EXPECT_EQ(status::Reason(ValidateGroupBy(twice)), kReasonGroupByInvalid);
  google::protobuf::RepeatedField<int> unspecified;
  unspecified.Add(c::SEGMENT_DIMENSION_UNSPECIFIED);
  EXPECT_EQ(status::Reason(ValidateGroupBy(unspecified)), kReasonGroupByInvalid);
  for (int d = 1; d <= 5; ++d) {
    EXPECT_NE(DimensionColumn(static_cast<c::SegmentDimension>(d)), nullptr) << d;
  }
}

}  // namespace
}  // namespace meldpunt::identity
