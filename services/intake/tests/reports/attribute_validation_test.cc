#include "services/intake/src/reports/attribute_validation.h"

#include <gtest/gtest.h>

#include "libs/status/status.h"

namespace meldpunt::intake {
namespace {

v1::CategoryAttribute* Add(v1::Category& c, const std::string& code, v1::AttributeDatatype type,
                           bool required, int order) {
  auto* a = c.add_attributes();
  a->set_code(code);
  a->set_datatype(type);
  a->set_variable(true);
  a->set_required(required);
  a->set_order(order);
  return a;
}

v1::Category Sluikstort() {
  v1::Category c;
  c.set_code("sluikstort");
  auto* bags = Add(c, "zakken", v1::ATTRIBUTE_DATATYPE_SINGLE_VALUE_LIST, true, 1);
  bags->add_values()->set_key("1-3");
  bags->add_values()->set_key("meer");
  auto* kinds = Add(c, "soort", v1::ATTRIBUTE_DATATYPE_MULTI_VALUE_LIST, false, 2);
  kinds->add_values()->set_key("grofvuil");
  kinds->add_values()->set_key("asbest");
  Add(c, "gewicht", v1::ATTRIBUTE_DATATYPE_NUMBER, false, 3);
  Add(c, "gezien", v1::ATTRIBUTE_DATATYPE_DATETIME, false, 4);
  Add(c, "kenteken", v1::ATTRIBUTE_DATATYPE_STRING, false, 5);
  Add(c, "toelichting", v1::ATTRIBUTE_DATATYPE_TEXT, false, 6);
  auto* info = c.add_attributes();
  info->set_code("uitleg");
  info->set_datatype(v1::ATTRIBUTE_DATATYPE_TEXT);
  info->set_variable(false);
  return c;
}

using Values = google::protobuf::RepeatedPtrField<v1::AttributeValue>;

Values Answers(std::initializer_list<std::pair<std::string, std::vector<std::string>>> answers) {
  Values out;
  for (const auto& [code, values] : answers) {
    auto* v = out.Add();
    v->set_code(code);
    for (const auto& value : values) v->add_values(value);
  }
  return out;
}

std::string ReasonOf(const Values& values) {
  return status::Reason(ValidateAttributeValues(Sluikstort(), values).status());
}

TEST(AttributeValidationTest, AcceptsValidAnswersInTheCategorysOrder) {
  auto out = ValidateAttributeValues(
      Sluikstort(), Answers({{"gewicht", {"2.5"}},
                             {"soort", {"asbest", "grofvuil"}},
                             {"zakken", {"meer"}},
                             {"gezien", {"2026-03-14T08:30:00+01:00"}},
                             {"kenteken", {"1-ABC-123"}},
                             {"toelichting", {"regel 1\nregel 2"}}}));
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(out->size(), 6);
  EXPECT_EQ((*out)[0].code(), "zakken");
  EXPECT_EQ((*out)[1].code(), "soort");
  EXPECT_EQ((*out)[2].code(), "gewicht");
}

TEST(AttributeValidationTest, OptionalAnswersMayBeLeftOutOrEmpty) {
  auto out = ValidateAttributeValues(Sluikstort(), Answers({{"zakken", {"1-3"}}, {"gewicht", {""}}}));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->size(), 1);
}

TEST(AttributeValidationTest, MissingRequiredAnswer) {
  EXPECT_EQ(ReasonOf(Answers({})), "ATTRIBUTE_REQUIRED");
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {}}})), "ATTRIBUTE_REQUIRED");
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {""}}})), "ATTRIBUTE_REQUIRED");
  auto s = ValidateAttributeValues(Sluikstort(), Answers({})).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Details(s).metadata.at("attribute"), "zakken");
}

TEST(AttributeValidationTest, UnknownAndInformationalCodesAreRefused) {
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"kleur", {"rood"}}})), "ATTRIBUTE_UNKNOWN");
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"uitleg", {"x"}}})), "ATTRIBUTE_UNKNOWN");
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {std::string(500, 'x'), {"x"}}})),
            "ATTRIBUTE_UNKNOWN");
}

TEST(AttributeValidationTest, MistypedAnswersAreInvalid) {
  for (const char* bad : {"abc", "1,5", "1.", ".5", "--1", "1e3", "", " 1", "0x10"}) {
    if (std::string(bad).empty()) continue;  // empty is "no answer"
    EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"gewicht", {bad}}})), "ATTRIBUTE_INVALID")
        << bad;
  }
  for (const char* good : {"3", "-2", "2.5", "0.001"}) {
    EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"gewicht", {good}}})), "") << good;
  }
  for (const char* bad : {"2026-03-14", "2026-03-14T08:30:00", "gisteren", "2026-13-01T00:00:00Z"}) {
    EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"gezien", {bad}}})), "ATTRIBUTE_INVALID") << bad;
  }
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"gezien", {"2026-03-14T07:30:00Z"}}})), "");
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"heel-veel"}}})), "ATTRIBUTE_INVALID");
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer", "1-3"}}})), "ATTRIBUTE_INVALID");
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"soort", {"asbest", "asbest"}}})),
            "ATTRIBUTE_INVALID");
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"soort", {"glas"}}})), "ATTRIBUTE_INVALID");
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"kenteken", {"twee\nregels"}}})),
            "ATTRIBUTE_INVALID");
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"zakken", {"meer"}}})), "ATTRIBUTE_INVALID");
}

TEST(AttributeValidationTest, LengthLimitsCountCharactersNotBytes) {
  std::string two_hundred_e;
  for (int i = 0; i < 200; ++i) two_hundred_e += "\xc3\xa9";  // é: 2 bytes, 1 character
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"kenteken", {two_hundred_e}}})), "");
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"kenteken", {two_hundred_e + "x"}}})),
            "ATTRIBUTE_INVALID");
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"toelichting", {std::string(4000, 'x')}}})), "");
  EXPECT_EQ(ReasonOf(Answers({{"zakken", {"meer"}}, {"toelichting", {std::string(4001, 'x')}}})),
            "ATTRIBUTE_INVALID");
}

TEST(AttributeValidationTest, NumberAndInstantSyntax) {
  EXPECT_TRUE(IsDecimalNumber("42"));
  EXPECT_TRUE(IsDecimalNumber("-0.5"));
  EXPECT_FALSE(IsDecimalNumber("-"));
  EXPECT_FALSE(IsDecimalNumber(std::string(41, '1')));
  EXPECT_TRUE(IsRfc3339Instant("2026-03-14T08:30:00.123+01:00"));
  EXPECT_FALSE(IsRfc3339Instant("2026-03-14 08:30"));
}

}  // namespace
}  // namespace meldpunt::intake
