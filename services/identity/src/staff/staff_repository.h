#pragma once
// Where staff accounts are kept. StaffLogin decides; the repository stores. PgStaffRepository
// implements it; unit tests use an in-memory fake.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "meldpunt/common/v1/principal.pb.h"
#include "meldpunt/identity/v1/staff.pb.h"

namespace meldpunt::identity::staff {

// What logins read and change on an account.
struct LoginState {
  int failed_attempts = 0;  // consecutive failures since the last success or the last lock
  std::optional<absl::Time> locked_until;
  std::optional<absl::Time> last_login_at;
};

// An account as stored, with what only the login may see.
struct StaffRecord {
  v1::StaffAccount account;
  std::string password_hash;  // PHC string
  LoginState login;
  bool disabled = false;
};

// An account to insert: fields already validated, the password already hashed.
struct StaffInsert {
  std::string tenant_id;
  std::string username;      // as given
  std::string username_key;  // lower-cased, unique per tenant
  std::string display_name;
  std::vector<common::v1::Role> roles;
  std::string password_hash;
};

class StaffRepository {
 public:
  virtual ~StaffRepository() = default;

  // The tenant's account with this (lower-cased) user name; nullopt when there is none.
  virtual absl::StatusOr<std::optional<StaffRecord>> FindByUsername(std::string_view tenant_id,
                                                                    std::string_view username_key) = 0;

  // Reads the account's login state under a row lock, lets change alter it and stores the result
  // in the same transaction, so concurrent logins of one account count every failure and a lock
  // set by one is seen by the others. Returns the state as stored. NOT_FOUND STAFF_NOT_FOUND
  // when the account is gone.
  virtual absl::StatusOr<LoginState> UpdateLoginState(
      std::string_view tenant_id, std::string_view staff_id,
      const std::function<void(LoginState&)>& change) = 0;

  // ALREADY_EXISTS USERNAME_TAKEN when the tenant has the user name already (in any case).
  virtual absl::StatusOr<v1::StaffAccount> Create(const StaffInsert& account, absl::Time now) = 0;
};

}  // namespace meldpunt::identity::staff
