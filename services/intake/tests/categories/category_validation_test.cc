#include "services/intake/src/categories/category_validation.h"

#include <gtest/gtest.h>

#include "libs/status/status.h"

namespace meldpunt::intake {
namespace {

v1::Category Valid() {
  v1::Category c;
  c.set_code("sluikstort");
  auto* nl = c.add_names();
  nl->set_language(common::v1::LANGUAGE_NL);
  nl->set_text("Sluikstort");
  c.set_active(true);
  auto* a = c.add_attributes();
  a->set_code("aantal-zakken");
  a->set_datatype(v1::ATTRIBUTE_DATATYPE_SINGLE_VALUE_LIST);
  a->set_variable(true);
  a->set_required(true);
  a->add_values()->set_key("1-3");
  a->add_values()->set_key("meer-dan-3");
  return c;
}

std::string ReasonOf(const v1::Category& c) { return status::Reason(ValidateCategory(c)); }

TEST(CategoryValidationTest, AcceptsAWellFormedCategory) { EXPECT_TRUE(ValidateCategory(Valid()).ok()); }

TEST(CategoryValidationTest, Codes) {
  EXPECT_TRUE(IsValidCode("wegdek-en-putten"));
  EXPECT_TRUE(IsValidCode("a1"));
  EXPECT_FALSE(IsValidCode("a"));
  EXPECT_FALSE(IsValidCode("-ab"));
  EXPECT_FALSE(IsValidCode("Sluikstort"));
  EXPECT_FALSE(IsValidCode("a b"));
  EXPECT_FALSE(IsValidCode(std::string(65, 'a')));
  v1::Category c = Valid();
  c.set_code("x'; DROP TABLE categories;--");
  EXPECT_EQ(ReasonOf(c), "CATEGORY_CODE_INVALID");
}

TEST(CategoryValidationTest, DutchNameIsRequiredAndTextsAreBounded) {
  v1::Category c = Valid();
  c.mutable_names(0)->set_language(common::v1::LANGUAGE_FR);
  EXPECT_EQ(ReasonOf(c), "CATEGORY_NAME_REQUIRED");
  c = Valid();
  c.mutable_names(0)->set_text(std::string(101, 'x'));
  EXPECT_EQ(ReasonOf(c), "TEXT_TOO_LONG");
  c = Valid();
  // 100 characters of two bytes each are within the limit: it counts characters.
  std::string accented;
  for (int i = 0; i < 100; ++i) accented += "\xc3\xa9";
  c.mutable_names(0)->set_text(accented);
  EXPECT_TRUE(ValidateCategory(c).ok());
  c = Valid();
  auto* dup = c.add_names();
  dup->set_language(common::v1::LANGUAGE_NL);
  EXPECT_EQ(ReasonOf(c), "LANGUAGE_DUPLICATED");
  c = Valid();
  c.mutable_names(0)->set_language(static_cast<common::v1::Language>(99));
  EXPECT_EQ(ReasonOf(c), "LANGUAGE_INVALID");
}

TEST(CategoryValidationTest, Attributes) {
  v1::Category c = Valid();
  c.mutable_attributes(0)->clear_values();
  EXPECT_EQ(ReasonOf(c), "ATTRIBUTE_INVALID");
  c = Valid();
  c.mutable_attributes(0)->set_datatype(v1::ATTRIBUTE_DATATYPE_NUMBER);
  EXPECT_EQ(ReasonOf(c), "ATTRIBUTE_INVALID");  // values on a non-list
  c = Valid();
  c.mutable_attributes(0)->mutable_values(1)->set_key("1-3");
  EXPECT_EQ(ReasonOf(c), "ATTRIBUTE_INVALID");
  c = Valid();
  c.mutable_attributes(0)->set_datatype(v1::ATTRIBUTE_DATATYPE_UNSPECIFIED);
  EXPECT_EQ(ReasonOf(c), "ATTRIBUTE_INVALID");
  c = Valid();
  *c.add_attributes() = c.attributes(0);
  EXPECT_EQ(ReasonOf(c), "ATTRIBUTE_INVALID");
  c = Valid();
  c.mutable_attributes(0)->set_variable(false);
  EXPECT_EQ(ReasonOf(c), "ATTRIBUTE_INVALID");  // informational yet required
}

TEST(CategoryValidationTest, ErrorsNameTheField) {
  v1::Category c = Valid();
  c.mutable_attributes(0)->mutable_values(1)->set_key("BAD KEY");
  auto details = status::Details(ValidateCategory(c));
  EXPECT_EQ(details.metadata["field"], "category.attributes[0].values[1].key");
}

}  // namespace
}  // namespace meldpunt::intake
