// API clients against a real, freshly migrated PostgreSQL: creation (key shown once, hash kept),
// verification with its cache, revocation, idempotency, and how tenant admins are scoped.
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "libs/postgres/migrator.h"
#include "libs/postgres/pool.h"
#include "libs/status/status.h"
#include "libs/testing/test_database.h"
#include "migrations/gateway.h"
#include "services/gateway/src/keys/api_client_admin.h"
#include "services/gateway/src/keys/api_key_verifier.h"
#include "services/gateway/src/admin/bootstrap_client.h"
#include "services/gateway/src/keys/pg_api_client_repository.h"

namespace meldpunt::gateway {
namespace {

namespace cv1 = common::v1;
constexpr char kSintTruiden[] = "71053";
constexpr char kHasselt[] = "71022";

auth::Principal Admin(const std::string& tenant, cv1::Role role = cv1::ROLE_TENANT_ADMIN,
                      const std::string& subject = "admin-1") {
  auth::Principal p;
  p.set_tenant_id(tenant);
  p.set_subject(subject);
  p.set_kind(cv1::PRINCIPAL_KIND_STAFF);
  p.add_roles(role);
  return p;
}

v1::CreateApiClientRequest Request(const std::string& request_id, const std::string& name,
                                   std::vector<std::string> tenants,
                                   std::vector<cv1::Role> roles = {cv1::ROLE_INTEGRATOR}) {
  v1::CreateApiClientRequest r;
  r.set_request_id(request_id);
  r.set_name(name);
  for (auto& t : tenants) r.add_tenant_ids(t);
  for (auto role : roles) r.add_roles(role);
  return r;
}

class GatewayApiClientsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = meldpunt::testing::TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    auto migrated = pg::Migrate(db_->dsn(), "gateway", migrations::gateway());
    ASSERT_TRUE(migrated.ok()) << migrated.status();
    pg::PoolOptions po;
    po.dsn = db_->dsn();
    po.size = 2;
    auto pool = pg::CreatePool(po);
    ASSERT_TRUE(pool.ok()) << pool.status();
    pool_ = std::move(*pool);
    repo_ = std::make_unique<PgApiClientRepository>(pool_.get());
    keys_ = std::make_unique<CachingApiKeyVerifier>(repo_.get(), ApiKeyCacheOptions{absl::Seconds(5), 100});
    admin_ = std::make_unique<ApiClientAdmin>(repo_.get(), keys_.get());
  }

  v1::CreateApiClientResponse Create(const auth::Principal& caller, const v1::CreateApiClientRequest& r) {
    v1::CreateApiClientResponse resp;
    absl::Status s = admin_->Create(caller, r, &resp);
    EXPECT_TRUE(s.ok()) << s;
    return resp;
  }

  std::string Scalar(const std::string& sql) {
    pqxx::connection c(db_->dsn());
    pqxx::work tx(c);
    return tx.exec1(sql)[0].as<std::string>();
  }

  std::unique_ptr<meldpunt::testing::TestDatabase> db_;
  std::unique_ptr<pg::Pool> pool_;
  std::unique_ptr<PgApiClientRepository> repo_;
  std::unique_ptr<CachingApiKeyVerifier> keys_;
  std::unique_ptr<ApiClientAdmin> admin_;
};

TEST_F(GatewayApiClientsTest, TheKeyIsShownOnceStoredHashedAndVerifies) {
  auto created = Create(Admin(kSintTruiden), Request("r1", "Stadsapp backend", {kSintTruiden},
                                                     {cv1::ROLE_INTEGRATOR, cv1::ROLE_CITIZEN}));
  const std::string key = created.api_key();
  ASSERT_FALSE(key.empty());
  const v1::ApiClient& c = created.api_client();
  EXPECT_FALSE(c.id().empty());
  EXPECT_EQ(c.rate_class(), v1::RATE_CLASS_STANDARD);
  EXPECT_EQ(c.created_by(), "admin-1");
  EXPECT_EQ(key.rfind(c.key_prefix(), 0), 0u);
  EXPECT_TRUE(c.has_created_at());

  // Nothing stored contains the key or its secret part.
  const std::string secret = key.substr(c.key_prefix().size() + 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM api_clients WHERE position('" + secret +
                   "' in api_clients::text) > 0"),
            "0");
  EXPECT_EQ(Scalar("SELECT octet_length(key_hash) FROM api_clients"), "32");

  auto verified = keys_->Verify(key, absl::Now());
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(verified->id, c.id());
  EXPECT_EQ(verified->tenant_ids, std::vector<std::string>{kSintTruiden});
  EXPECT_EQ(verified->roles, (std::vector<Role>{cv1::ROLE_CITIZEN, cv1::ROLE_INTEGRATOR}));
  EXPECT_EQ(Scalar("SELECT count(*) FROM api_clients WHERE last_used_at IS NOT NULL"), "1");

  // Right prefix, wrong secret; a key of the right form that was never issued.
  std::string wrong = key;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  EXPECT_EQ(status::Reason(keys_->Verify(wrong, absl::Now()).status()), "API_KEY_INVALID");
  EXPECT_EQ(status::Reason(keys_->Verify("mpk_000000000000_" + std::string(64, 'a'), absl::Now()).status()),
            "API_KEY_INVALID");
  EXPECT_EQ(status::Reason(keys_->Verify("hunter2", absl::Now()).status()), "API_KEY_MALFORMED");
}

