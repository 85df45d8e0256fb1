#pragma once
// The citizen store: profiles per tenant, created or refreshed by identifications, read by the
// citizen themself or by staff (audited), and the internal questions of other services (whom to
// contact, how many residents fall in a segment). PgCitizenRepository implements it.
//
// Citizens come back unmasked; the caller masks the national number (MaskNationalNumber) for
// anyone but the owner.
//
// Errors (domain identity.meldpunt): NOT_FOUND CITIZEN_NOT_FOUND; INVALID_ARGUMENT with the
// reasons of profile_validation.h and segment_filter.h; database errors as libs/postgres maps
// them.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "meldpunt/common/v1/language.pb.h"
#include "meldpunt/identity/v1/citizen.pb.h"
#include "meldpunt/identity/v1/identity_service.pb.h"
#include "services/identity/src/citizens/verified_identity.h"

namespace meldpunt::identity {

inline constexpr char kReasonCitizenNotFound[] = "CITIZEN_NOT_FOUND";

// One staff access to a citizen's profile, written to citizen_access_log in the same
// transaction as the access.
struct AuditEntry {
  std::string staff_id;
  std::string action;  // "read" or "update"
  std::string reason;  // why, as the staff member stated it (at most 200 characters)
  absl::Time at;
};

struct IdentifiedCitizen {
  v1::Citizen citizen;  // unmasked
  bool created = false;
};

class CitizenRepository {
 public:
  virtual ~CitizenRepository() = default;

  // Find by keyed hash of the national number in the tenant; create (event CitizenRegistered)
  // or refresh names/birth/gender/address/assurance/verified_at (event CitizenProfileChanged only
  // when a coarse dimension changed). preferred_language applies to a new citizen only.
  virtual absl::StatusOr<IdentifiedCitizen> UpsertIdentified(std::string_view tenant_id,
                                                             const VerifiedIdentity& identity,
                                                             common::v1::Language preferred_language,
                                                             absl::Time now) = 0;
  // NOT_FOUND CITIZEN_NOT_FOUND. audit non-null (a staff read) → an audit row is written in the
  // same transaction.
  virtual absl::StatusOr<v1::Citizen> Get(std::string_view tenant_id, std::string_view citizen_id,
                                          const AuditEntry* audit) = 0;
  // Applies the set fields of request (its citizen_id is ignored: citizen_id names the profile).
  // Events: CitizenProfileChanged when a dimension (profession, language, preferred channel)
  // changed; ConsentChanged per consent whose decision changed. audit as for Get.
  virtual absl::StatusOr<v1::Citizen> UpdateProfile(std::string_view tenant_id,
                                                    const v1::UpdateCitizenProfileRequest& request,
                                                    std::string_view citizen_id,
                                                    const AuditEntry* audit, absl::Time now) = 0;
  virtual absl::StatusOr<v1::ResolveContactsResponse> ResolveContacts(
      std::string_view tenant_id, const v1::ResolveContactsRequest& request) = 0;
  virtual absl::StatusOr<v1::CountCitizensResponse> CountCitizens(
      std::string_view tenant_id, const v1::CountCitizensRequest& request) = 0;
};

// Masking for everyone but the owner: "**.**.**-*33.28" (see citizen.proto). Works on the
// formatted or the bare 11-digit form; anything else becomes "" (never shown half-masked).
void MaskNationalNumber(v1::Citizen& citizen);

}  // namespace meldpunt::identity
