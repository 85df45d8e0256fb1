#include "services/identity/src/admin/create_staff_account.h"

#include "services/identity/src/staff/pg_staff_repository.h"
#include "services/identity/src/staff/staff_validation.h"

namespace meldpunt::identity::staff {

absl::StatusOr<v1::StaffAccount> CreateStaffAccount(StaffRepository& repository,
                                                    const PasswordHasher& hasher,
                                                    const NewStaffAccount& account, absl::Time now) {
  if (absl::Status s = ValidateTenantId(account.tenant_id); !s.ok()) return s;
  auto key = UsernameKey(account.username);
  if (!key.ok()) return key.status();
  auto display_name = CleanDisplayName(account.display_name);
  if (!display_name.ok()) return display_name.status();
  auto roles = ValidateStaffRoles(account.roles);
  if (!roles.ok()) return roles.status();
  if (absl::Status s = ValidateNewPassword(account.password); !s.ok()) return s;
  auto hash = hasher.Hash(account.password);
  if (!hash.ok()) return hash.status();

  StaffInsert insert;
  insert.tenant_id = account.tenant_id;
  insert.username = account.username;
  insert.username_key = std::move(*key);
  insert.display_name = std::move(*display_name);
  insert.roles = std::move(*roles);
  insert.password_hash = std::move(*hash);
  return repository.Create(insert, now);
}

absl::StatusOr<v1::StaffAccount> CreateStaffAccount(pg::Pool& pool, const PasswordHasher& hasher,
                                                    const NewStaffAccount& account, absl::Time now) {
  PgStaffRepository repository(&pool);
  return CreateStaffAccount(repository, hasher, account, now);
}

}  // namespace meldpunt::identity::staff
