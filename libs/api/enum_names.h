#pragma once
// Enumerations as the services store them: the value's name without the enum's prefix ("APP",
// "RECEIVED", "NL"), readable in SQL and independent of the wire numbers. The prefix is what
// the enum's zero value has before "UNSPECIFIED" (AIP-126: CHANNEL_UNSPECIFIED → "CHANNEL_"),
// so one template serves every enum of the contracts.

#include <string>

#include <google/protobuf/generated_enum_reflection.h>

namespace meldpunt::api {

namespace internal {
std::string EnumPrefix(const google::protobuf::EnumDescriptor& descriptor);
std::string StoredName(const google::protobuf::EnumDescriptor& descriptor, int number);
int ParseStoredName(const google::protobuf::EnumDescriptor& descriptor, const std::string& name);
}  // namespace internal

// "CHANNEL_APP" → "APP"; a value the enum does not define → "".
template <typename E>
std::string EnumToDb(E value) {
  return internal::StoredName(*google::protobuf::GetEnumDescriptor<E>(), static_cast<int>(value));
}

// "APP" → CHANNEL_APP; an unknown name → the zero (UNSPECIFIED) value.
template <typename E>
E EnumFromDb(const std::string& name) {
  return static_cast<E>(internal::ParseStoredName(*google::protobuf::GetEnumDescriptor<E>(), name));
}

}  // namespace meldpunt::api