TEST_F(GatewayApiClientsTest, CreateIsIdempotentOnRequestId) {
  const auto req = Request("same-id", "TOPdesk connector", {kSintTruiden});
  auto first = Create(Admin(kSintTruiden), req);
  auto again = Create(Admin(kSintTruiden), req);
  EXPECT_EQ(again.api_client().id(), first.api_client().id());
  EXPECT_TRUE(again.api_key().empty());  // only the hash was kept
  // The first key still works; no second client was made.
  EXPECT_TRUE(keys_->Verify(first.api_key(), absl::Now()).ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM api_clients"), "1");

  v1::CreateApiClientResponse resp;
  absl::Status reused = admin_->Create(Admin(kSintTruiden), Request("same-id", "Other name", {kSintTruiden}), &resp);
  EXPECT_EQ(reused.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(status::Reason(reused), "REQUEST_ID_REUSED");
  // Another creator's request id is their own.
  auto other = Create(Admin(kSintTruiden, cv1::ROLE_TENANT_ADMIN, "admin-2"), req);
  EXPECT_NE(other.api_client().id(), first.api_client().id());
  EXPECT_FALSE(other.api_key().empty());
}

TEST_F(GatewayApiClientsTest, RevocationStopsTheKey) {
  auto created = Create(Admin(kSintTruiden), Request("r", "app", {kSintTruiden}));
  const absl::Time now = absl::Now();
  ASSERT_TRUE(keys_->Verify(created.api_key(), now).ok());

  // A second gateway replica that verified (and cached) the key before the revocation.
  CachingApiKeyVerifier replica(repo_.get(), {absl::Seconds(5), 100});
  ASSERT_TRUE(replica.Verify(created.api_key(), now).ok());

  v1::RevokeApiClientRequest revoke;
  revoke.set_api_client_id(created.api_client().id());
  revoke.set_reason("laptop stolen");
  v1::RevokeApiClientResponse revoked;
  ASSERT_TRUE(admin_->Revoke(Admin(kSintTruiden), revoke, &revoked).ok());
  EXPECT_TRUE(revoked.api_client().has_revoked_at());
  EXPECT_EQ(revoked.api_client().revoke_reason(), "laptop stolen");

  // This replica forgot it at once.
  EXPECT_EQ(status::Reason(keys_->Verify(created.api_key(), now).status()), "API_KEY_REVOKED");
  // The other still trusts its cache until the TTL has passed, then reads the row again.
  EXPECT_TRUE(replica.Verify(created.api_key(), now + absl::Seconds(4)).ok());
  EXPECT_EQ(status::Reason(replica.Verify(created.api_key(), now + absl::Seconds(5)).status()),
            "API_KEY_REVOKED");

  // Revoking again keeps the first time and reason.
  revoke.set_reason("again");
  v1::RevokeApiClientResponse twice;
  ASSERT_TRUE(admin_->Revoke(Admin(kSintTruiden), revoke, &twice).ok());
  EXPECT_EQ(twice.api_client().revoke_reason(), "laptop stolen");
}

TEST_F(GatewayApiClientsTest, ExpiredKeysAreRefused) {
  auto req = Request("r", "temporary", {kSintTruiden});
  req.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Hours(1)));
  auto created = Create(Admin(kSintTruiden), req);
  EXPECT_TRUE(keys_->Verify(created.api_key(), absl::Now()).ok());
  EXPECT_EQ(status::Reason(keys_->Verify(created.api_key(), absl::Now() + absl::Hours(2)).status()),
            "API_KEY_EXPIRED");
  req.set_request_id("r2");
  req.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(absl::Now() - absl::Hours(1)));
  v1::CreateApiClientResponse resp;
  EXPECT_EQ(status::Reason(admin_->Create(Admin(kSintTruiden), req, &resp)), "EXPIRES_AT_INVALID");
}

