#include "libs/time/conversions.h"
#include "services/identity/src/staff/pg_staff_repository.h"

#include <google/protobuf/util/time_util.h>
#include <pqxx/pqxx>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/auth/tenant_scope.h"
#include "libs/postgres/errors.h"
#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "services/identity/src/staff/reasons.h"
#include "services/identity/src/staff/staff_roles.h"
#include "sql/identity.h"

namespace meldpunt::identity::staff {
namespace {

namespace q = sql::identity;

// Timestamps travel as microseconds since the epoch: exact both ways, and the time always comes
// from the caller's clock (tests inject it), never from the database's now().
std::optional<absl::Time> OptionalTime(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return time::FromMicros(f.as<std::int64_t>());
}

// Role names as stored → enum. A name this build does not know (a role removed later) is
// dropped: it can grant nothing.
std::vector<common::v1::Role> RolesFromText(const std::string& joined) {
  std::vector<common::v1::Role> roles;
  for (absl::string_view name : absl::StrSplit(joined, ',', absl::SkipEmpty())) {
    if (auto role = StaffRoleFromName(std::string_view(name.data(), name.size()))) {
      roles.push_back(*role);
    }
  }
  return roles;
}

std::string RolesToText(const std::vector<common::v1::Role>& roles) {
  std::vector<std::string> names;
  for (common::v1::Role r : roles) names.push_back(StaffRoleName(r));
  return absl::StrJoin(names, ",");
}

StaffRecord FromRow(const pqxx::row& row, std::string_view tenant_id) {
  StaffRecord rec;
  v1::StaffAccount& a = rec.account;
  a.set_id(row[0].as<std::string>());
  a.set_tenant_id(std::string(tenant_id));
  a.set_username(row[1].as<std::string>());
  a.set_display_name(row[2].as<std::string>());
  for (common::v1::Role r : RolesFromText(row[3].as<std::string>())) a.add_roles(r);
  rec.password_hash = row[4].as<std::string>();
  rec.login.failed_attempts = row[5].as<int>();
  rec.login.locked_until = OptionalTime(row[6]);
  rec.login.last_login_at = OptionalTime(row[7]);
  *a.mutable_created_at() = time::ToProto(time::FromMicros(row[8].as<std::int64_t>()));
  if (rec.login.last_login_at) *a.mutable_last_login_at() = time::ToProtoMicros(*rec.login.last_login_at);
  rec.disabled = row[9].as<bool>();
  return rec;
}

}  // namespace

absl::StatusOr<std::optional<StaffRecord>> PgStaffRepository::FindByUsername(
    std::string_view tenant_id, std::string_view username_key) {
  std::optional<StaffRecord> out;
  absl::Status s = auth::TransactInTenant(*pool_, tenant_id, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result r = pg::ExecUnnamed(tx, q::find_staff_by_username, std::string(tenant_id),
                                     std::string(username_key));
    if (!r.empty()) out = FromRow(r[0], tenant_id);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<LoginState> PgStaffRepository::UpdateLoginState(
    std::string_view tenant_id, std::string_view staff_id,
    const std::function<void(LoginState&)>& change) {
  LoginState state;
  absl::Status s = auth::TransactInTenant(*pool_, tenant_id, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result r = pg::ExecUnnamed(tx, q::lock_staff_login_state, std::string(tenant_id),
                                     std::string(staff_id));
    if (r.empty()) return status::NotFound("STAFF_NOT_FOUND", "no such staff account");
    state.failed_attempts = r[0][0].as<int>();
    state.locked_until = OptionalTime(r[0][1]);
    state.last_login_at = OptionalTime(r[0][2]);
    change(state);
    pg::ExecUnnamed(
        tx, q::update_staff_login_state, std::string(tenant_id), std::string(staff_id),
        state.failed_attempts, state.locked_until.has_value(),
        state.locked_until ? time::ToMicros(*state.locked_until) : 0, state.last_login_at.has_value(),
        state.last_login_at ? time::ToMicros(*state.last_login_at) : 0);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return state;
}

absl::StatusOr<v1::StaffAccount> PgStaffRepository::Create(const StaffInsert& account,
                                                           absl::Time now) {
  v1::StaffAccount out;
  absl::Status s = auth::TransactInTenant(*pool_, account.tenant_id, [&](pqxx::work& tx) -> absl::Status {
    // ON CONFLICT, no row back, when the name is taken (see the statement).
    pqxx::result r = pg::ExecUnnamed(tx, q::insert_staff_account, account.tenant_id,
                                     account.username, account.username_key, account.display_name,
                                     RolesToText(account.roles), account.password_hash,
                                     time::ToMicros(now));
    if (r.empty()) {
      return status::Error(absl::StatusCode::kAlreadyExists, kUsernameTaken,
                           "the tenant already has an account with this user name");
    }
    out = FromRow(r[0], account.tenant_id).account;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace meldpunt::identity::staff
