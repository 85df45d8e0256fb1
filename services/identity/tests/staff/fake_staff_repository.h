#pragma once
// StaffRepository in memory, for StaffLogin's unit tests. Mirrors PgStaffRepository's contract
// (lower-cased key unique per tenant, NOT_FOUND for a vanished account).

#include <map>
#include <utility>

#include "libs/status/status.h"
#include "services/identity/src/staff/reasons.h"
#include "services/identity/src/staff/staff_repository.h"

namespace meldpunt::identity::staff::testing {

class FakeStaffRepository final : public StaffRepository {
 public:
  absl::StatusOr<std::optional<StaffRecord>> FindByUsername(std::string_view tenant_id,
                                                            std::string_view username_key) override {
    auto it = by_key_.find({std::string(tenant_id), std::string(username_key)});
    if (it == by_key_.end()) return std::optional<StaffRecord>();
    return std::optional<StaffRecord>(records_.at(it->second));
  }

  absl::StatusOr<LoginState> UpdateLoginState(
      std::string_view tenant_id, std::string_view staff_id,
      const std::function<void(LoginState&)>& change) override {
    ++updates;
    auto it = records_.find(std::string(staff_id));
    if (it == records_.end() || it->second.account.tenant_id() != tenant_id) {
      return status::NotFound("STAFF_NOT_FOUND", "no such staff account");
    }
    change(it->second.login);
    return it->second.login;
  }

  absl::StatusOr<v1::StaffAccount> Create(const StaffInsert& a, absl::Time now) override {
    std::pair<std::string, std::string> key{a.tenant_id, a.username_key};
    if (by_key_.count(key)) {
      return status::Error(absl::StatusCode::kAlreadyExists, kUsernameTaken, "taken");
    }
    StaffRecord r;
    r.account.set_id("00000000-0000-4000-8000-" + std::to_string(100000000000 + records_.size()));
    r.account.set_tenant_id(a.tenant_id);
    r.account.set_username(a.username);
    r.account.set_display_name(a.display_name);
    for (auto role : a.roles) r.account.add_roles(role);
    r.account.mutable_created_at()->set_seconds(absl::ToUnixSeconds(now));
    r.password_hash = a.password_hash;
    by_key_[key] = r.account.id();
    records_[r.account.id()] = r;
    return r.account;
  }

  StaffRecord& Record(const std::string& id) { return records_.at(id); }
  void Remove(const std::string& id) { records_.erase(id); }

  int updates = 0;

 private:
  std::map<std::pair<std::string, std::string>, std::string> by_key_;
  std::map<std::string, StaffRecord> records_;
};

}  // namespace meldpunt::identity::staff::testing
