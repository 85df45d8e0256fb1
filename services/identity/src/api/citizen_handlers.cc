// GetCitizen, UpdateCitizenProfile: the citizen's own profile, or staff helping them (audited,
// national number masked).
#include "absl/strings/ascii.h"
#include "libs/events/uuid.h"
#include "libs/text/text.h"
#include "libs/status/status.h"
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

}  // namespace

grpc::ServerUnaryReactor* IdentityServiceImpl::GetCitizen(grpc::CallbackServerContext* ctx,
                                                          const v1::GetCitizenRequest* req,
                                                          v1::GetCitizenResponse* resp) {
  return deps_.calls->Run(ctx, kProfileReaders, [=](const server::AuthorizedCall& call) -> absl::Status {
    const absl::Time now = call.now;
    const auth::Principal& caller = call.principal;
    auto target = TargetCitizen(caller, req->citizen_id());
    if (!target.ok()) return target.status();
    const bool owner = auth::IsCitizenCaller(caller);
    AuditEntry audit;
    if (!owner) {
      const std::string reason(absl::StripAsciiWhitespace(req->access_reason()));
      if (reason.empty() || text::Utf8Length(req->access_reason()) > kMaxAccessReason) {
        return status::InvalidArgument("ACCESS_REASON_REQUIRED",
                                       "staff give an access_reason of at most 200 characters");
      }
      audit.staff_id = caller.subject();
      audit.action = "read";
      audit.reason = reason;
      audit.at = now;
    }
    auto citizen = deps_.citizens->Get(caller.tenant_id(), *target, owner ? nullptr : &audit);
    if (!citizen.ok()) return citizen.status();
    if (!owner) MaskNationalNumber(*citizen);
    *resp->mutable_citizen() = std::move(*citizen);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IdentityServiceImpl::UpdateCitizenProfile(
    grpc::CallbackServerContext* ctx, const v1::UpdateCitizenProfileRequest* req,
    v1::UpdateCitizenProfileResponse* resp) {
  return deps_.calls->Run(ctx, kProfileWriters, [=](const server::AuthorizedCall& call) -> absl::Status {
    const absl::Time now = call.now;
    const auth::Principal& caller = call.principal;
    auto target = TargetCitizen(caller, req->citizen_id());
    if (!target.ok()) return target.status();
    const bool owner = auth::IsCitizenCaller(caller);
    AuditEntry audit;
    if (!owner) {
      audit.staff_id = caller.subject();
      audit.action = "update";
      audit.reason = "profile changed by front office";
      audit.at = now;
    }
    auto citizen = deps_.citizens->UpdateProfile(caller.tenant_id(), *req, *target,
                                                 owner ? nullptr : &audit, now);
    if (!citizen.ok()) return citizen.status();
    EventsWritten();
    if (!owner) MaskNationalNumber(*citizen);
    *resp->mutable_citizen() = std::move(*citizen);
    return absl::OkStatus();
  });
}

}  // namespace meldpunt::identity
