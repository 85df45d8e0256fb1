// Intake's category methods over real gRPC against a real, freshly migrated PostgreSQL, with
// principals signed the way the gateway signs them.
#include <gtest/gtest.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "libs/auth/authorize.h"
#include "libs/auth/principal.h"
#include "libs/auth/test_keys.h"
#include "libs/postgres/migrator.h"
#include "libs/server/grpc_server.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "libs/testing/test_database.h"
#include "migrations/idempotency.h"
#include "migrations/intake.h"
#include "services/intake/src/intake_service.h"
#include "services/intake/src/pg_category_repository.h"

namespace meldpunt::intake {
namespace {

namespace roles = common::v1;
constexpr char kSintTruiden[] = "71053";
constexpr char kHasselt[] = "71022";

class IntakeServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = meldpunt::testing::TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    ASSERT_TRUE(pg::Migrate(db_->dsn(), "idempotency", migrations::idempotency()).ok());
    ASSERT_TRUE(pg::Migrate(db_->dsn(), "intake", migrations::intake()).ok());
    pg::PoolOptions po;
    po.dsn = db_->dsn();
    po.size = 4;
    auto pool = pg::CreatePool(po);
    ASSERT_TRUE(pool.ok()) << pool.status();
    pool_ = std::move(*pool);

    auto keys = auth::testing::NewEd25519KeyPair();
    signer_ = std::move(*auth::PrincipalSigner::Create("gw1", keys.first));
    verifier_ = std::move(*auth::PrincipalVerifier::Create({{"gw1", keys.second}}));

    workers_ = std::make_unique<server::WorkerPool>(4, 64);
    runner_ = std::make_unique<server::UnaryRunner>(workers_.get(), server::DeadlinePolicy{},
                                                    "intake.meldpunt");
    repo_ = std::make_unique<PgCategoryRepository>(pool_.get());
    service_ = std::make_unique<IntakeServiceImpl>(runner_.get(), verifier_.get(), repo_.get());
    server::ServerOptions so;
    so.service_name = "intake";
    so.listen_host = "127.0.0.1";
    auto srv = server::GrpcServer::Start(so, {{v1::IntakeService::service_full_name(), service_.get()}},
                                         workers_.get(), nullptr, nullptr);
    ASSERT_TRUE(srv.ok()) << srv.status();
    server_ = std::move(*srv);
    stub_ = v1::IntakeService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  // A call context carrying a principal signed like the gateway's (or none when tenant is "").
  std::unique_ptr<grpc::ClientContext> As(const std::string& tenant, roles::Role role) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    if (tenant.empty()) return ctx;
    auth::Principal p;
    p.set_tenant_id(tenant);
    p.set_subject("tester");
    p.set_kind(roles::PRINCIPAL_KIND_STAFF);
    p.add_roles(role);
    p.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Minutes(5)));
    auth::AttachPrincipal(*ctx, *signer_->Sign(p));
    return ctx;
  }

  static v1::Category MakeCategory(const std::string& code, int order, bool active = true) {
    v1::Category c;
    c.set_code(code);
    auto* nl = c.add_names();
    nl->set_language(roles::LANGUAGE_NL);
    nl->set_text("Categorie " + code);
    c.set_active(active);
    c.set_display_order(order);
    c.set_group_code("openbaar-domein");
    return c;
  }

  grpc::Status Upsert(const std::string& tenant, const v1::Category& c, const std::string& request_id,
                      v1::UpsertCategoryResponse* resp, roles::Role role = roles::ROLE_TENANT_ADMIN) {
    v1::UpsertCategoryRequest req;
    req.set_request_id(request_id);
    *req.mutable_category() = c;
    return stub_->UpsertCategory(As(tenant, role).get(), req, resp);
  }

  static std::string Reason(const grpc::Status& s) { return status::Reason(status::FromGrpc(s)); }

  std::unique_ptr<meldpunt::testing::TestDatabase> db_;
  std::unique_ptr<pg::Pool> pool_;
  std::unique_ptr<auth::PrincipalSigner> signer_;
  std::unique_ptr<auth::PrincipalVerifier> verifier_;
  std::unique_ptr<server::WorkerPool> workers_;
  std::unique_ptr<server::UnaryRunner> runner_;
  std::unique_ptr<PgCategoryRepository> repo_;
  std::unique_ptr<IntakeServiceImpl> service_;
  std::unique_ptr<server::GrpcServer> server_;
  std::unique_ptr<v1::IntakeService::Stub> stub_;
};

TEST_F(IntakeServiceTest, CallsWithoutAValidPrincipalAreRefused) {
  v1::ListCategoriesRequest req;
  v1::ListCategoriesResponse resp;
  grpc::Status s = stub_->ListCategories(As("", roles::ROLE_CITIZEN).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "PRINCIPAL_MISSING");

  // Signed by a key intake does not trust: a caller bypassing the gateway with its own key.
  auto rogue_keys = auth::testing::NewEd25519KeyPair();
  auto rogue = std::move(*auth::PrincipalSigner::Create("gw1", rogue_keys.first));
  auth::Principal p;
  p.set_tenant_id(kSintTruiden);
  p.set_subject("x");
  p.add_roles(roles::ROLE_TENANT_ADMIN);
  p.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Minutes(5)));
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

TEST_F(IntakeServiceTest, ReportMethodsSayTheyAreNotImplementedYet) {
  v1::CreateReportRequest req;
  v1::CreateReportResponse resp;
  grpc::Status s = stub_->CreateReport(As(kSintTruiden, roles::ROLE_CITIZEN).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(Reason(s), "NOT_IMPLEMENTED");
}

}  // namespace
}  // namespace meldpunt::intake
