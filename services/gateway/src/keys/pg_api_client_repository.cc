#include "services/gateway/src/keys/pg_api_client_repository.h"

#include <google/protobuf/util/time_util.h>
#include <pqxx/binarystring>
#include <pqxx/pqxx>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/events/uuid.h"
#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "sql/gateway.h"
#include "services/gateway/src/api/roles.h"

namespace meldpunt::gateway {
namespace {

using google::protobuf::util::TimeUtil;

// The statements are sql/keys/*.sql, all run unnamed as before. Times travel as µs since the
// epoch, arrays as comma-joined text; FromRow reads the column list they share.
namespace sql = meldpunt::sql::gateway;
using pg::ExecUnnamed;

std::string RateClassText(v1::RateClass rc) {
  switch (rc) {
    case v1::RATE_CLASS_LOW: return "low";
    case v1::RATE_CLASS_HIGH: return "high";
    default: return "standard";
  }
}

v1::RateClass RateClassFromText(const std::string& text) {
  if (text == "low") return v1::RATE_CLASS_LOW;
  if (text == "high") return v1::RATE_CLASS_HIGH;
  return v1::RATE_CLASS_STANDARD;
}

void SetMicros(const pqxx::field& f, google::protobuf::Timestamp* out) {
  *out = TimeUtil::MicrosecondsToTimestamp(f.as<int64_t>());
}

struct Row {
  v1::ApiClient client;
  std::string key_hash;
  std::string fingerprint;
};

Row FromRow(const pqxx::row& r) {
  Row row;
  v1::ApiClient& c = row.client;
  c.set_id(r[0].as<std::string>());
  c.set_name(r[1].as<std::string>());
  for (absl::string_view t : absl::StrSplit(r[2].as<std::string>(), ',', absl::SkipEmpty())) {
    c.add_tenant_ids(std::string(t));
  }
  for (absl::string_view name : absl::StrSplit(r[3].as<std::string>(), ',', absl::SkipEmpty())) {
    // A name this build does not know grants nothing; it is left out rather than guessed.
    if (auto role = RoleFromName(std::string_view(name.data(), name.size()))) c.add_roles(*role);
  }
  c.set_rate_class(RateClassFromText(r[4].as<std::string>()));
  c.set_key_prefix(r[5].as<std::string>());
  c.set_created_by(r[6].as<std::string>());
  SetMicros(r[7], c.mutable_created_at());
  if (!r[8].is_null()) SetMicros(r[8], c.mutable_expires_at());
  if (!r[9].is_null()) SetMicros(r[9], c.mutable_revoked_at());
  c.set_revoke_reason(r[10].as<std::string>());
  if (!r[11].is_null()) SetMicros(r[11], c.mutable_last_used_at());
  row.key_hash = pqxx::binarystring(r[12]).str();
  row.fingerprint = pqxx::binarystring(r[13]).str();
  return row;
}

absl::Status NotFound() {
  return status::NotFound("API_CLIENT_NOT_FOUND", "no API client with that id");
}

// The client of id as the admin API answers it; NOT_FOUND when there is none.
absl::Status ReadClient(pqxx::work& tx, const std::string& id, v1::ApiClient* out) {
  pqxx::result r = ExecUnnamed(tx, sql::select_api_client, id);
  if (r.empty()) return NotFound();
  *out = FromRow(r[0]).client;
  return absl::OkStatus();
}

}  // namespace

int64_t CreatedAtMicros(const v1::ApiClient& client) {
  return TimeUtil::TimestampToMicroseconds(client.created_at());
}

absl::StatusOr<CreatedApiClient> PgApiClientRepository::Create(const NewApiClient& n) {
  CreatedApiClient out;
  std::vector<std::string> roles;
  for (int r : n.client.roles()) roles.push_back(RoleName(static_cast<Role>(r)));
  const bool has_expiry = n.client.has_expires_at();
  const int64_t expires = has_expiry ? TimeUtil::TimestampToMicroseconds(n.client.expires_at()) : 0;
  absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
    // ON CONFLICT DO NOTHING waits for a concurrent insert of the same (scope, request_id) to
    // commit, so two racing retries both end in the branch below with the same row.
    pqxx::result r = ExecUnnamed(tx, sql::insert_api_client,
        n.client.name(), absl::StrJoin(n.client.tenant_ids(), ","), absl::StrJoin(roles, ","),
        RateClassText(n.client.rate_class()), n.key_prefix,
        pqxx::binarystring(n.key_hash.data(), n.key_hash.size()), n.client.created_by(),
        n.request_id, pqxx::binarystring(n.request_fingerprint.data(), n.request_fingerprint.size()),
        has_expiry, expires, n.request_scope);
    if (!r.empty()) {
      out.client = FromRow(r[0]).client;
      return absl::OkStatus();
    }
    pqxx::result prior =
        ExecUnnamed(tx, sql::select_api_client_by_request, n.request_scope, n.request_id);
    if (prior.empty()) {
      return status::Internal("API_CLIENT_CREATE", "an idempotent insert found no row");
    }
    Row row = FromRow(prior[0]);
    if (row.fingerprint != n.request_fingerprint) {
      return status::Error(absl::StatusCode::kAlreadyExists, "REQUEST_ID_REUSED",
                           "this request_id was already used for a request with other content");
    }
    out.client = std::move(row.client);
    out.replayed = true;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::optional<StoredApiClient>> PgApiClientRepository::FindByKeyPrefix(
    const std::string& prefix) {
  std::optional<StoredApiClient> out;
  absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result r = ExecUnnamed(tx, sql::select_api_client_by_prefix, prefix);
    if (r.empty()) return absl::OkStatus();
    Row row = FromRow(r[0]);
    out = StoredApiClient{std::move(row.client), std::move(row.key_hash)};
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<v1::ApiClient> PgApiClientRepository::Get(const std::string& id) {
  if (!events::IsUuid(id)) return NotFound();
  v1::ApiClient out;
  absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
    return ReadClient(tx, id, &out);
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<v1::ApiClient>> PgApiClientRepository::List(const ApiClientQuery& q) {
  std::vector<v1::ApiClient> out;
  absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result r = ExecUnnamed(tx, sql::list_api_clients,
        q.tenant_id, q.include_revoked, q.after.has_value(), q.after ? q.after->first : 0,
        q.after ? q.after->second : std::string("00000000-0000-0000-0000-000000000000"),
        q.limit + 1);
    for (const auto& row : r) out.push_back(FromRow(row).client);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<v1::ApiClient> PgApiClientRepository::Revoke(const std::string& id,
                                                            const std::string& reason) {
  if (!events::IsUuid(id)) return NotFound();
  v1::ApiClient out;
  absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
    ExecUnnamed(tx, sql::revoke_api_client, id, reason);
    return ReadClient(tx, id, &out);
  });
  if (!s.ok()) return s;
  return out;
}

absl::Status PgApiClientRepository::TouchLastUsed(const std::string& id) {
  if (!events::IsUuid(id)) return NotFound();
  return pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
    ExecUnnamed(tx, sql::touch_api_client, id);
    return absl::OkStatus();
  });
}

}  // namespace meldpunt::gateway
