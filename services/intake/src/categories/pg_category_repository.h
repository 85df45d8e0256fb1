#pragma once

#include <pqxx/row>
#include <pqxx/transaction>

#include "libs/postgres/pool.h"
#include "services/intake/src/categories/category_repository.h"

namespace meldpunt::intake {

// One category read inside the caller's transaction (already scoped to tenant_id). NOT_FOUND
// (CATEGORY_NOT_FOUND) when the tenant has no such code.
absl::StatusOr<v1::Category> ReadCategory(pqxx::work& tx, const std::string& tenant_id,
                                          const std::string& code);

// A category from three columns starting at row[first]: definition::text, and created_at and
// updated_at as epoch seconds (float8). NOT_FOUND (CATEGORY_NOT_FOUND) when the definition is
// NULL, i.e. an outer join found no category with the code.
absl::StatusOr<v1::Category> CategoryFromRow(const pqxx::row& row, int first,
                                             const std::string& tenant_id);

class PgCategoryRepository : public CategoryRepository {
 public:
  explicit PgCategoryRepository(pg::Pool* pool) : pool_(pool) {}

  absl::StatusOr<v1::Category> Get(const std::string& tenant_id, const std::string& code) override;
  absl::StatusOr<std::vector<v1::Category>> List(const std::string& tenant_id,
                                                 const CategoryQuery& query) override;
  absl::StatusOr<UpsertResult> Upsert(const std::string& tenant_id,
                                      const v1::UpsertCategoryRequest& request) override;

 private:
  pg::Pool* pool_;
};

}  // namespace meldpunt::intake
