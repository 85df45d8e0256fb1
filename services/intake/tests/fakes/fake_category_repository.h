#pragma once
// CategoryRepository in memory, for the handler tests. Keeps PgCategoryRepository's contract:
// categories per tenant, NOT_FOUND (CATEGORY_NOT_FOUND) for an unknown code, the list in
// (display_order, code) order with at most limit + 1 rows, and Upsert idempotent on request_id.

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "services/intake/src/categories/category_repository.h"
#include "services/intake/tests/fakes/fake_request_log.h"

namespace meldpunt::intake::testing {

class FakeCategoryRepository final : public CategoryRepository {
 public:
  absl::StatusOr<v1::Category> Get(const std::string& tenant_id, const std::string& code) override;
  absl::StatusOr<std::vector<v1::Category>> List(const std::string& tenant_id,
                                                 const CategoryQuery& query) override;
  absl::StatusOr<UpsertResult> Upsert(const std::string& tenant_id,
                                      const v1::UpsertCategoryRequest& request) override;

  // Stores category for the tenant directly, as an earlier Upsert would have.
  void Put(const std::string& tenant_id, const v1::Category& category);

  // How many times List was called with which query (the last one).
  int list_calls() const;
  CategoryQuery last_query() const;

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, v1::Category> categories_;  // (tenant, code)
  FakeRequestLog log_;
  int list_calls_ = 0;
  CategoryQuery last_query_;
};

}  // namespace meldpunt::intake::testing
