#pragma once
// CitizenRepository on PostgreSQL (migrations/0001_citizens.sql). Personal data is sealed with
// the DataProtector before it reaches the database; every transaction is scoped to the tenant
// (row-level security) and filters by tenant in its queries as well; events go to the outbox in
// the same transaction as the change. Blocking: call from worker threads.

#include "libs/postgres/pool.h"
#include "services/identity/src/citizens/citizen_repository.h"
#include "services/identity/src/crypto/data_protector.h"

namespace meldpunt::identity {

class PgCitizenRepository final : public CitizenRepository {
 public:
  // Neither is owned; both outlive the repository.
  PgCitizenRepository(pg::Pool* pool, const crypto::DataProtector* protector)
      : pool_(pool), protector_(protector) {}

  absl::StatusOr<IdentifiedCitizen> UpsertIdentified(std::string_view tenant_id,
                                                     const VerifiedIdentity& identity,
                                                     common::v1::Language preferred_language,
                                                     absl::Time now) override;
  absl::StatusOr<v1::Citizen> Get(std::string_view tenant_id, std::string_view citizen_id,
                                  const AuditEntry* audit) override;
  absl::StatusOr<v1::Citizen> UpdateProfile(std::string_view tenant_id,
                                            const v1::UpdateCitizenProfileRequest& request,
                                            std::string_view citizen_id, const AuditEntry* audit,
                                            absl::Time now) override;
  // pg_citizen_segments.cc
  absl::StatusOr<v1::ResolveContactsResponse> ResolveContacts(
      std::string_view tenant_id, const v1::ResolveContactsRequest& request) override;
  absl::StatusOr<v1::CountCitizensResponse> CountCitizens(
      std::string_view tenant_id, const v1::CountCitizensRequest& request) override;

 private:
  pg::Pool* pool_;
  const crypto::DataProtector* protector_;
};

}  // namespace meldpunt::identity
