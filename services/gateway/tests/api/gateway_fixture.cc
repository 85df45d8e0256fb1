#include "services/gateway/tests/api/gateway_fixture.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "absl/time/clock.h"
#include "libs/auth/authorize.h"
#include "libs/auth/test_keys.h"
#include "libs/postgres/migrator.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "migrations/events.h"
#include "migrations/gateway.h"
#include "migrations/idempotency.h"
#include "migrations/intake.h"
#include "services/gateway/src/admin/bootstrap_client.h"
#include "services/gateway/src/downstreams/downstream_status.h"

namespace meldpunt::gateway::testing {

grpc::ServerUnaryReactor* RecordingIdentity::Record(grpc::CallbackServerContext* ctx) {
  SeenCall seen;
  for (const auto& [k, v] : ctx->client_metadata()) {
    seen.metadata.emplace(std::string(k.data(), k.size()), std::string(v.data(), v.size()));
  }
  seen.deadline = ctx->deadline();
  {
    std::lock_guard<std::mutex> lock(mu_);
    last_ = std::move(seen);
    ++calls_;
  }
  auto* reactor = ctx->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* RecordingIdentity::GetSigningKeys(
    grpc::CallbackServerContext* ctx, const identity::v1::GetSigningKeysRequest*,
    identity::v1::GetSigningKeysResponse*) {
  return Record(ctx);
}

grpc::ServerUnaryReactor* RecordingIdentity::ResolveContacts(
    grpc::CallbackServerContext* ctx, const identity::v1::ResolveContactsRequest*,
    identity::v1::ResolveContactsResponse*) {
  return Record(ctx);
}

std::optional<SeenCall> RecordingIdentity::last() {
  std::lock_guard<std::mutex> lock(mu_);
  return last_;
}

int RecordingIdentity::calls() {
  std::lock_guard<std::mutex> lock(mu_);
  return calls_;
}

namespace {

std::unique_ptr<pg::Pool> Pool(const std::string& dsn) {
  pg::PoolOptions po;
  po.dsn = dsn;
  po.size = 4;
  auto pool = pg::CreatePool(po);
  EXPECT_TRUE(pool.ok()) << pool.status();
  return pool.ok() ? std::move(*pool) : nullptr;
}

}  // namespace

void GatewayEndToEndTest::SetUp() {
  // ---- stores
  auto idb = meldpunt::testing::TestDatabase::Create();
  ASSERT_TRUE(idb.ok()) << idb.status();
  intake_db_ = std::move(*idb);
  for (const auto& [component, files] : {std::make_pair("events", migrations::events()),
                                         std::make_pair("idempotency", migrations::idempotency()),
                                         std::make_pair("intake", migrations::intake())}) {
    auto migrated = pg::Migrate(intake_db_->dsn(), component, files);
    ASSERT_TRUE(migrated.ok()) << component << ": " << migrated.status();
  }
  auto gdb = meldpunt::testing::TestDatabase::Create();
  ASSERT_TRUE(gdb.ok()) << gdb.status();
  gateway_db_ = std::move(*gdb);
  auto migrated = pg::Migrate(gateway_db_->dsn(), "gateway", migrations::gateway());
  ASSERT_TRUE(migrated.ok()) << migrated.status();
  intake_pool_ = Pool(intake_db_->dsn());
  gateway_pool_ = Pool(gateway_db_->dsn());
  ASSERT_TRUE(intake_pool_ && gateway_pool_);
  auto r = meldpunt::testing::TestRedis::Create();
  ASSERT_TRUE(r.ok()) << r.status();
  redis_server_ = std::move(*r);
  redis_ = redis_server_->NewClient();

  // ---- keys
  principal_keys_ = auth::testing::NewEd25519KeyPair();
  principal_signer_ = std::move(*auth::PrincipalSigner::Create("gw1", principal_keys_.first));
  principal_verifier_ = std::move(*auth::PrincipalVerifier::Create({{"gw1", principal_keys_.second}}));
  auto token_keys = auth::testing::NewEd25519KeyPair();
  minter_ = std::make_unique<JwtMinter>("identity-1", "EdDSA", token_keys.first);
  auto tokens = JwtVerifier::Create({{"identity-1", token_keys.second}},
                                    {"meldpunt-identity", "meldpunt-gateway"});
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  tokens_ = std::move(*tokens);

  // ---- intake, trusting the gateway's public key
  auto intake_edge =
      meldpunt::testing::ServiceEdge::Create(LoopbackEdge("intake", principal_verifier_.get()));
  ASSERT_TRUE(intake_edge.ok()) << intake_edge.status();
  intake_edge_ = std::move(*intake_edge);
  categories_ = std::make_unique<intake::PgCategoryRepository>(intake_pool_.get());
  intake::IntakeServiceDeps deps;
  deps.calls = intake_edge_->calls();
  deps.categories = categories_.get();
  intake_ = std::make_unique<intake::IntakeServiceImpl>(std::move(deps));
  ASSERT_TRUE(intake_edge_->Serve(intake::v1::IntakeService::service_full_name(), intake_.get()).ok());

  identity_ = std::make_unique<RecordingIdentity>();
  auto identity_edge = ServeStandIn("identity", identity::v1::IdentityService::service_full_name(),
                                    identity_.get());
  ASSERT_TRUE(identity_edge.ok()) << identity_edge.status();
  identity_edge_ = std::move(*identity_edge);

  // ---- the gateway: intake and identity routed, the other services not configured
  clients_ = std::make_unique<PgApiClientRepository>(gateway_pool_.get());
  keys_ = std::make_unique<CachingApiKeyVerifier>(clients_.get(), ApiKeyCacheOptions{});
  limiter_ = std::make_unique<rate_limit::RedisRateLimiter>(redis_.get());
  auto limits = RateLimits::Parse("read.low=0.01/3");  // low clients: 3 reads, then nothing for 100 s
  ASSERT_TRUE(limits.ok());
  admission_ = std::make_unique<Admission>(keys_.get(), tokens_.get(), limiter_.get(), *limits);
  admin_ = std::make_unique<ApiClientAdmin>(clients_.get(), keys_.get());
  auto ds = Downstreams::Create(
      {{"intake", intake_edge_->address()}, {"identity", identity_edge_->address()}},
      1 << 20);
  ASSERT_TRUE(ds.ok()) << ds.status();
  downstreams_ = std::move(*ds);
  gateway_workers_ = std::make_unique<server::WorkerPool>(4, 64);
  const server::DeadlinePolicy deadlines{std::chrono::seconds(10), std::chrono::seconds(20)};
  gateway_runner_ = std::make_unique<server::UnaryRunner>(gateway_workers_.get(), deadlines,
                                                          kErrorDomain);
  admin_service_ = std::make_unique<AdminService>(gateway_runner_.get(), admission_.get(), admin_.get());
  ProxyOptions po;
  po.deadlines = deadlines;
  po.max_request_bytes = 64 << 10;
  // Uploads below the server's own cap (1 MiB here), as in production, so the proxy answers.
  po.max_media_bytes = (512 << 10) - (64 << 10);  // uploads at most 512 KiB
  proxy_ = std::make_unique<ProxyService>(po, downstreams_.get(), admission_.get(),
                                          principal_signer_.get(), gateway_workers_.get());
  server::ServerOptions gso = Loopback("gateway");
  // Dual stack where the machine has IPv6 loopback: a test can then call from a second peer
  // address ([::1] beside 127.0.0.1).
  ipv6_ = Ipv6LoopbackAvailable();
  if (ipv6_) gso.listen_host = "::";
  gso.max_receive_bytes = 1 << 20;
  gso.max_send_bytes = 1 << 20;
  auto gsrv = GatewayServer::Start(gso, {{v1::GatewayAdminService::service_full_name(), admin_service_.get()}},
                                   proxy_.get(), gateway_workers_.get(), nullptr, nullptr);
  ASSERT_TRUE(gsrv.ok()) << gsrv.status();
  gateway_ = std::move(*gsrv);
  health_ = std::make_unique<DownstreamHealthChecker>(downstreams_.get(), gateway_.get(),
                                                      std::chrono::hours(1), std::chrono::seconds(2));

  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(4 << 20);
  channel_ = grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(gateway_->port()),
                                       grpc::InsecureChannelCredentials(), args);
  intake_stub_ = intake::v1::IntakeService::NewStub(channel_);
  identity_stub_ = identity::v1::IdentityService::NewStub(channel_);
  dispatch_stub_ = dispatch::v1::DispatchService::NewStub(channel_);
  admin_stub_ = v1::GatewayAdminService::NewStub(channel_);
  health_stub_ = grpc::health::v1::Health::NewStub(channel_);

  // ---- clients, and one category per municipality, written through the gateway
  st_admin_ = NewClient("ST beheer", kSintTruiden, "tenant_admin");
  hs_admin_ = NewClient("Hasselt beheer", kHasselt, "tenant_admin");
  st_app_ = NewClient("Stadsapp Sint-Truiden", kSintTruiden, "integrator,citizen");
  hs_app_ = NewClient("Stadsapp Hasselt", kHasselt, "integrator,citizen");
  st_low_ = NewClient("Klein script", kSintTruiden, "integrator", "low");
  root_ = NewClient("platform", "71053,71022", "platform_admin");
  ASSERT_TRUE(UpsertCategory({st_admin_}, "sluikstort").ok());
  ASSERT_TRUE(UpsertCategory({hs_admin_}, "parkeren").ok());
  auto app = keys_->Verify(st_app_, absl::Now());
  ASSERT_TRUE(app.ok());
  st_app_id_ = app->id;
}

void GatewayEndToEndTest::TearDown() {
  if (health_) health_->Stop();
  if (gateway_) gateway_->Shutdown();
  if (identity_edge_) identity_edge_->Stop();
  if (intake_edge_) intake_edge_->Stop();
}

std::unique_ptr<grpc::ClientContext> GatewayEndToEndTest::Ctx(const Credentials& c) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  if (!c.api_key.empty()) ctx->AddMetadata("x-api-key", c.api_key);
  if (!c.bearer.empty()) ctx->AddMetadata("authorization", "Bearer " + c.bearer);
  if (!c.tenant.empty()) ctx->AddMetadata("x-meldpunt-tenant", c.tenant);
  return ctx;
}

