#include "services/intake/src/categories/pg_category_repository.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>
#include <pqxx/pqxx>

#include "libs/auth/tenant_scope.h"
#include "libs/idempotency/request_log.h"
#include "libs/postgres/errors.h"
#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "sql/intake.h"

namespace meldpunt::intake {
namespace {

google::protobuf::Timestamp FromEpoch(double seconds) {
  return google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
      static_cast<int64_t>(seconds * 1e9));
}

}  // namespace

absl::StatusOr<v1::Category> CategoryFromRow(const pqxx::row& row, int first,
                                             const std::string& tenant_id) {
  if (row[first].is_null()) {
    return status::NotFound("CATEGORY_NOT_FOUND", "no category with that code");
  }
  v1::Category category;
  auto parsed =
      google::protobuf::util::JsonStringToMessage(row[first].as<std::string>(), &category);
  if (!parsed.ok()) {
    return status::Internal("CATEGORY_CORRUPT", "a stored category definition cannot be read");
  }
  category.set_tenant_id(tenant_id);
  *category.mutable_created_at() = FromEpoch(row[first + 1].as<double>());
  *category.mutable_updated_at() = FromEpoch(row[first + 2].as<double>());
  return category;
}

absl::StatusOr<v1::Category> ReadCategory(pqxx::work& tx, const std::string& tenant_id,
                                          const std::string& code) {
  pqxx::result r = pg::ExecUnnamed(tx, sql::intake::select_category, tenant_id, code);
  if (r.empty()) return status::NotFound("CATEGORY_NOT_FOUND", "no category with that code");
  return CategoryFromRow(r[0], 0, tenant_id);
}

absl::StatusOr<v1::Category> PgCategoryRepository::Get(const std::string& tenant_id,
                                                        const std::string& code) {
  v1::Category out;
  absl::Status s = auth::TransactInTenant(*pool_, tenant_id, [&](pqxx::work& tx) -> absl::Status {
    auto c = ReadCategory(tx, tenant_id, code);
    if (!c.ok()) return c.status();
    out = std::move(*c);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<v1::Category>> PgCategoryRepository::List(const std::string& tenant_id,
                                                                     const CategoryQuery& q) {
  std::vector<v1::Category> out;
  absl::Status s = auth::TransactInTenant(*pool_, tenant_id, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result r = pg::ExecUnnamed(
        tx, sql::intake::list_categories, tenant_id, q.include_inactive, q.group_code, q.after.has_value(),
        q.after ? q.after->first : 0, q.after ? q.after->second : std::string(), q.limit + 1);
    for (const auto& row : r) {
      auto c = CategoryFromRow(row, 0, tenant_id);
      if (!c.ok()) return c.status();
      out.push_back(std::move(*c));
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<UpsertResult> PgCategoryRepository::Upsert(const std::string& tenant_id,
                                                          const v1::UpsertCategoryRequest& request) {
  UpsertResult result;
  const std::string fingerprint = idempotency::Fingerprint(request);
  constexpr char kMethod[] = "UpsertCategory";

  // Only the definition is stored; output-only fields are the database's.
  v1::Category definition = request.category();
  definition.clear_tenant_id();
  definition.clear_created_at();
  definition.clear_updated_at();
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(definition, &json).ok()) {
    return status::Internal("CATEGORY_ENCODE", "cannot encode the category");
  }

  absl::Status s = auth::TransactInTenant(*pool_, tenant_id, [&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      auto prior = idempotency::BeginRequest(tx, tenant_id, kMethod, request.request_id(), fingerprint);
      if (!prior.ok()) return prior.status();
      if (prior->has_value()) {
        v1::UpsertCategoryResponse stored;
        if (!stored.ParseFromString(**prior)) {
          return status::Internal("REQUEST_LOG_CORRUPT", "a stored response cannot be read");
        }
        result.category = stored.category();
        result.created = stored.created();
        result.replayed = true;
        return absl::OkStatus();
      }
    }
    pqxx::result r = pg::ExecUnnamed(
        tx, sql::intake::upsert_category, tenant_id, definition.code(), definition.active(), definition.group_code(),
        definition.display_order(), json);
    auto c = CategoryFromRow(r[0], 0, tenant_id);
    if (!c.ok()) return c.status();
    result.category = std::move(*c);
    result.created = r[0][3].as<bool>();  // xmax = 0: the row was inserted, not updated
    if (!request.request_id().empty()) {
      v1::UpsertCategoryResponse response;
      *response.mutable_category() = result.category;
      response.set_created(result.created);
      return idempotency::RecordResponse(tx, tenant_id, kMethod, request.request_id(), fingerprint,
                                         response.SerializeAsString());
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return result;
}

}  // namespace meldpunt::intake
