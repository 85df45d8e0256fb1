#include "services/gateway/src/keys/api_client_admin.h"

#include <algorithm>
#include <set>

#include <google/protobuf/util/time_util.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/api/page_token.h"
#include "libs/auth/authorize.h"
#include "libs/idempotency/request_log.h"
#include "libs/status/status.h"
#include "services/gateway/src/keys/api_key.h"
#include "services/gateway/src/admission/credentials.h"

namespace meldpunt::gateway {
namespace {

namespace cv1 = common::v1;

constexpr std::size_t kMaxNameChars = 100;
constexpr std::size_t kMaxReasonChars = 500;
constexpr std::size_t kMaxRequestIdChars = 64;
constexpr std::size_t kMaxTenants = 400;  // every municipality of Flanders, with room

bool IsPlatformAdmin(const auth::Principal& p) { return auth::HasRole(p, cv1::ROLE_PLATFORM_ADMIN); }

// A tenant admin acts in the principal's tenant; it must be known.
absl::StatusOr<std::string> AdminTenant(const auth::Principal& p) {
  if (p.tenant_id().empty()) {
    return status::InvalidArgument("TENANT_REQUIRED",
                                   "name the tenant you administer in x-meldpunt-tenant");
  }
  return p.tenant_id();
}

// UTF-8 code points, for "at most N characters".
std::size_t Chars(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

absl::Status ValidateCreate(const auth::Principal& caller, const v1::CreateApiClientRequest& r) {
  if (r.request_id().empty() || r.request_id().size() > kMaxRequestIdChars) {
    return status::InvalidArgument(idempotency::kReasonRequestIdInvalid,
                                   "request_id must be 1 to 64 printable ASCII characters");
  }
  if (absl::Status s = idempotency::ValidateRequestId(r.request_id()); !s.ok()) return s;
  if (r.name().empty() || Chars(r.name()) > kMaxNameChars) {
    return status::InvalidArgument("NAME_INVALID", "name must be 1 to 100 characters");
  }
  if (r.tenant_ids().empty() || r.tenant_ids_size() > static_cast<int>(kMaxTenants)) {
    return status::InvalidArgument("TENANT_IDS_INVALID", "give at least one tenant id");
  }
  for (const auto& t : r.tenant_ids()) {
    if (!IsValidTenantId(t)) {
      return status::InvalidArgument("TENANT_IDS_INVALID",
                                     absl::StrCat("\"", t, "\" is not a 5-digit NIS code"));
    }
  }
  if (r.roles().empty()) return status::InvalidArgument("ROLES_INVALID", "give at least one role");
  for (int role : r.roles()) {
    if (role == cv1::ROLE_UNSPECIFIED || role == cv1::ROLE_SERVICE || !cv1::Role_IsValid(role)) {
      return status::InvalidArgument("ROLES_INVALID",
                                     "roles must be named roles other than ROLE_SERVICE");
    }
  }
  if (r.rate_class() != v1::RATE_CLASS_UNSPECIFIED && !v1::RateClass_IsValid(r.rate_class())) {
    return status::InvalidArgument("RATE_CLASS_INVALID", "unknown rate class");
  }
  if (r.has_expires_at()) {
    auto at = absl::FromUnixSeconds(r.expires_at().seconds());
    if (at <= absl::Now()) return status::InvalidArgument("EXPIRES_AT_INVALID", "expires_at is in the past");
  }

  if (IsPlatformAdmin(caller)) return absl::OkStatus();
  auto tenant = AdminTenant(caller);
  if (!tenant.ok()) return tenant.status();
  for (const auto& t : r.tenant_ids()) {
    if (t != *tenant) {
      return status::PermissionDenied("TENANT_NOT_ALLOWED",
                                      "a tenant admin may bind clients to their own tenant only");
    }
  }
  for (int role : r.roles()) {
    if (role == cv1::ROLE_PLATFORM_ADMIN) {
      return status::PermissionDenied("ROLE_NOT_GRANTABLE",
                                      "only a platform admin may create platform admin clients");
    }
  }
  return absl::OkStatus();
}

// Whether caller may see (list) the client, and whether it may change (revoke) it.
bool MayRevoke(const auth::Principal& caller, const v1::ApiClient& c) {
  if (IsPlatformAdmin(caller)) return true;
  return c.tenant_ids_size() == 1 && c.tenant_ids(0) == caller.tenant_id();
}
bool MaySee(const auth::Principal& caller, const v1::ApiClient& c) {
  if (IsPlatformAdmin(caller)) return true;
  return std::find(c.tenant_ids().begin(), c.tenant_ids().end(), caller.tenant_id()) !=
         c.tenant_ids().end();
}

}  // namespace

absl::Status ApiClientAdmin::Create(const auth::Principal& caller, const v1::CreateApiClientRequest& r,
                                    v1::CreateApiClientResponse* response) {
  if (absl::Status s = ValidateCreate(caller, r); !s.ok()) return s;
  auto key = GenerateApiKey();
  if (!key.ok()) return key.status();

  NewApiClient n;
  n.client.set_name(r.name());
  // Sorted and without repeats, so the same set given in another order is the same request.
  std::set<std::string> tenants(r.tenant_ids().begin(), r.tenant_ids().end());
  for (const auto& t : tenants) n.client.add_tenant_ids(t);
  std::set<int> roles(r.roles().begin(), r.roles().end());
  for (int role : roles) n.client.add_roles(static_cast<cv1::Role>(role));
  n.client.set_rate_class(r.rate_class() == v1::RATE_CLASS_UNSPECIFIED ? v1::RATE_CLASS_STANDARD
                                                                        : r.rate_class());
  if (r.has_expires_at()) *n.client.mutable_expires_at() = r.expires_at();
  n.client.set_created_by(caller.subject());
  n.key_prefix = key->prefix;
  n.key_hash = key->hash;
  n.request_id = r.request_id();
  // Subjects are unique within a kind; a tenant admin's ids are theirs within their tenant.
  n.request_scope = absl::StrCat(cv1::PrincipalKind_Name(caller.kind()), ":", caller.subject(),
                                 IsPlatformAdmin(caller) ? "" : "@", IsPlatformAdmin(caller) ? "" : caller.tenant_id());
  v1::CreateApiClientRequest normalized = r;
  normalized.clear_tenant_ids();
  for (const auto& t : tenants) normalized.add_tenant_ids(t);
  normalized.clear_roles();
  for (int role : roles) normalized.add_roles(static_cast<cv1::Role>(role));
  normalized.set_rate_class(n.client.rate_class());
  n.request_fingerprint = idempotency::Fingerprint(normalized);

  auto created = repository_->Create(n);
  if (!created.ok()) return created.status();
  *response->mutable_api_client() = created->client;
  if (!created->replayed) response->set_api_key(key->key);
  return absl::OkStatus();
}

absl::Status ApiClientAdmin::List(const auth::Principal& caller, const v1::ListApiClientsRequest& r,
                                  v1::ListApiClientsResponse* response) {
  auto page_size = api::EffectivePageSize(r.page_size());
  if (!page_size.ok()) return page_size.status();
  ApiClientQuery q;
  q.include_revoked = r.include_revoked();
  q.limit = *page_size;
  std::string scope;
  if (IsPlatformAdmin(caller)) {
    if (!r.tenant_id().empty() && !IsValidTenantId(r.tenant_id())) {
      return status::InvalidArgument("TENANT_INVALID", "tenant_id must be a 5-digit NIS code");
    }
    q.tenant_id = r.tenant_id();
    scope = "*";
  } else {
    auto tenant = AdminTenant(caller);
    if (!tenant.ok()) return tenant.status();
    if (!r.tenant_id().empty() && r.tenant_id() != *tenant) {
      return status::PermissionDenied("TENANT_NOT_ALLOWED", "a tenant admin lists their own tenant only");
    }
    q.tenant_id = *tenant;
    scope = *tenant;
  }
  // The token is bound to who lists and with which filters (libs/api/page_token.h).
  const std::string fingerprint = absl::StrCat(q.tenant_id, "|", q.include_revoked ? "1" : "0");
  auto cursor = api::DecodePageToken(r.page_token(), scope, fingerprint);
  if (!cursor.ok()) return cursor.status();
  if (!cursor->empty()) {
    int64_t micros = 0;
    if (cursor->size() != 2 || !absl::SimpleAtoi((*cursor)[0], &micros)) {
      return status::InvalidArgument(api::kReasonPageTokenInvalid, "page_token is malformed");
    }
    q.after = std::make_pair(micros, (*cursor)[1]);
  }
  auto clients = repository_->List(q);
  if (!clients.ok()) return clients.status();
  const bool more = static_cast<int>(clients->size()) > q.limit;
  if (more) clients->resize(static_cast<std::size_t>(q.limit));
  if (more && !clients->empty()) {
    const auto& last = clients->back();
    response->set_next_page_token(
        api::EncodePageToken(scope, fingerprint, {std::to_string(CreatedAtMicros(last)), last.id()}));
  }
  for (auto& c : *clients) *response->add_api_clients() = std::move(c);
  return absl::OkStatus();
}

absl::Status ApiClientAdmin::Revoke(const auth::Principal& caller, const v1::RevokeApiClientRequest& r,
                                    v1::RevokeApiClientResponse* response) {
  if (Chars(r.reason()) > kMaxReasonChars) {
    return status::InvalidArgument("REASON_INVALID", "reason is at most 500 characters");
  }
  if (!IsPlatformAdmin(caller)) {
    if (auto tenant = AdminTenant(caller); !tenant.ok()) return tenant.status();
  }
  auto existing = repository_->Get(r.api_client_id());
  if (!existing.ok() && existing.status().code() != absl::StatusCode::kNotFound) {
    return existing.status();
  }
  // Another tenant's client answers exactly like a missing one: ids are not probed across tenants.
  if (!existing.ok() || !MaySee(caller, *existing)) {
    return status::NotFound("API_CLIENT_NOT_FOUND", "no API client with that id");
  }
  if (!MayRevoke(caller, *existing)) {
    return status::PermissionDenied("TENANT_NOT_ALLOWED",
                                    "this client is bound to other tenants too: a platform admin revokes it");
  }
  auto revoked = repository_->Revoke(r.api_client_id(), r.reason());
  if (!revoked.ok()) return revoked.status();
  if (keys_ != nullptr) keys_->Forget(revoked->id());
  *response->mutable_api_client() = std::move(*revoked);
  return absl::OkStatus();
}

}  // namespace meldpunt::gateway
