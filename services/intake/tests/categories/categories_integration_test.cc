// Intake's category methods over real gRPC against a real, freshly migrated PostgreSQL, with
// principals signed the way the gateway signs them.
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "libs/auth/authorize.h"
#include "libs/auth/test_keys.h"
#include "services/intake/tests/intake_fixture.h"

namespace meldpunt::intake::testing {
namespace {

class IntakeServiceTest : public IntakeTest {
 protected:
  grpc::Status Upsert(const std::string& tenant, const v1::Category& c, const std::string& request_id,
                      v1::UpsertCategoryResponse* resp, roles::Role role = roles::ROLE_TENANT_ADMIN) {
    v1::UpsertCategoryRequest req;
    req.set_request_id(request_id);
    *req.mutable_category() = c;
    return stub_->UpsertCategory(As(tenant, role).get(), req, resp);
  }

  static v1::Category MakeCategory(const std::string& code, int order, bool active = true) {
    v1::Category c = PlainCategory(code);
    c.set_active(active);
    c.set_display_order(order);
    c.set_group_code("openbaar-domein");
    return c;
  }
};

TEST_F(IntakeServiceTest, CallsWithoutAValidPrincipalAreRefused) {
  v1::ListCategoriesRequest req;
  v1::ListCategoriesResponse resp;
  grpc::Status s = stub_->ListCategories(ServiceHarness::Anonymous().get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "PRINCIPAL_MISSING");

  // Signed by a key intake does not trust: a caller bypassing the gateway with its own key.
  auto rogue_keys = auth::testing::NewEd25519KeyPair();
  auto rogue = std::move(*auth::PrincipalSigner::Create("gw1", rogue_keys.first));
  auth::Principal p;
  p.set_tenant_id(kSintTruiden);
  p.set_subject("x");
  p.add_roles(roles::ROLE_TENANT_ADMIN);
  p.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Seconds(30)));
  grpc::ClientContext ctx;
  auth::AttachPrincipal(ctx, *rogue->Sign(p));
  s = stub_->ListCategories(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "PRINCIPAL_BAD_SIGNATURE");
}

TEST_F(IntakeServiceTest, OnlyTenantAdminsUpsert) {
  v1::UpsertCategoryResponse resp;
  for (auto role : {roles::ROLE_CITIZEN, roles::ROLE_COORDINATOR, roles::ROLE_INTEGRATOR}) {
    grpc::Status s = Upsert(kSintTruiden, MakeCategory("zwerfvuil", 1), "r-role", &resp, role);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << role;
    EXPECT_EQ(Reason(s), "ROLE_NOT_ALLOWED");
  }
  ASSERT_TRUE(Upsert(kSintTruiden, MakeCategory("zwerfvuil", 1), "r1", &resp).ok());
  EXPECT_TRUE(resp.created());
  EXPECT_EQ(resp.category().tenant_id(), kSintTruiden);
  EXPECT_TRUE(resp.category().has_created_at());
}

TEST_F(IntakeServiceTest, UpsertIsIdempotentOnRequestId) {
  v1::UpsertCategoryResponse first, again, reused, changed;
  ASSERT_TRUE(Upsert(kSintTruiden, MakeCategory("graffiti", 3), "req-1", &first).ok());
  ASSERT_TRUE(Upsert(kSintTruiden, MakeCategory("graffiti", 3), "req-1", &again).ok());
  EXPECT_TRUE(again.created());  // the stored answer of the first call, not a second "update"
  EXPECT_EQ(again.category().updated_at().seconds(), first.category().updated_at().seconds());
  EXPECT_EQ(again.category().updated_at().nanos(), first.category().updated_at().nanos());

  grpc::Status s = Upsert(kSintTruiden, MakeCategory("graffiti", 4), "req-1", &reused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Reason(s), "REQUEST_ID_REUSED");

  ASSERT_TRUE(Upsert(kSintTruiden, MakeCategory("graffiti", 4), "req-2", &changed).ok());
  EXPECT_FALSE(changed.created());
  EXPECT_EQ(changed.category().display_order(), 4);
}

TEST_F(IntakeServiceTest, BadInputIsRefusedWithAReason) {
  v1::UpsertCategoryResponse resp;
  v1::Category c = MakeCategory("ok-code", 1);
  c.clear_names();
  EXPECT_EQ(Reason(Upsert(kSintTruiden, c, "r", &resp)), "CATEGORY_NAME_REQUIRED");
  EXPECT_EQ(Reason(Upsert(kSintTruiden, MakeCategory("NOT OK", 1), "r", &resp)),
            "CATEGORY_CODE_INVALID");
  EXPECT_EQ(Reason(Upsert(kSintTruiden, MakeCategory("fine", 1), std::string(200, 'x'), &resp)),
            "REQUEST_ID_INVALID");
  v1::GetCategoryRequest get;
  get.set_code("'; SELECT 1; --");
  v1::GetCategoryResponse got;
  EXPECT_EQ(Reason(stub_->GetCategory(As(kSintTruiden, roles::ROLE_CITIZEN).get(), get, &got)),
            "CATEGORY_CODE_INVALID");
}

