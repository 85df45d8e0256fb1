// ListCategories, GetCategory and UpsertCategory at the gRPC edge, on the fake repositories: who
// may call, what is refused before the repository is asked, and what reaches it and comes back.
#include <gtest/gtest.h>

#include "services/intake/tests/api/api_fixture.h"

namespace meldpunt::intake::testing {
namespace {

using grpc::StatusCode;

class CategoryHandlersTest : public ApiTest {
 protected:
  static v1::UpsertCategoryRequest Upsert(const std::string& request_id, const v1::Category& c) {
    v1::UpsertCategoryRequest req;
    req.set_request_id(request_id);
    *req.mutable_category() = c;
    return req;
  }
};

TEST_F(CategoryHandlersTest, ListCategoriesNeedsAPrincipalWithARole) {
  v1::ListCategoriesRequest req;
  v1::ListCategoriesResponse resp;
  EXPECT_TRUE(Refused(stub_->ListCategories(ServiceHarness::Anonymous().get(), req, &resp),
                      StatusCode::UNAUTHENTICATED, "PRINCIPAL_MISSING"));
  EXPECT_TRUE(Refused(stub_->ListCategories(WithoutAllowedRole().get(), req, &resp),
                      StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED"));
  EXPECT_EQ(categories_.list_calls(), 0);
}

TEST_F(CategoryHandlersTest, ListCategoriesRefusesMalformedFiltersAndTokens) {
  v1::ListCategoriesRequest req;
  req.set_group_code("Not A Code");
  v1::ListCategoriesResponse resp;
  EXPECT_TRUE(Refused(stub_->ListCategories(harness_.AsCitizen(kSintTruiden, "c").get(), req, &resp),
                      StatusCode::INVALID_ARGUMENT, "CATEGORY_CODE_INVALID"));
  req.Clear();
  req.set_page_token("garbage");
  EXPECT_TRUE(Refused(stub_->ListCategories(harness_.AsCitizen(kSintTruiden, "c").get(), req, &resp),
                      StatusCode::INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"));
  req.Clear();
  req.set_page_size(-1);
  EXPECT_TRUE(Refused(stub_->ListCategories(harness_.AsCitizen(kSintTruiden, "c").get(), req, &resp),
                      StatusCode::INVALID_ARGUMENT, "PAGE_SIZE_INVALID"));
  EXPECT_EQ(categories_.list_calls(), 0);
}

TEST_F(CategoryHandlersTest, ListCategoriesPagesInDisplayOrderAndHidesInactiveFromCitizens) {
  v1::Category extra = MakeCategory("graffiti");
  extra.set_display_order(-1);  // before the others
  categories_.Put(kSintTruiden, extra);
  categories_.Put(kHasselt, MakeCategory("hasselts"));

  v1::ListCategoriesRequest req;
  req.set_page_size(2);
  req.set_include_inactive(true);  // not a citizen's to ask for
  v1::ListCategoriesResponse first;
  ASSERT_TRUE(stub_->ListCategories(harness_.AsCitizen(kSintTruiden, "c").get(), req, &first).ok());
  EXPECT_FALSE(categories_.last_query().include_inactive);
  ASSERT_EQ(first.categories_size(), 2);
  EXPECT_EQ(first.categories(0).code(), "graffiti");
  EXPECT_EQ(first.categories(1).code(), "drugsafval");
  ASSERT_FALSE(first.next_page_token().empty());

  req.set_page_token(first.next_page_token());
  v1::ListCategoriesResponse second;
  ASSERT_TRUE(stub_->ListCategories(harness_.AsCitizen(kSintTruiden, "c").get(), req, &second).ok());
  ASSERT_EQ(second.categories_size(), 1);
  EXPECT_EQ(second.categories(0).code(), "zwerfvuil");
  EXPECT_TRUE(second.next_page_token().empty());

  // Staff see the inactive one; Hasselt's stays Hasselt's.
  req.Clear();
  req.set_include_inactive(true);
  v1::ListCategoriesResponse staff;
  ASSERT_TRUE(stub_->ListCategories(harness_.As(kSintTruiden, roles::ROLE_COORDINATOR).get(), req,
                                    &staff).ok());
  EXPECT_TRUE(categories_.last_query().include_inactive);
  std::vector<std::string> codes;
  for (const auto& c : staff.categories()) codes.push_back(c.code());
  EXPECT_EQ(codes, (std::vector<std::string>{"graffiti", "drugsafval", "oud", "zwerfvuil"}));

  // A token is bound to its tenant.
  req.Clear();
  req.set_page_size(2);
  req.set_page_token(first.next_page_token());
  v1::ListCategoriesResponse other;
  EXPECT_TRUE(Refused(stub_->ListCategories(harness_.AsCitizen(kHasselt, "c").get(), req, &other),
                      StatusCode::INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"));
}

TEST_F(CategoryHandlersTest, GetCategory) {
  v1::GetCategoryRequest req;
  req.set_code("zwerfvuil");
  v1::GetCategoryResponse resp;
  EXPECT_TRUE(Refused(stub_->GetCategory(ServiceHarness::Anonymous().get(), req, &resp),
                      StatusCode::UNAUTHENTICATED, "PRINCIPAL_MISSING"));
  EXPECT_TRUE(Refused(stub_->GetCategory(WithoutAllowedRole().get(), req, &resp),
                      StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED"));

  req.set_code("NOT OK");
  EXPECT_TRUE(Refused(stub_->GetCategory(harness_.AsCitizen(kSintTruiden, "c").get(), req, &resp),
                      StatusCode::INVALID_ARGUMENT, "CATEGORY_CODE_INVALID"));

  req.set_code("zwerfvuil");
  ASSERT_TRUE(stub_->GetCategory(harness_.AsCitizen(kSintTruiden, "c").get(), req, &resp).ok());
  EXPECT_EQ(resp.category().code(), "zwerfvuil");
  EXPECT_EQ(resp.category().tenant_id(), kSintTruiden);
  EXPECT_EQ(resp.category().attributes_size(), 3);

  // Inactive: staff see it, citizens get the NOT_FOUND of a code that does not exist.
  req.set_code("oud");
  EXPECT_TRUE(Refused(stub_->GetCategory(harness_.AsCitizen(kSintTruiden, "c").get(), req, &resp),
                      StatusCode::NOT_FOUND, "CATEGORY_NOT_FOUND"));
  ASSERT_TRUE(stub_->GetCategory(harness_.As(kSintTruiden, roles::ROLE_WARDEN).get(), req, &resp).ok());
  EXPECT_FALSE(resp.category().active());
  req.set_code("zwerfvuil");
  EXPECT_TRUE(Refused(stub_->GetCategory(harness_.AsCitizen(kHasselt, "c").get(), req, &resp),
                      StatusCode::NOT_FOUND, "CATEGORY_NOT_FOUND"));
}

TEST_F(CategoryHandlersTest, UpsertCategoryIsForAdminsAndValidatesBeforeStoring) {
  v1::UpsertCategoryResponse resp;
  const auto req = Upsert("u-1", MakeCategory("glas"));
  EXPECT_TRUE(Refused(stub_->UpsertCategory(ServiceHarness::Anonymous().get(), req, &resp),
                      StatusCode::UNAUTHENTICATED, "PRINCIPAL_MISSING"));
  for (roles::Role role : {roles::ROLE_CITIZEN, roles::ROLE_COORDINATOR, roles::ROLE_SERVICE}) {
    EXPECT_TRUE(Refused(stub_->UpsertCategory(harness_.As(kSintTruiden, role).get(), req, &resp),
                        StatusCode::PERMISSION_DENIED, "ROLE_NOT_ALLOWED"))
        << roles::Role_Name(role);
  }
  v1::Category nameless = MakeCategory("glas");
  nameless.clear_names();
  EXPECT_TRUE(Refused(stub_->UpsertCategory(harness_.As(kSintTruiden, roles::ROLE_TENANT_ADMIN).get(),
                                            Upsert("u-2", nameless), &resp),
                      StatusCode::INVALID_ARGUMENT, "CATEGORY_NAME_REQUIRED"));
  EXPECT_FALSE(categories_.Get(kSintTruiden, "glas").ok());
}

TEST_F(CategoryHandlersTest, UpsertCategoryStoresForTheCallersTenantOnce) {
  v1::UpsertCategoryResponse first;
  ASSERT_TRUE(stub_->UpsertCategory(harness_.As(kHasselt, roles::ROLE_TENANT_ADMIN).get(),
                                    Upsert("u-1", MakeCategory("glas")), &first).ok());
  EXPECT_TRUE(first.created());
  EXPECT_EQ(first.category().tenant_id(), kHasselt);
  EXPECT_TRUE(categories_.Get(kHasselt, "glas").ok());
  EXPECT_FALSE(categories_.Get(kSintTruiden, "glas").ok());

  // The same request again: the same answer, still "created".
  v1::UpsertCategoryResponse again;
  ASSERT_TRUE(stub_->UpsertCategory(harness_.As(kHasselt, roles::ROLE_TENANT_ADMIN).get(),
                                    Upsert("u-1", MakeCategory("glas")), &again).ok());
  EXPECT_TRUE(again.created());
  // Its id for other content: refused.
  v1::UpsertCategoryResponse reused;
  EXPECT_TRUE(Refused(stub_->UpsertCategory(harness_.As(kHasselt, roles::ROLE_TENANT_ADMIN).get(),
                                            Upsert("u-1", MakeCategory("glas", true)), &reused),
                      StatusCode::ALREADY_EXISTS, "REQUEST_ID_REUSED"));
  // A new id replaces it.
  v1::UpsertCategoryResponse replaced;
  ASSERT_TRUE(stub_->UpsertCategory(harness_.As(kHasselt, roles::ROLE_PLATFORM_ADMIN).get(),
                                    Upsert("u-2", MakeCategory("glas", true)), &replaced).ok());
  EXPECT_FALSE(replaced.created());
  EXPECT_TRUE(replaced.category().sensitive());
}

}  // namespace
}  // namespace meldpunt::intake::testing
