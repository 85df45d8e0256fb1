#pragma once
// The gRPC edge of identity: authenticates the calling principal, checks what it may do, and
// hands the work to the parts beside it (eID verifier, OIDC verifier, staff login, sessions,
// citizen store). The handlers are spread over login_handlers.cc (VerifyEid, LoginWithOidc,
// LoginStaff), session_handlers.cc (RefreshSession, RevokeSession, GetSigningKeys),
// citizen_handlers.cc (GetCitizen, UpdateCitizenProfile) and internal_handlers.cc
// (ResolveContacts, CountCitizens).

#include <functional>

#include "libs/auth/principal.h"
#include "libs/server/authorized_call.h"
#include "meldpunt/identity/v1/identity_service.grpc.pb.h"
#include "services/identity/src/api/caller_rules.h"
#include "services/identity/src/citizens/assurance_policy.h"
#include "services/identity/src/citizens/citizen_repository.h"
#include "services/identity/src/eid/challenge_nonces.h"
#include "services/identity/src/eid/eid_verifier.h"
#include "services/identity/src/oidc/oidc_verifier.h"
#include "services/identity/src/staff/staff_login.h"
#include "services/identity/src/tokens/session_manager.h"

namespace meldpunt::identity {

struct IdentityServiceDeps {
  const server::AuthorizedRunner* calls = nullptr;
  const eid::CardVerifier* cards = nullptr;
  ChallengeNonces* nonces = nullptr;
  // Null when no OIDC issuer is configured: LoginWithOidc then answers FAILED_PRECONDITION.
  const oidc::IdTokenVerifier* oidc = nullptr;
  staff::StaffLogin* staff = nullptr;
  SessionManager* sessions = nullptr;
  CitizenRepository* citizens = nullptr;
  // What a citizen's session may do with its own profile, per tenant.
  AssurancePolicies* assurance = nullptr;
  // Called after a transaction that wrote an event committed (OutboxRelay::Wake). May be empty.
  std::function<void()> events_written;
};

class IdentityServiceImpl : public v1::IdentityService::CallbackService {
 public:
  explicit IdentityServiceImpl(IdentityServiceDeps deps) : deps_(std::move(deps)) {}

  grpc::ServerUnaryReactor* VerifyEid(grpc::CallbackServerContext* ctx,
                                      const v1::VerifyEidRequest* req,
                                      v1::VerifyEidResponse* resp) override {
    return deps_.calls->Run(ctx, kLoginCallers, this, &IdentityServiceImpl::HandleVerifyEid, req,
                            resp);
  }
  grpc::ServerUnaryReactor* LoginWithOidc(grpc::CallbackServerContext* ctx,
                                          const v1::LoginWithOidcRequest* req,
                                          v1::LoginWithOidcResponse* resp) override {
    return deps_.calls->Run(ctx, kLoginCallers, this, &IdentityServiceImpl::HandleLoginWithOidc,
                            req, resp);
  }
  grpc::ServerUnaryReactor* LoginStaff(grpc::CallbackServerContext* ctx,
                                       const v1::LoginStaffRequest* req,
                                       v1::LoginStaffResponse* resp) override {
    return deps_.calls->Run(ctx, kLoginCallers, this, &IdentityServiceImpl::HandleLoginStaff, req,
                            resp);
  }
  grpc::ServerUnaryReactor* RefreshSession(grpc::CallbackServerContext* ctx,
                                           const v1::RefreshSessionRequest* req,
                                           v1::RefreshSessionResponse* resp) override {
    return deps_.calls->Run(ctx, kLoginCallers, this, &IdentityServiceImpl::HandleRefreshSession,
                            req, resp);
  }
  grpc::ServerUnaryReactor* RevokeSession(grpc::CallbackServerContext* ctx,
                                          const v1::RevokeSessionRequest* req,
                                          v1::RevokeSessionResponse* resp) override {
    return deps_.calls->Run(ctx, kSessionRevokers, this, &IdentityServiceImpl::HandleRevokeSession,
                            req, resp);
  }
  grpc::ServerUnaryReactor* GetCitizen(grpc::CallbackServerContext* ctx,
                                       const v1::GetCitizenRequest* req,
                                       v1::GetCitizenResponse* resp) override {
    return deps_.calls->Run(ctx, kProfileReaders, this, &IdentityServiceImpl::HandleGetCitizen, req,
                            resp);
  }
  grpc::ServerUnaryReactor* UpdateCitizenProfile(grpc::CallbackServerContext* ctx,
                                                 const v1::UpdateCitizenProfileRequest* req,
                                                 v1::UpdateCitizenProfileResponse* resp) override {
    return deps_.calls->Run(ctx, kProfileWriters, this,
                            &IdentityServiceImpl::HandleUpdateCitizenProfile, req, resp);
  }
  grpc::ServerUnaryReactor* GetSigningKeys(grpc::CallbackServerContext* ctx,
                                           const v1::GetSigningKeysRequest* req,
                                           v1::GetSigningKeysResponse* resp) override;
  grpc::ServerUnaryReactor* ResolveContacts(grpc::CallbackServerContext* ctx,
                                            const v1::ResolveContactsRequest* req,
                                            v1::ResolveContactsResponse* resp) override {
    return deps_.calls->Run(ctx, kInternalCallers, this,
                            &IdentityServiceImpl::HandleResolveContacts, req, resp);
  }
  grpc::ServerUnaryReactor* CountCitizens(grpc::CallbackServerContext* ctx,
                                          const v1::CountCitizensRequest* req,
                                          v1::CountCitizensResponse* resp) override {
    return deps_.calls->Run(ctx, kInternalCallers, this, &IdentityServiceImpl::HandleCountCitizens,
                            req, resp);
  }

