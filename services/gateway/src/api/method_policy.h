#pragma once
// The gateway's deny-by-default policy: what a caller must be to reach a public method. A method
// is reachable only if it has a row in the table (policy_table.cc); a method named there as
// internal is refused even though a service implements it; anything else is unknown.

#include <string>
#include <string_view>
#include <vector>

#include "services/gateway/src/api/roles.h"

namespace meldpunt::gateway {

// What a call costs, for rate limiting. Each class has its own bucket per caller, so a burst of
// reads never starves a citizen's report, and logins are limited apart from everything else.
enum class MethodRateClass { kRead, kWrite, kUpload, kLogin, kAnalytics, kAdmin };
inline constexpr MethodRateClass kAllMethodRateClasses[] = {
    MethodRateClass::kRead,  MethodRateClass::kWrite,     MethodRateClass::kUpload,
    MethodRateClass::kLogin, MethodRateClass::kAnalytics, MethodRateClass::kAdmin};
std::string_view RateClassName(MethodRateClass rate_class);  // "read", "write", …

enum class CallShape { kUnary, kServerStreaming };

// Whose credentials make the call.
enum class Caller {
  // An API client, a person's bearer token, or both (the client acting for the person).
  kAnyone,
  // Only an API client: the methods by which a person obtains a token (logins, refresh). The
  // client (the app backend) authenticates itself; the person proves who they are inside the
  // request (card files, ID token, password, refresh token). A bearer token on such a call is
  // not read: an expired access token next to a refresh must not fail the refresh.
  kApiClientOnly,
};

// Which request-size cap applies (--max-request-bytes or the larger --max-message-bytes).
enum class BodyLimit { kStandard, kLarge };

struct MethodPolicy {
  std::string method;  // full gRPC method: "/meldpunt.intake.v1.IntakeService/ListCategories"
  CallShape shape;
  RoleSet roles;       // the principal needs one of these
  MethodRateClass rate_class;
  // A person who is a citizen (kind CITIZEN) may call it. Kept apart from roles on purpose: a row
  // that opens a method to citizens says so in its own column (the table test checks both agree).
  bool citizen_allowed;
  // The call must resolve to exactly one tenant (all forwarded calls: the principal carries it).
  bool tenant_required;
  Caller caller;
  BodyLimit body;
};

struct MethodLookup {
  enum class Kind { kPublic, kInternal, kUnknown };
  Kind kind;
  const MethodPolicy* policy;  // set for kPublic
};

MethodLookup LookupMethod(std::string_view full_method);

// The table itself and the internal methods, for tests and documentation.
const std::vector<MethodPolicy>& PolicyTable();
const std::vector<std::string>& InternalMethods();

// "/meldpunt.intake.v1.IntakeService/ListCategories" → "meldpunt.intake.v1.IntakeService";
// "" when the name is not of that form.
std::string_view ServiceOf(std::string_view full_method);

}  // namespace meldpunt::gateway
