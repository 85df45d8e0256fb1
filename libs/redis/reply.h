#pragma once
// A Redis reply as a plain value, independent of hiredis: the rest of the suite never sees a
// hiredis pointer, and tests build replies by hand.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace meldpunt::redis {

struct RedisReply {
  enum class Type { kNil, kInteger, kString, kStatus, kError, kArray };

  Type type = Type::kNil;
  std::int64_t integer = 0;            // kInteger
  std::string str;                     // kString (binary-safe), kStatus, kError
  std::vector<RedisReply> elements;    // kArray

  static RedisReply Nil();
  static RedisReply Integer(std::int64_t value);
  static RedisReply String(std::string value);
  static RedisReply Status(std::string value);
  static RedisReply Error(std::string value);
  static RedisReply Array(std::vector<RedisReply> elements);

  bool is_nil() const { return type == Type::kNil; }
  bool is_integer() const { return type == Type::kInteger; }
  bool is_string() const { return type == Type::kString; }
  bool is_status() const { return type == Type::kStatus; }
  bool is_error() const { return type == Type::kError; }
  bool is_array() const { return type == Type::kArray; }

  // For logs and test failure messages; long strings are shortened and bytes escaped.
  std::string DebugString() const;

  friend bool operator==(const RedisReply& a, const RedisReply& b);
  friend bool operator!=(const RedisReply& a, const RedisReply& b) { return !(a == b); }
};

std::string_view TypeName(RedisReply::Type type);

}  // namespace meldpunt::redis
