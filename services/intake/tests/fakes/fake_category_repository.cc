#include "services/intake/tests/fakes/fake_category_repository.h"

#include <algorithm>
#include <tuple>

#include "absl/time/clock.h"
#include "libs/idempotency/request_log.h"
#include "libs/status/status.h"
#include "libs/time/conversions.h"

namespace meldpunt::intake::testing {
namespace {

constexpr char kMethod[] = "UpsertCategory";

google::protobuf::Timestamp Now() {
  return time::ToProto(absl::Now());
}

}  // namespace

absl::StatusOr<v1::Category> FakeCategoryRepository::Get(const std::string& tenant_id,
                                                         const std::string& code) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = categories_.find({tenant_id, code});
  if (it == categories_.end()) {
    return status::NotFound("CATEGORY_NOT_FOUND", "no category with that code");
  }
  return it->second;
}

absl::StatusOr<std::vector<v1::Category>> FakeCategoryRepository::List(const std::string& tenant_id,
                                                                       const CategoryQuery& q) {
  std::lock_guard<std::mutex> lock(mu_);
  ++list_calls_;
  last_query_ = q;
  std::vector<v1::Category> out;
  for (const auto& [key, c] : categories_) {
    if (key.first != tenant_id) continue;
    if (!q.include_inactive && !c.active()) continue;
    if (!q.group_code.empty() && c.group_code() != q.group_code) continue;
    if (q.after && std::make_pair(static_cast<int>(c.display_order()), c.code()) <= *q.after) continue;
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const v1::Category& a, const v1::Category& b) {
    return std::make_tuple(a.display_order(), a.code()) < std::make_tuple(b.display_order(), b.code());
  });
  if (static_cast<int>(out.size()) > q.limit + 1) out.resize(q.limit + 1);
  return out;
}

absl::StatusOr<UpsertResult> FakeCategoryRepository::Upsert(const std::string& tenant_id,
                                                            const v1::UpsertCategoryRequest& request) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string fingerprint = idempotency::Fingerprint(request);
  UpsertResult result;
  if (!request.request_id().empty()) {
    auto prior = log_.Begin(tenant_id, kMethod, request.request_id(), fingerprint);
    if (!prior.ok()) return prior.status();
    if (prior->has_value()) {
      v1::UpsertCategoryResponse stored;
      stored.ParseFromString(**prior);
      result.category = stored.category();
      result.created = stored.created();
      result.replayed = true;
      return result;
    }
  }
  v1::Category category = request.category();
  category.set_tenant_id(tenant_id);
  auto it = categories_.find({tenant_id, category.code()});
  result.created = it == categories_.end();
  *category.mutable_created_at() = result.created ? Now() : it->second.created_at();
  *category.mutable_updated_at() = Now();
  categories_[{tenant_id, category.code()}] = category;
  result.category = category;
  if (!request.request_id().empty()) {
    v1::UpsertCategoryResponse response;
    *response.mutable_category() = result.category;
    response.set_created(result.created);
    log_.Record(tenant_id, kMethod, request.request_id(), fingerprint, response.SerializeAsString());
  }
  return result;
}

void FakeCategoryRepository::Put(const std::string& tenant_id, const v1::Category& category) {
  std::lock_guard<std::mutex> lock(mu_);
  v1::Category c = category;
  c.set_tenant_id(tenant_id);
  *c.mutable_created_at() = Now();
  *c.mutable_updated_at() = Now();
  categories_[{tenant_id, c.code()}] = c;
}

int FakeCategoryRepository::list_calls() const {
  std::lock_guard<std::mutex> lock(mu_);
  return list_calls_;
}

CategoryQuery FakeCategoryRepository::last_query() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_query_;
}

}  // namespace meldpunt::intake::testing
