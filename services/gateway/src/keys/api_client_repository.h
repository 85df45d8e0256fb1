#pragma once
// Where API clients and their key hashes live. The admin logic and the key verifier see only this
// interface; PgApiClientRepository is the PostgreSQL implementation.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "meldpunt/gateway/v1/api_client.pb.h"

namespace meldpunt::gateway {

struct StoredApiClient {
  v1::ApiClient client;
  std::string key_hash;  // SHA-256 of the key
};

struct NewApiClient {
  // name, tenant_ids, roles, rate_class, expires_at and created_by are stored; the rest of the
  // message is output-only and filled by the store.
  v1::ApiClient client;
  std::string key_prefix;
  std::string key_hash;
  // Idempotency: request_id is unique within request_scope (who created it).
  std::string request_scope;
  std::string request_id;
  std::string request_fingerprint;
};

struct CreatedApiClient {
  v1::ApiClient client;
  bool replayed = false;  // an earlier call with the same creator, request_id and content
};

struct ApiClientQuery {
  std::string tenant_id;  // "": every tenant
  bool include_revoked = false;
  // Position after which to continue, newest first: (created_at in µs since epoch, id).
  std::optional<std::pair<int64_t, std::string>> after;
  int limit = 50;
};

class ApiClientRepository {
 public:
  virtual ~ApiClientRepository() = default;

  // ALREADY_EXISTS (REQUEST_ID_REUSED) when the creator used the request_id for other content.
  virtual absl::StatusOr<CreatedApiClient> Create(const NewApiClient& client) = 0;

  // nullopt when no client has that key prefix.
  virtual absl::StatusOr<std::optional<StoredApiClient>> FindByKeyPrefix(const std::string& prefix) = 0;

  // NOT_FOUND (API_CLIENT_NOT_FOUND) when there is no such client.
  virtual absl::StatusOr<v1::ApiClient> Get(const std::string& id) = 0;

  // Newest first; at most query.limit + 1 rows so the caller knows whether more follow.
  virtual absl::StatusOr<std::vector<v1::ApiClient>> List(const ApiClientQuery& query) = 0;

  // Sets revoked_at (once: revoking again keeps the first time and reason).
  virtual absl::StatusOr<v1::ApiClient> Revoke(const std::string& id, const std::string& reason) = 0;

  // Records a successful use; cheap when done within the last minute already.
  virtual absl::Status TouchLastUsed(const std::string& id) = 0;
};

// µs since the epoch of a client's created_at, the list cursor's first half.
int64_t CreatedAtMicros(const v1::ApiClient& client);

}  // namespace meldpunt::gateway
