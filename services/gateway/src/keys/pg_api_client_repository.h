#pragma once
// ApiClientRepository over the gateway's PostgreSQL database (migrations/0001_api_clients.sql).

#include "libs/postgres/pool.h"
#include "services/gateway/src/keys/api_client_repository.h"

namespace meldpunt::gateway {

class PgApiClientRepository final : public ApiClientRepository {
 public:
  explicit PgApiClientRepository(pg::Pool* pool) : pool_(pool) {}

  absl::StatusOr<CreatedApiClient> Create(const NewApiClient& client) override;
  absl::StatusOr<std::optional<StoredApiClient>> FindByKeyPrefix(const std::string& prefix) override;
  absl::StatusOr<v1::ApiClient> Get(const std::string& id) override;
  absl::StatusOr<std::vector<v1::ApiClient>> List(const ApiClientQuery& query) override;
  absl::StatusOr<v1::ApiClient> Revoke(const std::string& id, const std::string& reason) override;
  absl::Status TouchLastUsed(const std::string& id) override;

 private:
  pg::Pool* pool_;
};

}  // namespace meldpunt::gateway