 private:
  // The work of each rpc, after AuthorizedRunner admitted the caller (*_handlers.cc).
  absl::Status HandleGetCitizen(const server::AuthorizedCall& call,
                                const v1::GetCitizenRequest* req,
                                v1::GetCitizenResponse* resp) const;
  absl::Status HandleUpdateCitizenProfile(const server::AuthorizedCall& call,
                                          const v1::UpdateCitizenProfileRequest* req,
                                          v1::UpdateCitizenProfileResponse* resp) const;
  absl::Status HandleResolveContacts(const server::AuthorizedCall& call,
                                     const v1::ResolveContactsRequest* req,
                                     v1::ResolveContactsResponse* resp) const;
  absl::Status HandleCountCitizens(const server::AuthorizedCall& call,
                                   const v1::CountCitizensRequest* req,
                                   v1::CountCitizensResponse* resp) const;
  absl::Status HandleVerifyEid(const server::AuthorizedCall& call, const v1::VerifyEidRequest* req,
                               v1::VerifyEidResponse* resp) const;
  absl::Status HandleLoginWithOidc(const server::AuthorizedCall& call,
                                   const v1::LoginWithOidcRequest* req,
                                   v1::LoginWithOidcResponse* resp) const;
  absl::Status HandleLoginStaff(const server::AuthorizedCall& call,
                                const v1::LoginStaffRequest* req,
                                v1::LoginStaffResponse* resp) const;
  absl::Status HandleRefreshSession(const server::AuthorizedCall& call,
                                    const v1::RefreshSessionRequest* req,
                                    v1::RefreshSessionResponse* resp) const;
  absl::Status HandleRevokeSession(const server::AuthorizedCall& call,
                                   const v1::RevokeSessionRequest* req,
                                   v1::RevokeSessionResponse* resp) const;
  // The person's citizen profile after an identification, and a session for them.
  absl::Status IdentifyCitizen(const auth::Principal& caller, const VerifiedIdentity& identity,
                               common::v1::Language preferred_language, absl::Time now,
                               v1::Citizen* citizen, v1::SessionTokens* tokens,
                               bool* created) const;
  void EventsWritten() const {
    if (deps_.events_written) deps_.events_written();
  }

  const IdentityServiceDeps deps_;
};

}  // namespace meldpunt::identity
