#include "services/intake/src/categories/category_validation.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"
#include "libs/text/text.h"

namespace meldpunt::intake {
namespace {

using common::v1::LocalizedText;
using google::protobuf::RepeatedPtrField;

absl::Status CheckTexts(const RepeatedPtrField<LocalizedText>& texts, const std::string& field,
                        std::size_t max_chars, bool dutch_required) {
  std::set<int> languages;
  bool has_dutch = false;
  for (int i = 0; i < texts.size(); ++i) {
    const auto& t = texts[i];
    const std::string f = absl::StrCat(field, "[", i, "]");
    if (t.language() == common::v1::LANGUAGE_UNSPECIFIED || !common::v1::Language_IsValid(t.language())) {
      return status::InvalidField("LANGUAGE_INVALID", f, "language must be nl, fr, de or en");
    }
    if (!languages.insert(t.language()).second) {
      return status::InvalidField("LANGUAGE_DUPLICATED", f, "a language may appear once");
    }
    if (text::Utf8Length(t.text()) > max_chars) {
      return status::InvalidField("TEXT_TOO_LONG", f, absl::StrCat("at most ", max_chars, " characters"));
    }
    if (t.language() == common::v1::LANGUAGE_NL && !t.text().empty()) has_dutch = true;
  }
  if (dutch_required && !has_dutch) {
    return status::InvalidField("CATEGORY_NAME_REQUIRED", field, "a Dutch (nl) text is required");
  }
  return absl::OkStatus();
}

absl::Status CheckAttribute(const v1::CategoryAttribute& a, const std::string& field) {
  if (!IsValidCode(a.code())) {
    return status::InvalidField("ATTRIBUTE_INVALID", field + ".code", "2-64 characters of a-z, 0-9, - and _");
  }
  if (a.datatype() == v1::ATTRIBUTE_DATATYPE_UNSPECIFIED || !v1::AttributeDatatype_IsValid(a.datatype())) {
    return status::InvalidField("ATTRIBUTE_INVALID", field + ".datatype", "datatype is required");
  }
  if (auto s = CheckTexts(a.descriptions(), field + ".descriptions", 500, false); !s.ok()) return s;
  if (auto s = CheckTexts(a.datatype_descriptions(), field + ".datatype_descriptions", 200, false);
      !s.ok()) {
    return s;
  }
  const bool is_list = a.datatype() == v1::ATTRIBUTE_DATATYPE_SINGLE_VALUE_LIST ||
                       a.datatype() == v1::ATTRIBUTE_DATATYPE_MULTI_VALUE_LIST;
  if (is_list && a.values().empty()) {
    return status::InvalidField("ATTRIBUTE_INVALID", field + ".values", "a list attribute needs values");
  }
  if (!is_list && !a.values().empty()) {
    return status::InvalidField("ATTRIBUTE_INVALID", field + ".values", "only list attributes have values");
  }
  if (a.values().size() > 100) return status::InvalidField("ATTRIBUTE_INVALID", field + ".values", "at most 100");
  std::set<std::string> keys;
  for (int i = 0; i < a.values().size(); ++i) {
    const std::string f = absl::StrCat(field, ".values[", i, "]");
    if (!IsValidCode(a.values(i).key())) {
      return status::InvalidField("ATTRIBUTE_INVALID", f + ".key", "2-64 characters of a-z, 0-9, - and _");
    }
    if (!keys.insert(a.values(i).key()).second) {
      return status::InvalidField("ATTRIBUTE_INVALID", f + ".key", "keys must be distinct");
    }
    if (auto s = CheckTexts(a.values(i).names(), f + ".names", 100, false); !s.ok()) return s;
  }
  if (a.required() && !a.variable()) {
    return status::InvalidField("ATTRIBUTE_INVALID", field + ".required", "an informational attribute cannot be required");
  }
  return absl::OkStatus();
}

}  // namespace

bool IsValidCode(const std::string& code) {
  if (code.size() < 2 || code.size() > 64) return false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_'))) return false;
  }
  return true;
}

absl::Status ValidateCategory(const v1::Category& c) {
  if (!IsValidCode(c.code())) {
    return status::InvalidField("CATEGORY_CODE_INVALID", "category.code", "2-64 characters of a-z, 0-9, - and _");
  }
  if (auto s = CheckTexts(c.names(), "category.names", 100, true); !s.ok()) return s;
  if (auto s = CheckTexts(c.descriptions(), "category.descriptions", 1000, false); !s.ok()) return s;
  if (!c.group_code().empty() && !IsValidCode(c.group_code())) {
    return status::InvalidField("CATEGORY_CODE_INVALID", "category.group_code", "2-64 characters of a-z, 0-9, - and _");
  }
  if (auto s = CheckTexts(c.group_names(), "category.group_names", 100, false); !s.ok()) return s;
  if (c.keywords().size() > 30) return status::InvalidField("TEXT_TOO_LONG", "category.keywords", "at most 30");
  for (int i = 0; i < c.keywords().size(); ++i) {
    if (c.keywords(i).empty() || text::Utf8Length(c.keywords(i)) > 50) {
      return status::InvalidField("TEXT_TOO_LONG", absl::StrCat("category.keywords[", i, "]"), "1 to 50 characters");
    }
  }
  if (!c.department_hint().empty() && !IsValidCode(c.department_hint())) {
    return status::InvalidField("CATEGORY_CODE_INVALID", "category.department_hint", "2-64 characters of a-z, 0-9, - and _");
  }
  if (c.attributes().size() > 50) return status::InvalidField("ATTRIBUTE_INVALID", "category.attributes", "at most 50");
  std::set<std::string> codes;
  for (int i = 0; i < c.attributes().size(); ++i) {
    const std::string f = absl::StrCat("category.attributes[", i, "]");
    if (auto s = CheckAttribute(c.attributes(i), f); !s.ok()) return s;
    if (!codes.insert(c.attributes(i).code()).second) {
      return status::InvalidField("ATTRIBUTE_INVALID", f + ".code", "attribute codes must be distinct");
    }
  }
  return absl::OkStatus();
}

}  // namespace meldpunt::intake