std::string GatewayEndToEndTest::Token(const std::string& tenant, std::vector<std::string> roles,
                                       const std::string& subject) {
  TokenClaims c;
  c.tenant = tenant;
  c.roles = std::move(roles);
  c.sub = subject;
  return minter_->Mint(c);
}

std::string GatewayEndToEndTest::NewClient(const std::string& name, const std::string& tenants,
                                           const std::string& roles, const std::string& rate_class) {
  auto created = CreateBootstrapClient(clients_.get(), {name, tenants, roles, rate_class, ""});
  EXPECT_TRUE(created.ok()) << created.status();
  return created.ok() ? created->api_key() : "";
}

bool GatewayEndToEndTest::Ipv6LoopbackAvailable() {
  const int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in6 addr{};
  addr.sin6_family = AF_INET6;
  addr.sin6_addr = in6addr_loopback;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return ok;
}

std::string GatewayEndToEndTest::StolenPrincipal(const std::string& tenant, Role role) {
  auth::Principal p;
  p.set_tenant_id(tenant);
  p.set_subject("someone-else");
  p.set_kind(common::v1::PRINCIPAL_KIND_STAFF);
  p.add_roles(role);
  p.set_issuer("gateway");
  p.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Seconds(30)));
  return *principal_signer_->Sign(p);
}

