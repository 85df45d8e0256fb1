#pragma once
// Who a caller is, in one place for every service: sets of roles as the policy rules spell them,
// and what "citizen caller" and "staff caller" mean. Pure.

#include <initializer_list>
#include <string_view>
#include <vector>

#include "libs/auth/principal.h"

namespace meldpunt::auth {

// A set of roles as a bit mask, so a rule spells its roles in one constant expression.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) bits_ |= Bit(r);
  }
  template <typename... R>
  constexpr explicit RoleSet(Role first, R... rest) : bits_((Bit(first) | ... | Bit(rest))) {}

  constexpr bool Contains(Role role) const { return (bits_ & Bit(role)) != 0; }
  constexpr bool Empty() const { return bits_ == 0; }
  // True when any of roles is in the set.
  template <typename Container>
  bool ContainsAny(const Container& roles) const {
    for (auto role : roles) {
      if (Contains(static_cast<Role>(role))) return true;
    }
    return false;
  }
  constexpr RoleSet Union(RoleSet other) const { return FromBits(bits_ | other.bits_); }
  constexpr RoleSet Without(RoleSet other) const { return FromBits(bits_ & ~other.bits_); }
  constexpr bool operator==(RoleSet other) const { return bits_ == other.bits_; }
  constexpr bool operator!=(RoleSet other) const { return bits_ != other.bits_; }

 private:
  static constexpr RoleSet FromBits(unsigned bits) {
    RoleSet set;
    set.bits_ = bits;
    return set;
  }
  static constexpr unsigned Bit(Role role) {
    return role > 0 && role < 32 ? 1u << static_cast<unsigned>(role) : 0u;
  }
  unsigned bits_ = 0;
};

// Who may call one method of a service: its name within the service ("CreateReport") and the
// roles its handler admits. Each service lists its methods (api/caller_rules.h), its handlers
// use the same constants, and a test holds the list against the gateway's policy table.
struct MethodRoles {
  std::string_view method;
  RoleSet roles;
};

// Every role a principal can carry, people, systems and services alike.
inline constexpr RoleSet kAllRoles = {
    common::v1::ROLE_CITIZEN,          common::v1::ROLE_WARDEN,
    common::v1::ROLE_FRONT_OFFICE,     common::v1::ROLE_COORDINATOR,
    common::v1::ROLE_DEPARTMENT_AGENT, common::v1::ROLE_ANALYST,
    common::v1::ROLE_TENANT_ADMIN,     common::v1::ROLE_INTEGRATOR,
    common::v1::ROLE_PLATFORM_ADMIN,   common::v1::ROLE_SERVICE};

// A person acting as a citizen: kind CITIZEN, or any principal holding the citizen role. Either
// sign confines the caller to what is their own (their reports, their profile), so a principal
// whose kind and roles disagree (the gateway never signs one) cannot take the staff path on the
// citizen role that admitted it. A principal with a citizen and a staff role is a citizen here.
bool IsCitizenCaller(const Principal& principal);

// Someone acting for the municipality or as one of its systems (staff, integrators, services):
// a principal with at least one role that is not a citizen caller.
bool IsStaffCaller(const Principal& principal);

}  // namespace meldpunt::auth
