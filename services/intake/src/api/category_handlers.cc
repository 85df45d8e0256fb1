#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/api/page_token.h"
#include "libs/auth/roles.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "services/intake/src/api/caller_rules.h"
#include "services/intake/src/api/intake_service.h"
#include "services/intake/src/api/page.h"
#include "services/intake/src/categories/category_validation.h"

namespace meldpunt::intake {
absl::Status IntakeServiceImpl::HandleListCategories(const server::AuthorizedCall& call,
                                                     const v1::ListCategoriesRequest* req,
                                                     v1::ListCategoriesResponse* resp) const {
  auto page_size = api::EffectivePageSize(req->page_size());
  if (!page_size.ok()) return page_size.status();
  if (!req->group_code().empty() && !IsValidCode(req->group_code())) {
    return status::InvalidArgument("CATEGORY_CODE_INVALID", "group_code is malformed");
  }
  CategoryQuery query;
  query.include_inactive = req->include_inactive() && auth::IsStaffCaller(call.principal);
  query.group_code = req->group_code();
  query.limit = *page_size;
  // The token is bound to the filters it was issued for.
  const std::string fingerprint =
      absl::StrCat("categories/", query.include_inactive ? 1 : 0, "/", query.group_code);
  auto cursor = api::DecodePageToken(req->page_token(), call.principal.tenant_id(), fingerprint);
  if (!cursor.ok()) return cursor.status();
  if (!cursor->empty()) {
    int order = 0;
    if (cursor->size() != 2 || !absl::SimpleAtoi((*cursor)[0], &order)) {
      return status::InvalidArgument(api::kReasonPageTokenInvalid, "page_token is malformed");
    }
    query.after = std::make_pair(order, (*cursor)[1]);
  }
  auto categories = deps_.categories->List(call.principal.tenant_id(), query);
  if (!categories.ok()) return categories.status();
  if (TakePage(*categories, query.limit, resp->mutable_categories())) {
    const auto& last = resp->categories(resp->categories_size() - 1);
    resp->set_next_page_token(api::EncodePageToken(
        call.principal.tenant_id(), fingerprint, {absl::StrCat(last.display_order()), last.code()}));
  }
  return absl::OkStatus();
}

absl::Status IntakeServiceImpl::HandleGetCategory(const server::AuthorizedCall& call,
                                                  const v1::GetCategoryRequest* req,
                                                  v1::GetCategoryResponse* resp) const {
  if (!IsValidCode(req->code())) {
    return status::InvalidArgument("CATEGORY_CODE_INVALID", "code is malformed");
  }
  auto category = deps_.categories->Get(call.principal.tenant_id(), req->code());
  if (!category.ok()) return category.status();
  if (!category->active() && !auth::IsStaffCaller(call.principal)) {
    // Citizens see inactive categories only through their old reports.
    return status::NotFound("CATEGORY_NOT_FOUND", "no category with that code");
  }
  *resp->mutable_category() = std::move(*category);
  return absl::OkStatus();
}

absl::Status IntakeServiceImpl::HandleUpsertCategory(const server::AuthorizedCall& call,
                                                     const v1::UpsertCategoryRequest* req,
                                                     v1::UpsertCategoryResponse* resp) const {
  if (absl::Status valid = ValidateCategory(req->category()); !valid.ok()) return valid;
  auto result = deps_.categories->Upsert(call.principal.tenant_id(), *req);
  if (!result.ok()) return result.status();
  *resp->mutable_category() = std::move(result->category);
  resp->set_created(result->created);
  return absl::OkStatus();
}

}  // namespace meldpunt::intake
