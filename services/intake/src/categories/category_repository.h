#pragma once
// Where categories live. The gRPC layer sees only this interface; PgCategoryRepository is the
// PostgreSQL implementation, tests may pass another.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "meldpunt/intake/v1/category.pb.h"
#include "meldpunt/intake/v1/intake_service.pb.h"

namespace meldpunt::intake {

struct CategoryQuery {
  bool include_inactive = false;
  std::string group_code;  // empty: all groups
  // Position after which to continue (display_order, code), from a page token.
  std::optional<std::pair<int, std::string>> after;
  int limit = 50;
};

struct UpsertResult {
  v1::Category category;
  bool created = false;
  bool replayed = false;  // same request_id and content as an earlier call: stored answer
};

class CategoryRepository {
 public:
  virtual ~CategoryRepository() = default;

  // NOT_FOUND (CATEGORY_NOT_FOUND) when the tenant has no such code.
  virtual absl::StatusOr<v1::Category> Get(const std::string& tenant_id, const std::string& code) = 0;

  // In display_order, then code; at most query.limit + 1 rows so the caller knows if more follow.
  virtual absl::StatusOr<std::vector<v1::Category>> List(const std::string& tenant_id,
                                                         const CategoryQuery& query) = 0;

  // Creates or replaces the category; idempotent on request.request_id (when given).
  virtual absl::StatusOr<UpsertResult> Upsert(const std::string& tenant_id,
                                              const v1::UpsertCategoryRequest& request) = 0;
};

}  // namespace meldpunt::intake
