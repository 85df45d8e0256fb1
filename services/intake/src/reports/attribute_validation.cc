#include "services/intake/src/reports/attribute_validation.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "libs/status/status.h"
#include "libs/text/text.h"

namespace meldpunt::intake {
namespace {

using google::protobuf::RepeatedPtrField;

constexpr std::size_t kMaxStringChars = 200;
constexpr std::size_t kMaxTextChars = 4000;
constexpr std::size_t kMaxNumberChars = 40;
constexpr std::size_t kMaxDatetimeChars = 64;
constexpr int kMaxValuesPerAnswer = 100;

absl::Status Fail(const char* reason, const std::string& code, const std::string& message) {
  return status::Error(absl::StatusCode::kInvalidArgument, reason,
                       absl::StrCat("attribute ", code, ": ", message), {}, {{"attribute", code}});
}

bool IsAnswered(const v1::AttributeValue& value) {
  for (const auto& v : value.values()) {
    if (!v.empty()) return true;
  }
  return false;
}

bool HasKey(const v1::CategoryAttribute& attribute, const std::string& key) {
  for (const auto& option : attribute.values()) {
    if (option.key() == key) return true;
  }
  return false;
}

absl::Status CheckAnswer(const v1::CategoryAttribute& a, const v1::AttributeValue& answer) {
  const std::string& code = a.code();
  const auto& values = answer.values();
  if (a.datatype() != v1::ATTRIBUTE_DATATYPE_MULTI_VALUE_LIST && values.size() != 1) {
    return Fail(kReasonAttributeInvalid, code, "exactly one value is expected");
  }
  const std::string& v = values[0];
  switch (a.datatype()) {
    case v1::ATTRIBUTE_DATATYPE_STRING:
      if (text::Utf8Length(v) > kMaxStringChars || text::HasControlCharacters(v, false)) {
        return Fail(kReasonAttributeInvalid, code, "one line of at most 200 characters expected");
      }
      return absl::OkStatus();
    case v1::ATTRIBUTE_DATATYPE_TEXT:
      if (text::Utf8Length(v) > kMaxTextChars || text::HasControlCharacters(v, true)) {
        return Fail(kReasonAttributeInvalid, code, "text of at most 4,000 characters expected");
      }
      return absl::OkStatus();
    case v1::ATTRIBUTE_DATATYPE_NUMBER:
      if (!IsDecimalNumber(v)) {
        return Fail(kReasonAttributeInvalid, code, "a decimal number such as 3 or 2.5 expected");
      }
      return absl::OkStatus();
    case v1::ATTRIBUTE_DATATYPE_DATETIME:
      if (!IsRfc3339Instant(v)) {
        return Fail(kReasonAttributeInvalid, code,
                    "an RFC 3339 instant with offset such as 2026-03-14T08:30:00+01:00 expected");
      }
      return absl::OkStatus();
    case v1::ATTRIBUTE_DATATYPE_SINGLE_VALUE_LIST:
      if (!HasKey(a, v)) return Fail(kReasonAttributeInvalid, code, "not one of the allowed keys");
      return absl::OkStatus();
    case v1::ATTRIBUTE_DATATYPE_MULTI_VALUE_LIST: {
      if (values.size() > kMaxValuesPerAnswer) {
        return Fail(kReasonAttributeInvalid, code, "too many values");
      }
      std::set<std::string> seen;
      for (const auto& key : values) {
        if (!HasKey(a, key)) return Fail(kReasonAttributeInvalid, code, "not one of the allowed keys");
        if (!seen.insert(key).second) {
          return Fail(kReasonAttributeInvalid, code, "each key may be chosen once");
        }
      }
      return absl::OkStatus();
    }
    default:
      // A category stored with a datatype this version does not know: refuse rather than guess.
      return Fail(kReasonAttributeInvalid, code, "the attribute's datatype is not supported");
  }
}

}  // namespace

bool IsDecimalNumber(const std::string& text) {
  if (text.empty() || text.size() > kMaxNumberChars) return false;
  std::size_t i = text[0] == '-' ? 1 : 0;
  std::size_t digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  if (digits == 0) return false;
  if (i == text.size()) return true;
  if (text[i] != '.') return false;
  ++i;
  std::size_t fraction = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++fraction;
  return fraction > 0 && i == text.size();
}

bool IsRfc3339Instant(const std::string& text) {
  if (text.size() < 20 || text.size() > kMaxDatetimeChars) return false;
  // absl's RFC3339_full accepts a lower-case 't'/'z' and missing seconds fractions; it requires
  // the offset, which is what matters: an instant without one is ambiguous.
  absl::Time t;
  std::string error;
  return absl::ParseTime(absl::RFC3339_full, text, &t, &error);
}

absl::StatusOr<RepeatedPtrField<v1::AttributeValue>> ValidateAttributeValues(
    const v1::Category& category, const RepeatedPtrField<v1::AttributeValue>& values) {
  std::map<std::string, const v1::CategoryAttribute*> by_code;
  for (const auto& a : category.attributes()) by_code[a.code()] = &a;

  std::map<std::string, const v1::AttributeValue*> answers;
  for (const auto& value : values) {
    auto it = by_code.find(value.code());
    if (it == by_code.end() || !it->second->variable()) {
      // Codes come from outside: quote them only when they are short and printable.
      const std::string shown = value.code().size() <= 64 && !text::HasControlCharacters(value.code(), false)
                                    ? value.code()
                                    : std::string("(unreadable code)");
      return Fail(kReasonAttributeUnknown, shown, "the category has no such question");
    }
    if (!answers.emplace(value.code(), &value).second) {
      return Fail(kReasonAttributeInvalid, value.code(), "answered more than once");
    }
  }

  // The category's order (attributes by `order`, then code), so stored answers read the same
  // way whatever order the client sent them in.
  std::vector<const v1::CategoryAttribute*> ordered;
  for (const auto& a : category.attributes()) ordered.push_back(&a);
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto* x, const auto* y) {
    return x->order() != y->order() ? x->order() < y->order() : x->code() < y->code();
  });

  RepeatedPtrField<v1::AttributeValue> out;
  for (const v1::CategoryAttribute* a : ordered) {
    if (!a->variable()) continue;
    auto it = answers.find(a->code());
    if (it == answers.end() || !IsAnswered(*it->second)) {
      if (a->required()) return Fail(kReasonAttributeRequired, a->code(), "an answer is required");
      continue;
    }
    if (absl::Status s = CheckAnswer(*a, *it->second); !s.ok()) return s;
    *out.Add() = *it->second;
  }
  return out;
}

}  // namespace meldpunt::intake
