#include "libs/redis/reply.h"

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace meldpunt::redis {
namespace {

constexpr std::size_t kDebugStringMax = 200;

std::string Shorten(const std::string& s) {
  if (s.size() <= kDebugStringMax) return absl::CHexEscape(s);
  return absl::StrCat(absl::CHexEscape(s.substr(0, kDebugStringMax)), "...(", s.size(),
                      " bytes)");
}

}  // namespace

RedisReply RedisReply::Nil() { return RedisReply(); }

RedisReply RedisReply::Integer(std::int64_t value) {
  RedisReply r;
  r.type = Type::kInteger;
  r.integer = value;
  return r;
}

RedisReply RedisReply::String(std::string value) {
  RedisReply r;
  r.type = Type::kString;
  r.str = std::move(value);
  return r;
}

RedisReply RedisReply::Status(std::string value) {
  RedisReply r;
  r.type = Type::kStatus;
  r.str = std::move(value);
  return r;
}

RedisReply RedisReply::Error(std::string value) {
  RedisReply r;
  r.type = Type::kError;
  r.str = std::move(value);
  return r;
}

RedisReply RedisReply::Array(std::vector<RedisReply> elements) {
  RedisReply r;
  r.type = Type::kArray;
  r.elements = std::move(elements);
  return r;
}

std::string RedisReply::DebugString() const {
  switch (type) {
    case Type::kNil:
      return "(nil)";
    case Type::kInteger:
      return absl::StrCat("(integer) ", integer);
    case Type::kString:
      return absl::StrCat("\"", Shorten(str), "\"");
    case Type::kStatus:
      return absl::StrCat("+", Shorten(str));
    case Type::kError:
      return absl::StrCat("-", Shorten(str));
    case Type::kArray: {
      std::string out = "[";
      for (std::size_t i = 0; i < elements.size(); ++i) {
        if (i > 0) out += ", ";
        out += elements[i].DebugString();
      }
      return out + "]";
    }
  }
  return "(?)";
}

bool operator==(const RedisReply& a, const RedisReply& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case RedisReply::Type::kNil:
      return true;
    case RedisReply::Type::kInteger:
      return a.integer == b.integer;
    case RedisReply::Type::kArray:
      return a.elements == b.elements;
    default:
      return a.str == b.str;
  }
}

std::string_view TypeName(RedisReply::Type type) {
  switch (type) {
    case RedisReply::Type::kNil:
      return "nil";
    case RedisReply::Type::kInteger:
      return "integer";
    case RedisReply::Type::kString:
      return "string";
    case RedisReply::Type::kStatus:
      return "status";
    case RedisReply::Type::kError:
      return "error";
    case RedisReply::Type::kArray:
      return "array";
  }
  return "unknown";
}

}  // namespace meldpunt::redis