grpc::Status GatewayEndToEndTest::UpsertCategory(const Credentials& c, const std::string& code) {
  intake::v1::UpsertCategoryRequest req;
  req.set_request_id("upsert-" + code);
  auto* cat = req.mutable_category();
  cat->set_code(code);
  auto* nl = cat->add_names();
  nl->set_language(common::v1::LANGUAGE_NL);
  nl->set_text("Categorie " + code);
  cat->set_active(true);
  cat->set_display_order(1);
  cat->set_group_code("openbaar-domein");
  intake::v1::UpsertCategoryResponse resp;
  return intake_stub_->UpsertCategory(Ctx(c).get(), req, &resp);
}

std::string GatewayEndToEndTest::Reason(const grpc::Status& s) {
  return status::Reason(status::FromGrpc(s));
}

std::string GatewayEndToEndTest::Domain(const grpc::Status& s) {
  return status::Details(status::FromGrpc(s)).domain;
}

std::string GatewayEndToEndTest::HealthOf(const std::string& service) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  grpc::health::v1::HealthCheckRequest req;
  req.set_service(service);
  grpc::health::v1::HealthCheckResponse resp;
  grpc::Status s = health_stub_->Check(&ctx, req, &resp);
  if (!s.ok()) return "ERROR " + std::to_string(s.error_code());
  return grpc::health::v1::HealthCheckResponse::ServingStatus_Name(resp.status());
}

}  // namespace meldpunt::gateway::testing
