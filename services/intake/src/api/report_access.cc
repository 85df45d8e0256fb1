#include "services/intake/src/api/report_access.h"

#include "absl/strings/ascii.h"
#include "libs/auth/roles.h"
#include "libs/status/status.h"
#include "libs/text/text.h"
#include "services/intake/src/api/caller_rules.h"

namespace meldpunt::intake {
namespace {

// The record's accessor_kind; empty for a kind that is not recorded (and so sees no personal data).
std::string KindName(common::v1::PrincipalKind kind) {
  switch (kind) {
    case common::v1::PRINCIPAL_KIND_STAFF: return "staff";
    case common::v1::PRINCIPAL_KIND_API_CLIENT: return "api_client";
    case common::v1::PRINCIPAL_KIND_SERVICE: return "service";
    default: return "";
  }
}

}  // namespace

absl::StatusOr<ReportReadAccess> ReportReadAccessFor(const server::AuthorizedCall& call,
                                                     std::string_view method,
                                                     std::string_view access_reason) {
  const std::string reason(absl::StripAsciiWhitespace(absl::string_view(access_reason.data(), access_reason.size())));
  if (text::Utf8Length(reason) > kMaxAccessReason || text::HasControlCharacters(reason, false)) {
    return status::InvalidField("ACCESS_REASON_INVALID", "access_reason",
                                "at most 200 characters on one line");
  }
  const auth::Principal& principal = call.principal;
  ReportReadAccess access;
  if (auth::IsCitizenCaller(principal)) {
    access.only_citizen = principal.subject();
    access.sees_personal_data = true;
    return access;
  }
  const std::string kind = KindName(principal.kind());
  if (kind.empty() || !kContactReaders.ContainsAny(principal.roles())) return access;
  access.sees_personal_data = true;
  access.audit = AccessAudit{principal.subject(), kind, principal.issuer(), std::string(method),
                             reason, call.info.request_id};
  return access;
}

}  // namespace meldpunt::intake