TEST_F(IntakeServiceTest, TenantsNeverSeeEachOthersCategories) {
  v1::UpsertCategoryResponse resp;
  ASSERT_TRUE(Upsert(kSintTruiden, MakeCategory("sluikstort", 1), "a", &resp).ok());
  ASSERT_TRUE(Upsert(kHasselt, MakeCategory("parkeren", 1), "a", &resp).ok());

  v1::GetCategoryRequest get;
  get.set_code("sluikstort");
  v1::GetCategoryResponse got;
  EXPECT_TRUE(stub_->GetCategory(As(kSintTruiden, roles::ROLE_CITIZEN).get(), get, &got).ok());
  grpc::Status s = stub_->GetCategory(As(kHasselt, roles::ROLE_TENANT_ADMIN).get(), get, &got);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);

  v1::ListCategoriesRequest list;
  v1::ListCategoriesResponse listed;
  ASSERT_TRUE(stub_->ListCategories(As(kHasselt, roles::ROLE_CITIZEN).get(), list, &listed).ok());
  ASSERT_EQ(listed.categories_size(), 1);
  EXPECT_EQ(listed.categories(0).code(), "parkeren");

  // Hasselt upserting Sint-Truiden's code creates its own, leaving Sint-Truiden's untouched.
  ASSERT_TRUE(Upsert(kHasselt, MakeCategory("sluikstort", 9), "b", &resp).ok());
  EXPECT_TRUE(resp.created());
  ASSERT_TRUE(stub_->GetCategory(As(kSintTruiden, roles::ROLE_CITIZEN).get(), get, &got).ok());
  EXPECT_EQ(got.category().display_order(), 1);
}

TEST_F(IntakeServiceTest, ListPagesInStableOrderAndRefusesForeignTokens) {
  v1::UpsertCategoryResponse resp;
  const std::vector<std::string> codes = {"e-five", "a-one", "d-four", "b-two", "c-three"};
  for (std::size_t i = 0; i < codes.size(); ++i) {
    ASSERT_TRUE(Upsert(kSintTruiden, MakeCategory(codes[i], i % 2), "u" + codes[i], &resp).ok());
  }
  ASSERT_TRUE(Upsert(kSintTruiden, MakeCategory("z-inactive", 0, false), "uz", &resp).ok());

  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    v1::ListCategoriesRequest req;
    req.set_page_size(2);
    req.set_page_token(token);
    v1::ListCategoriesResponse page;
    grpc::Status s = stub_->ListCategories(As(kSintTruiden, roles::ROLE_CITIZEN).get(), req, &page);
    ASSERT_TRUE(s.ok()) << s.error_message();
    for (const auto& c : page.categories()) seen.push_back(c.code());
    token = page.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  // display_order 0: e-five, d-four, c-three; order 1: a-one, b-two. Inactive hidden from citizens.
  EXPECT_EQ(seen, (std::vector<std::string>{"c-three", "d-four", "e-five", "a-one", "b-two"}));
  EXPECT_EQ(pages, 3);

  v1::ListCategoriesRequest staff;
  staff.set_include_inactive(true);
  v1::ListCategoriesResponse all;
  ASSERT_TRUE(stub_->ListCategories(As(kSintTruiden, roles::ROLE_COORDINATOR).get(), staff, &all).ok());
  EXPECT_EQ(all.categories_size(), 6);

  v1::ListCategoriesRequest first;
  first.set_page_size(2);
  v1::ListCategoriesResponse page;
  ASSERT_TRUE(stub_->ListCategories(As(kSintTruiden, roles::ROLE_CITIZEN).get(), first, &page).ok());
  v1::ListCategoriesRequest foreign;
  foreign.set_page_token(page.next_page_token());
  grpc::Status s = stub_->ListCategories(As(kHasselt, roles::ROLE_CITIZEN).get(), foreign, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Reason(s), "PAGE_TOKEN_INVALID");
  foreign.set_page_token("bm90LWEtdG9rZW4");
  EXPECT_EQ(Reason(stub_->ListCategories(As(kSintTruiden, roles::ROLE_CITIZEN).get(), foreign, &page)),
            "PAGE_TOKEN_INVALID");
}

}  // namespace
}  // namespace meldpunt::intake::testing
