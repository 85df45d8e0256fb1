#include "services/intake/src/api/intake_service.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/api/page_token.h"
#include "libs/auth/authorize.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "services/intake/src/api/page.h"
#include "services/intake/src/categories/category_validation.h"

namespace meldpunt::intake {
namespace {

using common::v1::Role;
namespace roles = common::v1;

// Everyone who may see the catalogue: citizens choose from it, staff and systems use it.
constexpr std::initializer_list<Role> kCatalogueReaders = {
    roles::ROLE_CITIZEN,     roles::ROLE_WARDEN,           roles::ROLE_FRONT_OFFICE,
    roles::ROLE_COORDINATOR, roles::ROLE_DEPARTMENT_AGENT, roles::ROLE_ANALYST,
    roles::ROLE_TENANT_ADMIN, roles::ROLE_INTEGRATOR,      roles::ROLE_PLATFORM_ADMIN,
    roles::ROLE_SERVICE};

bool IsStaff(const auth::Principal& p) {
  for (int role : p.roles()) {
    if (role != roles::ROLE_CITIZEN) return true;
  }
  return false;
}

}  // namespace

grpc::ServerUnaryReactor* IntakeServiceImpl::ListCategories(grpc::CallbackServerContext* ctx,
                                                            const v1::ListCategoriesRequest* req,
                                                            v1::ListCategoriesResponse* resp) {
  return deps_.runner->Run(ctx, [=](const server::CallInfo&) -> absl::Status {
    auto principal = auth::AuthorizeCall(*ctx, *deps_.verifier, absl::Now(), kCatalogueReaders);
    if (!principal.ok()) return principal.status();
    auto page_size = api::EffectivePageSize(req->page_size());
    if (!page_size.ok()) return page_size.status();
    if (!req->group_code().empty() && !IsValidCode(req->group_code())) {
      return status::InvalidArgument("CATEGORY_CODE_INVALID", "group_code is malformed");
    }
    CategoryQuery query;
    query.include_inactive = req->include_inactive() && IsStaff(*principal);
    query.group_code = req->group_code();
    query.limit = *page_size;
    // The token is bound to the filters it was issued for.
    const std::string fingerprint =
        absl::StrCat("categories/", query.include_inactive ? 1 : 0, "/", query.group_code);
    auto cursor = api::DecodePageToken(req->page_token(), principal->tenant_id(), fingerprint);
    if (!cursor.ok()) return cursor.status();
    if (!cursor->empty()) {
      int order = 0;
      if (cursor->size() != 2 || !absl::SimpleAtoi((*cursor)[0], &order)) {
        return status::InvalidArgument(api::kReasonPageTokenInvalid, "page_token is malformed");
      }
      query.after = std::make_pair(order, (*cursor)[1]);
    }
    auto categories = deps_.categories->List(principal->tenant_id(), query);
    if (!categories.ok()) return categories.status();
    if (TakePage(*categories, query.limit, resp->mutable_categories())) {
      const auto& last = resp->categories(resp->categories_size() - 1);
      resp->set_next_page_token(api::EncodePageToken(
          principal->tenant_id(), fingerprint, {absl::StrCat(last.display_order()), last.code()}));
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IntakeServiceImpl::GetCategory(grpc::CallbackServerContext* ctx,
                                                         const v1::GetCategoryRequest* req,
                                                         v1::GetCategoryResponse* resp) {
  return deps_.runner->Run(ctx, [=](const server::CallInfo&) -> absl::Status {
    auto principal = auth::AuthorizeCall(*ctx, *deps_.verifier, absl::Now(), kCatalogueReaders);
    if (!principal.ok()) return principal.status();
    if (!IsValidCode(req->code())) {
      return status::InvalidArgument("CATEGORY_CODE_INVALID", "code is malformed");
    }
    auto category = deps_.categories->Get(principal->tenant_id(), req->code());
    if (!category.ok()) return category.status();
    if (!category->active() && !IsStaff(*principal)) {
      // Citizens see inactive categories only through their old reports.
      return status::NotFound("CATEGORY_NOT_FOUND", "no category with that code");
    }
    *resp->mutable_category() = std::move(*category);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IntakeServiceImpl::UpsertCategory(grpc::CallbackServerContext* ctx,
                                                            const v1::UpsertCategoryRequest* req,
                                                            v1::UpsertCategoryResponse* resp) {
  return deps_.runner->Run(ctx, [=](const server::CallInfo&) -> absl::Status {
    auto principal = auth::AuthorizeCall(*ctx, *deps_.verifier, absl::Now(),
                                         {roles::ROLE_TENANT_ADMIN, roles::ROLE_PLATFORM_ADMIN});
    if (!principal.ok()) return principal.status();
    if (absl::Status valid = ValidateCategory(req->category()); !valid.ok()) return valid;
    auto result = deps_.categories->Upsert(principal->tenant_id(), *req);
    if (!result.ok()) return result.status();
    *resp->mutable_category() = std::move(result->category);
    resp->set_created(result->created);
    return absl::OkStatus();
  });
}

}  // namespace meldpunt::intake
