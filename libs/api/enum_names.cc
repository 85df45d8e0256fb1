#include "libs/api/enum_names.h"

#include <google/protobuf/descriptor.h>

namespace meldpunt::api::internal {

std::string EnumPrefix(const google::protobuf::EnumDescriptor& descriptor) {
  const google::protobuf::EnumValueDescriptor* zero = descriptor.FindValueByNumber(0);
  if (zero == nullptr) return "";
  const std::string& name = zero->name();
  static constexpr char kSuffix[] = "UNSPECIFIED";
  const std::size_t at = name.rfind(kSuffix);
  return at == std::string::npos ? "" : name.substr(0, at);
}

std::string StoredName(const google::protobuf::EnumDescriptor& descriptor, int number) {
  const google::protobuf::EnumValueDescriptor* value = descriptor.FindValueByNumber(number);
  if (value == nullptr) return "";
  const std::string prefix = EnumPrefix(descriptor);
  const std::string& full = value->name();
  return full.rfind(prefix, 0) == 0 ? full.substr(prefix.size()) : full;
}

int ParseStoredName(const google::protobuf::EnumDescriptor& descriptor, const std::string& name) {
  const google::protobuf::EnumValueDescriptor* value =
      descriptor.FindValueByName(EnumPrefix(descriptor) + name);
  return value == nullptr ? 0 : value->number();
}

}  // namespace meldpunt::api::internal
