#pragma once
// StaffRepository on PostgreSQL (table staff_accounts, migration 0002_staff.sql). Every
// transaction is scoped to the tenant first (row-level security) and every query filters by
// tenant as well.

#include "libs/postgres/pool.h"
#include "services/identity/src/staff/staff_repository.h"

namespace meldpunt::identity::staff {

class PgStaffRepository final : public StaffRepository {
 public:
  explicit PgStaffRepository(pg::Pool* pool) : pool_(pool) {}

  absl::StatusOr<std::optional<StaffRecord>> FindByUsername(std::string_view tenant_id,
                                                            std::string_view username_key) override;
  absl::StatusOr<LoginState> UpdateLoginState(
      std::string_view tenant_id, std::string_view staff_id,
      const std::function<void(LoginState&)>& change) override;
  absl::StatusOr<v1::StaffAccount> Create(const StaffInsert& account, absl::Time now) override;

 private:
  pg::Pool* pool_;
};

}  // namespace meldpunt::identity::staff