TEST_F(GatewayApiClientsTest, TenantAdminsStayInTheirTenant) {
  v1::CreateApiClientResponse resp;
  absl::Status s = admin_->Create(Admin(kHasselt), Request("x", "sneaky", {kSintTruiden}), &resp);
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(status::Reason(s), "TENANT_NOT_ALLOWED");
  s = admin_->Create(Admin(kHasselt), Request("y", "both", {kHasselt, kSintTruiden}), &resp);
  EXPECT_EQ(status::Reason(s), "TENANT_NOT_ALLOWED");
  s = admin_->Create(Admin(kHasselt), Request("z", "root", {kHasselt}, {cv1::ROLE_PLATFORM_ADMIN}), &resp);
  EXPECT_EQ(status::Reason(s), "ROLE_NOT_GRANTABLE");
  s = admin_->Create(Admin(kHasselt, cv1::ROLE_PLATFORM_ADMIN), Request("w", "svc", {kHasselt}, {cv1::ROLE_SERVICE}), &resp);
  EXPECT_EQ(status::Reason(s), "ROLES_INVALID");

  auto st = Create(Admin(kSintTruiden), Request("a", "st app", {kSintTruiden}));
  auto hs = Create(Admin(kHasselt), Request("a", "hs app", {kHasselt}));
  auto shared = Create(Admin("", cv1::ROLE_PLATFORM_ADMIN, "root"),
                       Request("a", "provincial GIS", {kHasselt, kSintTruiden}));

  // Hasselt sees its own and the shared one, never Sint-Truiden's.
  v1::ListApiClientsRequest list;
  v1::ListApiClientsResponse listed;
  ASSERT_TRUE(admin_->List(Admin(kHasselt), list, &listed).ok());
  std::set<std::string> names;
  for (const auto& c : listed.api_clients()) names.insert(c.name());
  EXPECT_EQ(names, (std::set<std::string>{"hs app", "provincial GIS"}));
  list.set_tenant_id(kSintTruiden);
  EXPECT_EQ(status::Reason(admin_->List(Admin(kHasselt), list, &listed)), "TENANT_NOT_ALLOWED");

  // Hasselt cannot revoke Sint-Truiden's client (it does not exist for Hasselt), nor the shared one.
  v1::RevokeApiClientRequest revoke;
  v1::RevokeApiClientResponse revoked;
  revoke.set_api_client_id(st.api_client().id());
  s = admin_->Revoke(Admin(kHasselt), revoke, &revoked);
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  revoke.set_api_client_id(shared.api_client().id());
  EXPECT_EQ(status::Reason(admin_->Revoke(Admin(kHasselt), revoke, &revoked)), "TENANT_NOT_ALLOWED");
  revoke.set_api_client_id("not-a-uuid");
  EXPECT_EQ(admin_->Revoke(Admin(kHasselt), revoke, &revoked).code(), absl::StatusCode::kNotFound);
  revoke.set_api_client_id(hs.api_client().id());
  EXPECT_TRUE(admin_->Revoke(Admin(kHasselt), revoke, &revoked).ok());
}

TEST_F(GatewayApiClientsTest, PlatformAdminsListEverythingNewestFirstInPages) {
  const auto root = Admin("", cv1::ROLE_PLATFORM_ADMIN, "root");
  std::vector<std::string> made;
  for (int i = 0; i < 5; ++i) {
    made.push_back(Create(root, Request("p" + std::to_string(i), "client " + std::to_string(i),
                                        {i % 2 ? kHasselt : kSintTruiden}))
                       .api_client()
                       .id());
  }
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    v1::ListApiClientsRequest req;
    req.set_page_size(2);
    req.set_page_token(token);
    v1::ListApiClientsResponse page;
    absl::Status s = admin_->List(root, req, &page);
    ASSERT_TRUE(s.ok()) << s << " page " << pages << " token " << token;
    for (const auto& c : page.api_clients()) seen.push_back(c.id());
    token = page.next_page_token();
  } while (!token.empty() && ++pages < 10);
  EXPECT_EQ(seen, std::vector<std::string>(made.rbegin(), made.rend()));

  v1::ListApiClientsRequest only;
  only.set_tenant_id(kHasselt);
  v1::ListApiClientsResponse hasselt;
  ASSERT_TRUE(admin_->List(root, only, &hasselt).ok());
  EXPECT_EQ(hasselt.api_clients_size(), 2);

  // A page token issued for one query is refused for another.
  v1::ListApiClientsRequest first;
  first.set_page_size(1);
  v1::ListApiClientsResponse p1;
  ASSERT_TRUE(admin_->List(root, first, &p1).ok());
  v1::ListApiClientsRequest foreign;
  foreign.set_page_token(p1.next_page_token());
  v1::ListApiClientsResponse p2;
  EXPECT_EQ(status::Reason(admin_->List(Admin(kSintTruiden), foreign, &p2)), "PAGE_TOKEN_INVALID");
}

TEST_F(GatewayApiClientsTest, TheCommandLineBootstrapsAClient) {
  auto created = CreateBootstrapClient(repo_.get(), {"app-backend", "71053", "integrator,citizen", "high", ""});
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->api_client().created_by(), "cli");
  EXPECT_EQ(created->api_client().rate_class(), v1::RATE_CLASS_HIGH);
  EXPECT_TRUE(keys_->Verify(created->api_key(), absl::Now()).ok());
  auto root = CreateBootstrapClient(repo_.get(), {"root", "71053,71022", "platform_admin", "", "boot-1"});
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(root->api_client().tenant_ids_size(), 2);
  auto again = CreateBootstrapClient(repo_.get(), {"root", "71053,71022", "platform_admin", "", "boot-1"});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->api_key().empty());
  EXPECT_FALSE(CreateBootstrapClient(repo_.get(), {"x", "71053", "wizard", "", ""}).ok());
  EXPECT_FALSE(CreateBootstrapClient(repo_.get(), {"x", "Sint-Truiden", "integrator", "", ""}).ok());
}

}  // namespace
}  // namespace meldpunt::gateway
