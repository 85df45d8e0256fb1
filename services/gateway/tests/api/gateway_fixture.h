#pragma once
// The gateway and the REAL intake service in one process on loopback, plus a recording stand-in
// for identity (to see exactly what reaches a service), each on fresh stores: intake and the
// gateway on their own PostgreSQL databases, the rate limiter on a Redis of the test's own.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "grpc/health/v1/health.grpc.pb.h"
#include "libs/auth/principal.h"
#include "libs/postgres/pool.h"
#include "libs/rate_limit/redis_rate_limiter.h"
#include "libs/redis/hiredis_client.h"
#include "libs/server/grpc_server.h"
#include "libs/testing/test_database.h"
#include "libs/testing/test_redis.h"
#include "meldpunt/dispatch/v1/dispatch_service.grpc.pb.h"
#include "meldpunt/gateway/v1/gateway_admin_service.grpc.pb.h"
#include "meldpunt/identity/v1/identity_service.grpc.pb.h"
#include "meldpunt/intake/v1/intake_service.grpc.pb.h"
#include "services/gateway/src/api/admin_service.h"
#include "services/gateway/src/api/gateway_server.h"
#include "services/gateway/src/downstreams/health_checker.h"
#include "services/gateway/src/tokens/jwt_verifier.h"
#include "services/gateway/src/keys/pg_api_client_repository.h"
#include "services/gateway/src/api/proxy_service.h"
#include "services/gateway/tests/support/jwt_minter.h"
#include "services/gateway/tests/support/loopback.h"
#include "services/intake/src/api/intake_service.h"
#include "services/intake/src/categories/pg_category_repository.h"

namespace meldpunt::gateway::testing {

inline constexpr char kSintTruiden[] = "71053";
inline constexpr char kHasselt[] = "71022";

// What one call looked like when it reached the identity stand-in.
struct SeenCall {
  std::multimap<std::string, std::string> metadata;
  std::chrono::system_clock::time_point deadline;
};

// Answers GetSigningKeys (and records it); other methods are left unimplemented.
class RecordingIdentity final : public identity::v1::IdentityService::CallbackService {
 public:
  grpc::ServerUnaryReactor* GetSigningKeys(grpc::CallbackServerContext* ctx,
                                           const identity::v1::GetSigningKeysRequest*,
                                           identity::v1::GetSigningKeysResponse*) override;
  grpc::ServerUnaryReactor* ResolveContacts(grpc::CallbackServerContext* ctx,
                                            const identity::v1::ResolveContactsRequest*,
                                            identity::v1::ResolveContactsResponse*) override;

  std::optional<SeenCall> last();
  int calls();

 private:
  grpc::ServerUnaryReactor* Record(grpc::CallbackServerContext* ctx);

  std::mutex mu_;
  std::optional<SeenCall> last_;
  int calls_ = 0;
};

struct Credentials {
  Credentials() = default;
  // Implicit on purpose: {key}, {"", token}, {key, token, tenant} read well at call sites.
  Credentials(std::string key, std::string token = "", std::string tenant_id = "")
      : api_key(std::move(key)), bearer(std::move(token)), tenant(std::move(tenant_id)) {}

  std::string api_key;
  std::string bearer;
  std::string tenant;  // x-meldpunt-tenant
};

class GatewayEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A context with these credentials and a 20 s deadline.
  std::unique_ptr<grpc::ClientContext> Ctx(const Credentials& c);
  // A person's bearer token (tenant, roles, subject), signed with the test token key.
  std::string Token(const std::string& tenant, std::vector<std::string> roles,
                    const std::string& subject = "person-1");
  // An API client made the way the CLI makes them; returns its key.
  std::string NewClient(const std::string& name, const std::string& tenants,
                        const std::string& roles, const std::string& rate_class = "high");
  // A principal signed with the gateway's own key, as a client might replay one it captured.
  std::string StolenPrincipal(const std::string& tenant, Role role);

  grpc::Status UpsertCategory(const Credentials& c, const std::string& code);
  static std::string Reason(const grpc::Status& s);
  static std::string Domain(const grpc::Status& s);

  std::string HealthOf(const std::string& service);

  // Whether [::1] can be bound here; the gateway then listens dual stack (ipv6_).
  static bool Ipv6LoopbackAvailable();
  bool ipv6_ = false;

  // Stores.
  std::unique_ptr<meldpunt::testing::TestDatabase> intake_db_, gateway_db_;
  std::unique_ptr<meldpunt::testing::TestRedis> redis_server_;
  std::unique_ptr<pg::Pool> intake_pool_, gateway_pool_;
  std::unique_ptr<redis::HiredisClient> redis_;

  // Keys: the gateway's principal key (services trust it), identity's token key.
  std::pair<std::string, std::string> principal_keys_;
  std::unique_ptr<auth::PrincipalVerifier> principal_verifier_;
  std::unique_ptr<auth::PrincipalSigner> principal_signer_;
  std::unique_ptr<JwtMinter> minter_;

  // Intake, real.
  std::unique_ptr<meldpunt::testing::ServiceEdge> intake_edge_;
  std::unique_ptr<intake::PgCategoryRepository> categories_;
  std::unique_ptr<intake::IntakeServiceImpl> intake_;

  // Identity stand-in.
  std::unique_ptr<meldpunt::testing::ServiceEdge> identity_edge_;
  std::unique_ptr<RecordingIdentity> identity_;

  // The gateway.
  std::unique_ptr<PgApiClientRepository> clients_;
  std::unique_ptr<CachingApiKeyVerifier> keys_;
  std::unique_ptr<JwtVerifier> tokens_;
  std::unique_ptr<rate_limit::RedisRateLimiter> limiter_;
  std::unique_ptr<Admission> admission_;
  std::unique_ptr<ApiClientAdmin> admin_;
  std::unique_ptr<Downstreams> downstreams_;
  std::unique_ptr<server::WorkerPool> gateway_workers_;
  std::unique_ptr<server::UnaryRunner> gateway_runner_;
  std::unique_ptr<AdminService> admin_service_;
  std::unique_ptr<ProxyService> proxy_;
  std::unique_ptr<GatewayServer> gateway_;
  std::unique_ptr<DownstreamHealthChecker> health_;

  // Clients of the gateway.
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<intake::v1::IntakeService::Stub> intake_stub_;
  std::unique_ptr<identity::v1::IdentityService::Stub> identity_stub_;
  std::unique_ptr<dispatch::v1::DispatchService::Stub> dispatch_stub_;
  std::unique_ptr<v1::GatewayAdminService::Stub> admin_stub_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_stub_;

  // Keys made in SetUp.
  std::string st_admin_, hs_admin_, st_app_, hs_app_, st_low_, root_;
  std::string st_app_id_;
};

}  // namespace meldpunt::gateway::testing
