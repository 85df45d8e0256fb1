// THE policy table: one row per public method. Deny by default — a method reaches a service only
// through a row here, so a method added to a .proto stays unreachable until someone decides who
// may call it (policy_table_test fails until then).
//
// Reading a row: method, shape, roles (the principal needs one), rate class, citizens allowed,
// tenant required, whose credentials, request-size cap.
//
// Principles behind the rows:
// - Least privilege: platform_admin only administers the gateway; tenant matters (catalogue,
//   departments, routing, templates) are tenant_admin's; ROLE_SERVICE is never granted here.
// - Citizens reach what the app shows them (their reports, the catalogue, the nearby feed, their
//   thread and profile). The services narrow that further to the citizen's own rows.
// - integrator is a machine client (the app backend, TOPdesk, a mailbox bridge). It bootstraps
//   users' sessions and feeds reports and case progress in; it reads no personal data of citizens.
// - Every forwarded call needs a tenant: the principal a service verifies always carries one.
#include "services/gateway/src/api/method_policy.h"

#include <unordered_map>

namespace meldpunt::gateway {
namespace {

namespace cv1 = common::v1;

constexpr Role kCitizen = cv1::ROLE_CITIZEN;
constexpr Role kWarden = cv1::ROLE_WARDEN;
constexpr Role kFrontOffice = cv1::ROLE_FRONT_OFFICE;
constexpr Role kCoordinator = cv1::ROLE_COORDINATOR;
constexpr Role kAgent = cv1::ROLE_DEPARTMENT_AGENT;
constexpr Role kAnalyst = cv1::ROLE_ANALYST;
constexpr Role kTenantAdmin = cv1::ROLE_TENANT_ADMIN;
constexpr Role kIntegrator = cv1::ROLE_INTEGRATOR;
constexpr Role kPlatformAdmin = cv1::ROLE_PLATFORM_ADMIN;

constexpr auto kUnary = CallShape::kUnary;
constexpr auto kStream = CallShape::kServerStreaming;
constexpr auto kRead = MethodRateClass::kRead;
constexpr auto kWrite = MethodRateClass::kWrite;
constexpr auto kUpload = MethodRateClass::kUpload;
constexpr auto kLogin = MethodRateClass::kLogin;
constexpr auto kAnalytics = MethodRateClass::kAnalytics;
constexpr auto kAdmin = MethodRateClass::kAdmin;
constexpr bool kCitizens = true;
constexpr bool kNoCitizens = false;
constexpr bool kTenant = true;
constexpr bool kAnyTenant = false;
constexpr auto kAnyone = Caller::kAnyone;
constexpr auto kClientOnly = Caller::kApiClientOnly;
constexpr auto kStd = BodyLimit::kStandard;
constexpr auto kLarge = BodyLimit::kLarge;

// Everyone in a tenant: the catalogue, the public feed, logging out.
const RoleSet kEveryone(kCitizen, kWarden, kFrontOffice, kCoordinator, kAgent, kAnalyst,
                        kTenantAdmin, kIntegrator);
// Reports carry reporters' contact details: not for analysts, who work on analytics'
// pseudonymous facts (as intake decides too). Citizens see only their own (intake narrows).
const RoleSet kReportReaders(kCitizen, kWarden, kFrontOffice, kCoordinator, kAgent, kTenantAdmin,
                             kIntegrator);
// Everyone who brings a report in: the citizen, staff on the street or at the desk, systems.
const RoleSet kReporters(kCitizen, kWarden, kFrontOffice, kCoordinator, kIntegrator);

std::string M(const char* service, const char* method) {
  return std::string("/") + service + "/" + method;
}

constexpr char kIntake[] = "meldpunt.intake.v1.IntakeService";
constexpr char kIdentity[] = "meldpunt.identity.v1.IdentityService";
constexpr char kDispatch[] = "meldpunt.dispatch.v1.DispatchService";
constexpr char kNotification[] = "meldpunt.notification.v1.NotificationService";
constexpr char kAnalyticsSvc[] = "meldpunt.analytics.v1.AnalyticsService";
constexpr char kGatewayAdmin[] = "meldpunt.gateway.v1.GatewayAdminService";

std::vector<MethodPolicy> BuildTable() {
  return {
      // ---- intake: reports and the category catalogue
      {M(kIntake, "CreateReport"), kUnary, kReporters, kWrite, kCitizens, kTenant, kAnyone, kStd},
      {M(kIntake, "GetReport"), kUnary, kReportReaders, kRead, kCitizens, kTenant, kAnyone, kStd},
      {M(kIntake, "ListReports"), kUnary, kReportReaders, kRead, kCitizens, kTenant, kAnyone, kStd},
      // Photos: the one intake method whose requests are megabytes.
      {M(kIntake, "AddReportMedia"), kUnary, kReporters, kUpload, kCitizens, kTenant, kAnyone, kLarge},
      {M(kIntake, "ListCategories"), kUnary, kEveryone, kRead, kCitizens, kTenant, kAnyone, kStd},
      {M(kIntake, "GetCategory"), kUnary, kEveryone, kRead, kCitizens, kTenant, kAnyone, kStd},
      {M(kIntake, "UpsertCategory"), kUnary, RoleSet(kTenantAdmin), kWrite, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kIntake, "ListNearbyReports"), kUnary, kEveryone, kRead, kCitizens, kTenant, kAnyone, kStd},

      // ---- identity. Logins and refresh: the app backend (integrator) calls for a person who has
      // no token yet (or whose token expired); the person is proven by the request's content.
      {M(kIdentity, "VerifyEid"), kUnary, RoleSet(kIntegrator), kLogin, kNoCitizens, kTenant, kClientOnly, kStd},
      {M(kIdentity, "LoginWithOidc"), kUnary, RoleSet(kIntegrator), kLogin, kNoCitizens, kTenant, kClientOnly, kStd},
      {M(kIdentity, "LoginStaff"), kUnary, RoleSet(kIntegrator), kLogin, kNoCitizens, kTenant, kClientOnly, kStd},
      {M(kIdentity, "RefreshSession"), kUnary, RoleSet(kIntegrator), kLogin, kNoCitizens, kTenant, kClientOnly, kStd},
      // Logging out: the person with their token, or the app with the refresh token.
      {M(kIdentity, "RevokeSession"), kUnary, kEveryone, kWrite, kCitizens, kTenant, kAnyone, kStd},
      // Personal data: the citizen, and the staff who answer them (identity audits staff reads).
      {M(kIdentity, "GetCitizen"), kUnary, RoleSet(kCitizen, kFrontOffice, kCoordinator, kTenantAdmin), kRead, kCitizens, kTenant, kAnyone, kStd},
      {M(kIdentity, "UpdateCitizenProfile"), kUnary, RoleSet(kCitizen, kFrontOffice), kWrite, kCitizens, kTenant, kAnyone, kStd},
      {M(kIdentity, "GetSigningKeys"), kUnary, RoleSet(kIntegrator, kTenantAdmin), kRead, kNoCitizens, kTenant, kAnyone, kStd},

      // ---- dispatch: staff and back-office systems only
      {M(kDispatch, "ListInbox"), kUnary, RoleSet(kCoordinator, kAgent, kIntegrator), kRead, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kDispatch, "GetCase"), kUnary, RoleSet(kFrontOffice, kCoordinator, kAgent, kIntegrator), kRead, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kDispatch, "AssignCase"), kUnary, RoleSet(kCoordinator), kWrite, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kDispatch, "UpdateCaseStatus"), kUnary, RoleSet(kCoordinator, kAgent, kIntegrator), kWrite, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kDispatch, "AddCaseNote"), kUnary, RoleSet(kFrontOffice, kCoordinator, kAgent, kIntegrator), kWrite, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kDispatch, "MergeCases"), kUnary, RoleSet(kCoordinator), kWrite, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kDispatch, "ListDepartments"), kUnary, RoleSet(kFrontOffice, kCoordinator, kAgent, kAnalyst, kTenantAdmin, kIntegrator), kRead, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kDispatch, "UpsertDepartment"), kUnary, RoleSet(kTenantAdmin), kWrite, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kDispatch, "ListRoutingRules"), kUnary, RoleSet(kCoordinator, kTenantAdmin), kRead, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kDispatch, "UpsertRoutingRule"), kUnary, RoleSet(kTenantAdmin), kWrite, kNoCitizens, kTenant, kAnyone, kStd},
      // Server streaming: the proxy answers UNIMPLEMENTED (STREAMING_NOT_SUPPORTED) for now.
      {M(kDispatch, "WatchAssignments"), kStream, RoleSet(kCoordinator, kAgent, kIntegrator), kRead, kNoCitizens, kTenant, kAnyone, kStd},

      // ---- notification
      {M(kNotification, "ListTemplates"), kUnary, RoleSet(kFrontOffice, kCoordinator, kTenantAdmin), kRead, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kNotification, "UpsertTemplate"), kUnary, RoleSet(kTenantAdmin), kWrite, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kNotification, "RenderMessage"), kUnary, RoleSet(kFrontOffice, kCoordinator), kRead, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kNotification, "SendMessage"), kUnary, RoleSet(kFrontOffice, kCoordinator), kWrite, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kNotification, "ListThread"), kUnary, RoleSet(kCitizen, kFrontOffice, kCoordinator, kAgent), kRead, kCitizens, kTenant, kAnyone, kStd},
      // Replies come from the app (citizen), the desk, or a mailbox integration.
      {M(kNotification, "PostCitizenReply"), kUnary, RoleSet(kCitizen, kFrontOffice, kCoordinator, kIntegrator), kWrite, kCitizens, kTenant, kAnyone, kStd},
      {M(kNotification, "SuggestAnswer"), kUnary, RoleSet(kCitizen, kFrontOffice, kCoordinator, kIntegrator), kRead, kCitizens, kTenant, kAnyone, kStd},
      {M(kNotification, "UpsertFaqEntry"), kUnary, RoleSet(kCoordinator, kTenantAdmin), kWrite, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kNotification, "CreateCampaign"), kUnary, RoleSet(kCoordinator, kTenantAdmin), kWrite, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kNotification, "GetCampaign"), kUnary, RoleSet(kCoordinator, kTenantAdmin, kAnalyst), kRead, kNoCitizens, kTenant, kAnyone, kStd},

      // ---- analytics: pseudonymous aggregates for the city's analysts and managers
      {M(kAnalyticsSvc, "GetHotspots"), kUnary, RoleSet(kAnalyst, kCoordinator, kTenantAdmin), kAnalytics, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kAnalyticsSvc, "GetKpis"), kUnary, RoleSet(kAnalyst, kCoordinator, kTenantAdmin), kAnalytics, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kAnalyticsSvc, "FindEngagedCitizens"), kUnary, RoleSet(kAnalyst, kTenantAdmin), kAnalytics, kNoCitizens, kTenant, kAnyone, kStd},
      {M(kAnalyticsSvc, "CountSegment"), kUnary, RoleSet(kAnalyst, kCoordinator, kTenantAdmin), kAnalytics, kNoCitizens, kTenant, kAnyone, kStd},

      // ---- the gateway's own administration (served here, not forwarded). A platform admin acts
      // across tenants, so no tenant is required; a tenant admin is scoped to theirs by the service.
      {M(kGatewayAdmin, "CreateApiClient"), kUnary, RoleSet(kTenantAdmin, kPlatformAdmin), kAdmin, kNoCitizens, kAnyTenant, kAnyone, kStd},
      {M(kGatewayAdmin, "ListApiClients"), kUnary, RoleSet(kTenantAdmin, kPlatformAdmin), kAdmin, kNoCitizens, kAnyTenant, kAnyone, kStd},
      {M(kGatewayAdmin, "RevokeApiClient"), kUnary, RoleSet(kTenantAdmin, kPlatformAdmin), kAdmin, kNoCitizens, kAnyTenant, kAnyone, kStd},
  };
}

