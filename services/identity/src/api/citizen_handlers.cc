// GetCitizen, UpdateCitizenProfile: the citizen's own profile, or staff helping them (audited,
// national number masked).
#include <optional>

#include "absl/strings/ascii.h"
#include "libs/events/uuid.h"
#include "libs/status/status.h"
#include "libs/text/text.h"
#include "services/identity/src/api/assurance_checks.h"
#include "services/identity/src/api/caller_rules.h"
#include "services/identity/src/api/identity_service.h"

namespace meldpunt::identity {
namespace {

constexpr size_t kMaxAccessReason = 200;

// Which profile the call is about: a citizen always their own (asking for another's answers as
// if it did not exist), staff the one they name.
absl::StatusOr<std::string> TargetCitizen(const auth::Principal& caller,
                                          const std::string& requested) {
  if (auth::IsCitizenCaller(caller)) {
    if (!requested.empty() && requested != caller.subject()) {
      return status::NotFound("CITIZEN_NOT_FOUND", "no citizen with that id");
    }
    return caller.subject();
  }
  if (requested.empty()) {
    return status::InvalidArgument("CITIZEN_ID_REQUIRED", "citizen_id is required for staff");
  }
  if (!events::IsUuid(requested)) {
    return status::InvalidArgument("CITIZEN_ID_INVALID", "citizen_id is not a valid id");
  }
  return requested;
}

// Whose profile the call is about and, when staff make it, the audit entry it leaves (none for a
// citizen's own).
struct ProfileAccess {
  std::string citizen_id;
  std::optional<AuditEntry> audit;
  const AuditEntry* audit_entry() const { return audit ? &*audit : nullptr; }
};

absl::StatusOr<ProfileAccess> Access(const server::AuthorizedCall& call,
                                     const std::string& requested, std::string action,
                                     std::string staff_reason) {
  auto target = TargetCitizen(call.principal, requested);
  if (!target.ok()) return target.status();
  ProfileAccess access{*std::move(target), std::nullopt};
  if (!auth::IsCitizenCaller(call.principal)) {
    access.audit = AuditEntry{call.principal.subject(), std::move(action),
                              std::move(staff_reason), call.now};
  }
  return access;
}

}  // namespace

absl::Status IdentityServiceImpl::HandleGetCitizen(const server::AuthorizedCall& call,
                                                   const v1::GetCitizenRequest* req,
                                                   v1::GetCitizenResponse* resp) const {
  const std::string reason(absl::StripAsciiWhitespace(req->access_reason()));
  auto access = Access(call, req->citizen_id(), "read", reason);
  if (!access.ok()) return access.status();
  if (access->audit &&
      (reason.empty() || text::Utf8Length(req->access_reason()) > kMaxAccessReason)) {
    return status::InvalidArgument("ACCESS_REASON_REQUIRED",
                                   "staff give an access_reason of at most 200 characters");
  }
  if (!access->audit) {
    auto policy = deps_.assurance->ForTenant(call.principal.tenant_id());
    if (!policy.ok()) return policy.status();
    if (absl::Status s =
            RequireCitizenAssurance(call.principal, policy->read_profile, "reading the profile");
        !s.ok()) {
      return s;
    }
  }
  auto citizen = deps_.citizens->Get(call.principal.tenant_id(), access->citizen_id,
                                     access->audit_entry());
  if (!citizen.ok()) return citizen.status();
  if (access->audit) MaskNationalNumber(*citizen);
  *resp->mutable_citizen() = std::move(*citizen);
  return absl::OkStatus();
}

absl::Status IdentityServiceImpl::HandleUpdateCitizenProfile(
    const server::AuthorizedCall& call, const v1::UpdateCitizenProfileRequest* req,
    v1::UpdateCitizenProfileResponse* resp) const {
  auto access = Access(call, req->citizen_id(), "update", "profile changed by front office");
  if (!access.ok()) return access.status();
  if (!access->audit) {
    // Where the city's answers go and what the citizen consented to: copied card files must not
    // be enough to redirect them.
    auto policy = deps_.assurance->ForTenant(call.principal.tenant_id());
    if (!policy.ok()) return policy.status();
    if (absl::Status s =
            RequireCitizenAssurance(call.principal, policy->change_profile, "changing the profile");
        !s.ok()) {
      return s;
    }
  }
  auto citizen = deps_.citizens->UpdateProfile(call.principal.tenant_id(), *req,
                                               access->citizen_id, access->audit_entry(), call.now);
  if (!citizen.ok()) return citizen.status();
  EventsWritten();
  if (access->audit) MaskNationalNumber(*citizen);
  *resp->mutable_citizen() = std::move(*citizen);
  return absl::OkStatus();
}

}  // namespace meldpunt::identity
