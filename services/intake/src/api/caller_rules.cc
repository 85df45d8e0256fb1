#include "services/intake/src/api/caller_rules.h"

#include "libs/auth/authorize.h"

namespace meldpunt::intake {
namespace {

using common::v1::Channel;
namespace c = common::v1;

bool OneOf(Channel channel, std::initializer_list<Channel> allowed) {
  for (Channel a : allowed) {
    if (a == channel) return true;
  }
  return false;
}

}  // namespace

const std::vector<auth::MethodRoles>& IntakeMethodRoles() {
  static const auto* const kMethods = new std::vector<auth::MethodRoles>{
      {"ListCategories", kCatalogueReaders}, {"GetCategory", kCatalogueReaders},
      {"UpsertCategory", kCatalogueEditors}, {"CreateReport", kReportCreators},
      {"GetReport", kReportReaders},         {"ListReports", kReportReaders},
      {"AddReportMedia", kReportReaders},    {"ListNearbyReports", kNearbyReaders},
  };
  return *kMethods;
}

bool ChannelAllowed(const auth::Principal& principal, Channel channel) {
  if (principal.kind() == c::PRINCIPAL_KIND_API_CLIENT &&
      OneOf(channel, {c::CHANNEL_APP, c::CHANNEL_WEB, c::CHANNEL_EMAIL, c::CHANNEL_OPEN311,
                      c::CHANNEL_INTEGRATION})) {
    return true;
  }
  if (auth::IsCitizenCaller(principal)) return OneOf(channel, {c::CHANNEL_APP, c::CHANNEL_WEB});
  if (auth::HasRole(principal, c::ROLE_WARDEN) && channel == c::CHANNEL_WARDEN) return true;
  if ((auth::HasRole(principal, c::ROLE_FRONT_OFFICE) ||
       auth::HasRole(principal, c::ROLE_COORDINATOR)) &&
      OneOf(channel, {c::CHANNEL_PHONE, c::CHANNEL_DESK, c::CHANNEL_EMAIL, c::CHANNEL_WEB})) {
    return true;
  }
  if (auth::HasRole(principal, c::ROLE_INTEGRATOR) &&
      OneOf(channel, {c::CHANNEL_APP, c::CHANNEL_WEB, c::CHANNEL_EMAIL, c::CHANNEL_OPEN311,
                      c::CHANNEL_INTEGRATION})) {
    return true;
  }
  return false;
}

}  // namespace meldpunt::intake