// Implemented by services for each other, never routed from outside, whoever asks.
std::vector<std::string> BuildInternal() {
  return {
      M(kIdentity, "ResolveContacts"),  // contact details for notification
      M(kIdentity, "CountCitizens"),    // exact segment counts for analytics/notification
  };
}

struct Index {
  std::vector<MethodPolicy> table = BuildTable();
  std::vector<std::string> internal = BuildInternal();
  std::unordered_map<std::string_view, const MethodPolicy*> by_method;
  std::unordered_map<std::string_view, bool> internal_set;

  Index() {
    for (const auto& row : table) by_method.emplace(row.method, &row);
    for (const auto& m : internal) internal_set.emplace(m, true);
  }
};

const Index& TheIndex() {
  static const Index* index = new Index();
  return *index;
}

}  // namespace

std::string_view RateClassName(MethodRateClass rate_class) {
  switch (rate_class) {
    case MethodRateClass::kRead: return "read";
    case MethodRateClass::kWrite: return "write";
    case MethodRateClass::kUpload: return "upload";
    case MethodRateClass::kLogin: return "login";
    case MethodRateClass::kAnalytics: return "analytics";
    case MethodRateClass::kAdmin: return "admin";
  }
  return "unknown";
}

MethodLookup LookupMethod(std::string_view full_method) {
  const Index& index = TheIndex();
  if (index.internal_set.count(full_method) != 0) {
    return {MethodLookup::Kind::kInternal, nullptr};
  }
  auto it = index.by_method.find(full_method);
  if (it == index.by_method.end()) return {MethodLookup::Kind::kUnknown, nullptr};
  return {MethodLookup::Kind::kPublic, it->second};
}

const std::vector<MethodPolicy>& PolicyTable() { return TheIndex().table; }
const std::vector<std::string>& InternalMethods() { return TheIndex().internal; }

std::string_view ServiceOf(std::string_view full_method) {
  if (full_method.size() < 4 || full_method[0] != '/') return {};
  auto slash = full_method.find('/', 1);
  if (slash == std::string_view::npos || slash == 1 || slash + 1 == full_method.size()) return {};
  return full_method.substr(1, slash - 1);
}

}  // namespace meldpunt::gateway
