// VerifyEid, LoginWithOidc, LoginStaff: a person proves who they are; the answer is their
// profile and a session.
#include "libs/auth/assurance.h"
#include "libs/status/status.h"
#include "libs/time/conversions.h"
#include "services/identity/src/api/assurance_checks.h"
#include "services/identity/src/api/caller_rules.h"
#include "services/identity/src/api/eid_mapping.h"
#include "services/identity/src/api/identity_service.h"

namespace meldpunt::identity {
namespace {

constexpr size_t kMaxUsernameBytes = 256;
constexpr size_t kMaxPasswordBytes = 1024;

}  // namespace

absl::Status IdentityServiceImpl::IdentifyCitizen(const auth::Principal& caller,
                                                  const VerifiedIdentity& identity,
                                                  common::v1::Language preferred_language,
                                                  absl::Time now, v1::Citizen* citizen,
                                                  v1::SessionTokens* tokens, bool* created) const {
  auto policy = deps_.assurance->ForTenant(caller.tenant_id());
  if (!policy.ok()) return policy.status();
  auto upserted =
      deps_.citizens->UpsertIdentified(caller.tenant_id(), identity, preferred_language, now);
  if (!upserted.ok()) return upserted.status();
  EventsWritten();
  SessionSubject subject;
  subject.tenant_id = caller.tenant_id();
  subject.subject = upserted->citizen.id();
  subject.kind = common::v1::PRINCIPAL_KIND_CITIZEN;
  subject.roles = {common::v1::ROLE_CITIZEN};
  // This login's level, not the profile's best: a session is as strong as the proof it began with.
  subject.assurance = identity.assurance;
  auto session = deps_.sessions->Open(subject, now);
  if (!session.ok()) return session.status();
  // The answer shows the profile only as far as the session could read it with GetCitizen.
  if (!auth::MeetsAssurance(identity.assurance, policy->read_profile)) {
    KeepOnlyIdentityData(&upserted->citizen);
  }
  *citizen = std::move(upserted->citizen);
  *tokens = std::move(*session);
  *created = upserted->created;
  return absl::OkStatus();
}

absl::Status IdentityServiceImpl::HandleVerifyEid(const server::AuthorizedCall& call,
                                                  const v1::VerifyEidRequest* req,
                                                  v1::VerifyEidResponse* resp) const {
  if (deps_.cards == nullptr) {
    return status::Error(absl::StatusCode::kFailedPrecondition, "EID_NOT_CONFIGURED",
                         "eID verification is not configured (no trusted roots)");
  }
  if (!req->has_card()) {
    return status::InvalidArgument("EID_FILE_MISSING", "card is required");
  }
  const eid::CardFiles files = CardFilesFromProto(req->card());
  eid::CardChallenge challenge;
  if (req->has_challenge()) challenge = CardChallengeFromProto(req->challenge());
  auto card = deps_.cards->Verify(files, req->has_challenge() ? &challenge : nullptr, call.now);
  if (!card.ok()) return card.status();
  if (req->has_challenge()) {
    // After the signature check: only a nonce the card really signed uses up its slot.
    if (absl::Status fresh =
            deps_.nonces->Consume(call.principal.tenant_id(), challenge.nonce,
                                  time::FromProto(req->challenge().nonce_created_at()), call.now);
        !fresh.ok()) {
      return fresh;
    }
  }
  bool created = false;
  const VerifiedIdentity identity = IdentityFromCard(*card);
  if (absl::Status s =
          IdentifyCitizen(call.principal, identity, req->preferred_language(), call.now,
                          resp->mutable_citizen(), resp->mutable_tokens(), &created);
      !s.ok()) {
    return s;
  }
  // This login's own level; the profile keeps the strongest one (assurance.h).
  resp->set_assurance_level(identity.assurance);
  resp->set_created(created);
  return absl::OkStatus();
}

absl::Status IdentityServiceImpl::HandleLoginWithOidc(const server::AuthorizedCall& call,
                                                      const v1::LoginWithOidcRequest* req,
                                                      v1::LoginWithOidcResponse* resp) const {
  if (deps_.oidc == nullptr) {
    return status::Error(absl::StatusCode::kFailedPrecondition, "OIDC_NOT_CONFIGURED",
                         "no OpenID Connect issuer is configured");
  }
  auto identity =
      deps_.oidc->Verify(req->provider(), req->issuer(), req->id_token(), req->nonce(), call.now);
  if (!identity.ok()) return identity.status();
  bool created = false;
  // The provider's language claim wins; the request's applies when the token has none.
  const common::v1::Language language = identity->language != common::v1::LANGUAGE_UNSPECIFIED
                                            ? identity->language
                                            : req->preferred_language();
  if (absl::Status s = IdentifyCitizen(call.principal, *identity, language, call.now, resp->mutable_citizen(),
                                       resp->mutable_tokens(), &created);
      !s.ok()) {
    return s;
  }
  resp->set_assurance_level(identity->assurance);
  resp->set_created(created);
  return absl::OkStatus();
}

absl::Status IdentityServiceImpl::HandleLoginStaff(const server::AuthorizedCall& call,
                                                   const v1::LoginStaffRequest* req,
                                                   v1::LoginStaffResponse* resp) const {
  if (req->username().empty() || req->username().size() > kMaxUsernameBytes ||
      req->password().empty() || req->password().size() > kMaxPasswordBytes) {
    return status::InvalidArgument("CREDENTIALS_MALFORMED",
                                   "username and password are required (password at most "
                                   "1,024 bytes)");
  }
  // The API client acts in the tenant the gateway resolved; an account of another tenant is
  // out of its reach even when the client names it.
  if (req->tenant_id() != call.principal.tenant_id()) {
    return status::PermissionDenied("TENANT_NOT_ALLOWED",
                                    "tenant_id is not the tenant this client acts for");
  }
  auto staff = deps_.staff->Login(req->tenant_id(), req->username(), req->password(), call.now);
  if (!staff.ok()) return staff.status();
  SessionSubject subject;
  subject.tenant_id = staff->tenant_id();
  subject.subject = staff->id();
  subject.kind = common::v1::PRINCIPAL_KIND_STAFF;
  for (int role : staff->roles()) subject.roles.push_back(static_cast<common::v1::Role>(role));
  auto session = deps_.sessions->Open(subject, call.now);
  if (!session.ok()) return session.status();
  *resp->mutable_staff() = std::move(*staff);
  *resp->mutable_tokens() = std::move(*session);
  return absl::OkStatus();
}

}  // namespace meldpunt::identity
