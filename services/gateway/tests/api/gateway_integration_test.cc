// Calls through the gateway into the real intake service (and a recording identity stand-in):
// authentication, policy, tenant isolation, stripping of client metadata, propagation, size caps,
// rate limits, health and administration, as a client of the public endpoint sees them.
#include <atomic>
#include <cstdio>
#include <thread>

#include <gtest/gtest.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/byte_buffer.h>

#include "absl/time/clock.h"
#include "libs/auth/test_keys.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "services/gateway/tests/api/gateway_fixture.h"

namespace meldpunt::gateway::testing {
namespace {

namespace cv1 = common::v1;
using intake::v1::GetCategoryRequest;
using intake::v1::GetCategoryResponse;
using intake::v1::ListCategoriesRequest;
using intake::v1::ListCategoriesResponse;

std::vector<std::string> Codes(const ListCategoriesResponse& r) {
  std::vector<std::string> out;
  for (const auto& c : r.categories()) out.push_back(c.code());
  return out;
}

class GatewayE2eTest : public GatewayEndToEndTest {
 protected:
  grpc::Status List(const Credentials& c, ListCategoriesResponse* out = nullptr) {
    ListCategoriesRequest req;
    ListCategoriesResponse resp;
    grpc::Status s = intake_stub_->ListCategories(Ctx(c).get(), req, &resp);
    if (out != nullptr) *out = resp;
    return s;
  }
  grpc::Status Get(const Credentials& c, const std::string& code) {
    GetCategoryRequest req;
    req.set_code(code);
    GetCategoryResponse resp;
    return intake_stub_->GetCategory(Ctx(c).get(), req, &resp);
  }
  grpc::Status SigningKeys(grpc::ClientContext* ctx) {
    identity::v1::GetSigningKeysRequest req;
    identity::v1::GetSigningKeysResponse resp;
    return identity_stub_->GetSigningKeys(ctx, req, &resp);
  }
};

TEST_F(GatewayE2eTest, NoOrBadCredentialsAreUnauthenticated) {
  grpc::Status s = List({});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "CREDENTIALS_MISSING");
  EXPECT_EQ(Domain(s), "gateway.meldpunt");
  EXPECT_EQ(Reason(List({"mpk_000000000000_" + std::string(64, '0')})), "API_KEY_INVALID");
  EXPECT_EQ(Reason(List({"not-a-key"})), "API_KEY_MALFORMED");
  EXPECT_EQ(Reason(List({"", "garbage"})), "TOKEN_MALFORMED");
  // A token signed by someone else's key.
  JwtMinter forger("identity-1", "EdDSA", auth::testing::NewEd25519KeyPair().first);
  TokenClaims claims;
  s = List({"", forger.Mint(claims)});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "TOKEN_BAD_SIGNATURE");
}

TEST_F(GatewayE2eTest, AnApiKeyOrAPersonsTokenReachesIntake) {
  ListCategoriesResponse listed;
  ASSERT_TRUE(List({st_app_}, &listed).ok());
  EXPECT_EQ(Codes(listed), std::vector<std::string>{"sluikstort"});
  // The app acting for a signed-in citizen, and the citizen alone.
  const std::string citizen = Token(kSintTruiden, {"citizen"}, "c-1");
  grpc::Status s = List({st_app_, citizen}, &listed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Codes(listed), std::vector<std::string>{"sluikstort"});
  ASSERT_TRUE(List({"", citizen}, &listed).ok());
  EXPECT_TRUE(Get({"", Token(kSintTruiden, {"coordinator"})}, "sluikstort").ok());
  // The ApiKey spelling of the authorization header works as well.
  auto ctx = Ctx({});
  ctx->AddMetadata("authorization", "ApiKey " + st_app_);
  ListCategoriesRequest req;
  EXPECT_TRUE(intake_stub_->ListCategories(ctx.get(), req, &listed).ok());
}

TEST_F(GatewayE2eTest, AWrongRoleIsPermissionDenied) {
  grpc::Status s = UpsertCategory({st_app_}, "graffiti");  // integrator, citizen
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(s), "ROLE_NOT_ALLOWED");
  EXPECT_EQ(Domain(s), "gateway.meldpunt");  // refused at the gateway, intake never asked
  s = UpsertCategory({"", Token(kSintTruiden, {"coordinator"})}, "graffiti");
  EXPECT_EQ(Reason(s), "ROLE_NOT_ALLOWED");
  s = UpsertCategory({st_app_, Token(kSintTruiden, {"citizen"})}, "graffiti");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(s), "CITIZEN_NOT_ALLOWED");
  EXPECT_TRUE(UpsertCategory({"", Token(kSintTruiden, {"tenant_admin"})}, "graffiti").ok());
}

TEST_F(GatewayE2eTest, HasseltCannotReadSintTruidensCategories) {
  ListCategoriesResponse listed;
  ASSERT_TRUE(List({hs_app_}, &listed).ok());
  EXPECT_EQ(Codes(listed), std::vector<std::string>{"parkeren"});
  grpc::Status s = Get({hs_app_}, "sluikstort");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Reason(s), "CATEGORY_NOT_FOUND");  // intake's answer, relayed unchanged
  EXPECT_EQ(Domain(s), "intake.meldpunt");

  // Naming Sint-Truiden does not help a client bound to Hasselt.
  s = List({hs_app_, "", kSintTruiden});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reason(s), "TENANT_NOT_ALLOWED");
  // Nor a Sint-Truiden citizen's token through Hasselt's app.
  s = List({hs_app_, Token(kSintTruiden, {"citizen"})});
  EXPECT_EQ(Reason(s), "TOKEN_TENANT_MISMATCH");
  // A Hasselt citizen on their own sees Hasselt only.
  const std::string hs_citizen = Token(kHasselt, {"citizen"}, "c-h");
  ASSERT_TRUE(List({"", hs_citizen}, &listed).ok());
  EXPECT_EQ(Codes(listed), std::vector<std::string>{"parkeren"});
  EXPECT_EQ(Get({"", hs_citizen}, "sluikstort").error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Reason(List({"", hs_citizen, kSintTruiden})), "TENANT_NOT_ALLOWED");
  // A Hasselt admin's write lands in Hasselt: Sint-Truiden's category stays as it was.
  ASSERT_TRUE(UpsertCategory({hs_admin_}, "sluikstort").ok());
  ASSERT_TRUE(List({st_app_}, &listed).ok());
  ASSERT_EQ(listed.categories_size(), 1);
  EXPECT_EQ(listed.categories(0).tenant_id(), kSintTruiden);
}

TEST_F(GatewayE2eTest, APrincipalSmuggledByTheClientIsStripped) {
  // A valid principal signed with the gateway's own key (captured somewhere, replayed): Sint-Truiden
  // tenant admin. Sent by Hasselt's app, it must change nothing.
  const std::string stolen = StolenPrincipal(kSintTruiden, cv1::ROLE_TENANT_ADMIN);
  auto ctx = Ctx({hs_app_});
  ctx->AddMetadata("x-meldpunt-principal-bin", stolen);
  GetCategoryRequest get;
  get.set_code("sluikstort");
  GetCategoryResponse got;
  grpc::Status s = intake_stub_->GetCategory(ctx.get(), get, &got);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
  EXPECT_EQ(Reason(s), "CATEGORY_NOT_FOUND");  // not PRINCIPAL_AMBIGUOUS: only the gateway's arrived

  auto write = Ctx({hs_app_});
  write->AddMetadata("x-meldpunt-principal-bin", stolen);
  intake::v1::UpsertCategoryRequest up;
  up.set_request_id("smuggle");
  up.mutable_category()->set_code("sluikstort");
  intake::v1::UpsertCategoryResponse upr;
  EXPECT_EQ(Reason(intake_stub_->UpsertCategory(write.get(), up, &upr)), "ROLE_NOT_ALLOWED");

  // What a service actually receives: exactly one principal, the gateway's, for the caller.
  auto seen_ctx = Ctx({st_app_, "", kSintTruiden});
  seen_ctx->AddMetadata("x-meldpunt-principal-bin", stolen);
  seen_ctx->AddMetadata("x-meldpunt-internal-flag", "1");
  seen_ctx->AddMetadata("x-custom", "hello");
  ASSERT_TRUE(SigningKeys(seen_ctx.get()).ok());
  auto seen = identity_->last();
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->metadata.count("x-meldpunt-principal-bin"), 1u);
  for (const char* stripped : {"x-api-key", "authorization", "x-meldpunt-tenant",
                               "x-meldpunt-internal-flag", "x-custom"}) {
    EXPECT_EQ(seen->metadata.count(stripped), 0u) << stripped;
  }
  auto principal = principal_verifier_->Verify(seen->metadata.find("x-meldpunt-principal-bin")->second,
                                               absl::Now());
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->subject(), st_app_id_);
  EXPECT_EQ(principal->tenant_id(), kSintTruiden);
  EXPECT_EQ(principal->kind(), cv1::PRINCIPAL_KIND_API_CLIENT);
  EXPECT_EQ(principal->issuer(), "gateway");
  // Bound to the service it went to: identity's copy is useless at intake.
  EXPECT_EQ(principal->audience(), "identity");
}

TEST_F(GatewayE2eTest, InternalUnknownStreamingAndUnroutedMethods) {
  identity::v1::ResolveContactsRequest rc;
  identity::v1::ResolveContactsResponse rcr;
  for (const std::string& key : {root_, st_app_, st_admin_}) {
    grpc::Status s = identity_stub_->ResolveContacts(Ctx({key}).get(), rc, &rcr);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(Reason(s), "METHOD_NOT_PUBLIC");
  }
  EXPECT_EQ(identity_->calls(), 0);  // it never reached identity

  grpc::GenericStub generic(channel_);
  grpc::Slice empty_message("");
  grpc::ByteBuffer in(&empty_message, 1), out;
  grpc::Status unknown;
  {
    auto ctx = Ctx({st_app_});
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    generic.UnaryCall(ctx.get(), "/meldpunt.intake.v1.IntakeService/DropAllTables", grpc::StubOptions(),
                      &in, &out, [&](grpc::Status s) {
                        std::lock_guard<std::mutex> lock(mu);
                        unknown = s;
                        done = true;
                        cv.notify_all();
                      });
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(20), [&] { return done; }));
  }
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(Reason(unknown), "METHOD_UNKNOWN");

  dispatch::v1::WatchAssignmentsRequest watch;
  auto watch_ctx = Ctx({"", Token(kSintTruiden, {"coordinator"})});
  auto reader = dispatch_stub_->WatchAssignments(watch_ctx.get(), watch);
  dispatch::v1::WatchAssignmentsResponse event;
  EXPECT_FALSE(reader->Read(&event));
  grpc::Status streamed = reader->Finish();
  EXPECT_EQ(streamed.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(Reason(streamed), "STREAMING_NOT_SUPPORTED");

  dispatch::v1::ListInboxRequest inbox;
  dispatch::v1::ListInboxResponse inbox_resp;
  grpc::Status s = dispatch_stub_->ListInbox(Ctx({"", Token(kSintTruiden, {"coordinator"})}).get(),
                                             inbox, &inbox_resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Reason(s), "SERVICE_NOT_CONFIGURED");
}

TEST_F(GatewayE2eTest, RequestIdAndDeadlineArePropagated) {
  auto ctx = Ctx({st_app_});
  ctx->AddMetadata("x-request-id", "e2e-req-42");
  const auto client_deadline = std::chrono::system_clock::now() + std::chrono::seconds(7);
  ctx->set_deadline(client_deadline);
  ASSERT_TRUE(SigningKeys(ctx.get()).ok());
  auto seen = identity_->last();
  ASSERT_TRUE(seen.has_value());
  auto id = seen->metadata.find("x-request-id");
  ASSERT_NE(id, seen->metadata.end());
  EXPECT_EQ(id->second, "e2e-req-42");
  EXPECT_EQ(seen->metadata.count("x-request-id"), 1u);
  auto answered = ctx->GetServerInitialMetadata().find("x-request-id");
  ASSERT_NE(answered, ctx->GetServerInitialMetadata().end());
  EXPECT_EQ(std::string(answered->second.data(), answered->second.size()), "e2e-req-42");
  // gRPC carries deadlines as a rounded relative timeout, so each hop may add a few ms.
  EXPECT_LE(seen->deadline, client_deadline + std::chrono::milliseconds(100));
  EXPECT_GT(seen->deadline, std::chrono::system_clock::now());
  // The principal lives no longer than the call (plus the clock-skew allowance).
  auto principal = principal_verifier_->Verify(seen->metadata.find("x-meldpunt-principal-bin")->second,
                                               absl::Now());
  ASSERT_TRUE(principal.ok());
  EXPECT_LE(principal->expires_at().seconds(),
            absl::ToUnixSeconds(absl::FromChrono(client_deadline) + absl::Seconds(6)));


  // No deadline from the client: the gateway's default applies onward, no more than its cap.
  grpc::ClientContext bare;
  bare.AddMetadata("x-api-key", st_app_);
  const auto before = std::chrono::system_clock::now();
  ASSERT_TRUE(SigningKeys(&bare).ok());
  seen = identity_->last();
  EXPECT_LE(seen->deadline, before + std::chrono::seconds(11));
  EXPECT_GT(seen->deadline, before + std::chrono::seconds(5));
  // A long deadline does not make a long-lived principal: 10 s, plus 5 s for clock differences.
  grpc::ClientContext patient;
  patient.AddMetadata("x-api-key", st_app_);
  patient.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(50));
  ASSERT_TRUE(SigningKeys(&patient).ok());
  seen = identity_->last();
  auto short_lived = principal_verifier_->Verify(
      seen->metadata.find("x-meldpunt-principal-bin")->second, absl::Now());
  ASSERT_TRUE(short_lived.ok()) << short_lived.status();
  EXPECT_LE(short_lived->expires_at().seconds(), absl::ToUnixSeconds(absl::Now() + absl::Seconds(16)));
  // A malformed id from a client is replaced, never forwarded.
  grpc::ClientContext odd;
  odd.AddMetadata("x-api-key", st_app_);
  odd.AddMetadata("x-request-id", "bad id with spaces");
  ASSERT_TRUE(SigningKeys(&odd).ok());
  seen = identity_->last();
  EXPECT_NE(seen->metadata.find("x-request-id")->second, "bad id with spaces");
}

TEST_F(GatewayE2eTest, OversizedRequestsAreRefused) {
  ListCategoriesRequest req;
  req.GetReflection()->MutableUnknownFields(&req)->AddLengthDelimited(999, std::string(100 << 10, 'x'));
  ListCategoriesResponse resp;
  grpc::Status s = intake_stub_->ListCategories(Ctx({st_app_}).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Reason(s), "REQUEST_TOO_LARGE");
  // Beyond the server's own cap gRPC refuses it before any handler runs.
  ListCategoriesRequest huge;
  huge.GetReflection()->MutableUnknownFields(&huge)->AddLengthDelimited(999, std::string(2 << 20, 'x'));
  s = intake_stub_->ListCategories(Ctx({st_app_}).get(), huge, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  // Under the cap it passes.
  ListCategoriesRequest fine;
  fine.GetReflection()->MutableUnknownFields(&fine)->AddLengthDelimited(999, std::string(10 << 10, 'x'));
  EXPECT_TRUE(intake_stub_->ListCategories(Ctx({st_app_}).get(), fine, &resp).ok());
}

TEST_F(GatewayE2eTest, AnOversizedPhotoIsRefusedWithThePhotoLimit) {
  intake::v1::AddReportMediaRequest req;
  req.set_request_id("photo-1");
  req.set_report_id("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
  req.set_content(std::string(600 << 10, 'x'));  // over the fixture's 512 KiB upload limit
  intake::v1::AddReportMediaResponse resp;
  grpc::Status s = intake_stub_->AddReportMedia(Ctx({st_app_}).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Reason(s), "REQUEST_TOO_LARGE");
  const absl::Status back = status::FromGrpc(s);
  EXPECT_EQ(status::Details(back).metadata.at("max_bytes"), std::to_string((512 << 10) - (64 << 10)));
  EXPECT_NE(s.error_message().find("a photo may be at most 458752 bytes"), std::string::npos)
      << s.error_message();
}

TEST_F(GatewayE2eTest, CredentialsAreCheckedBeforeTheBodyIsRead) {
  // An oversized body without valid credentials is refused for the credentials: the gateway
  // never reads (or buffers) the body of a caller it does not know.
  ListCategoriesRequest req;
  req.GetReflection()->MutableUnknownFields(&req)->AddLengthDelimited(999, std::string(100 << 10, 'x'));
  ListCategoriesResponse resp;
  grpc::Status s = intake_stub_->ListCategories(
      Ctx({"mpk_000000000000_" + std::string(64, '0')}).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "API_KEY_INVALID");
  s = intake_stub_->ListCategories(Ctx({}).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // With valid credentials the same body is refused for its size.
  s = intake_stub_->ListCategories(Ctx({st_app_}).get(), req, &resp);
  EXPECT_EQ(Reason(s), "REQUEST_TOO_LARGE");
}

// Ten connections from one address send large bodies under unknown keys (each a different key
// id, so no cache helps); a valid client from another address calls meanwhile. The flood is cut
// off after its failure budget (50, refilled 5/s) without its credentials being looked at, and
// the valid client is served every time.
TEST_F(GatewayE2eTest, AFloodOfUnauthenticatedLargeBodiesLeavesAValidClientServed) {
  if (!ipv6_) GTEST_SKIP() << "needs IPv6 loopback for a second peer address";
  ListCategoriesRequest big;
  big.GetReflection()->MutableUnknownFields(&big)->AddLengthDelimited(999, std::string(256 << 10, 'x'));
  constexpr int kConnections = 10, kCallsEach = 20;
  std::atomic<int> unauthenticated{0}, cut_off{0}, other{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> flood;
  for (int c = 0; c < kConnections; ++c) {
    flood.emplace_back([&, c] {
      grpc::ChannelArguments args;
      args.SetInt("meldpunt.test.connection", c);  // a channel, and so a connection, of its own
      args.SetMaxSendMessageSize(4 << 20);
      auto stub = intake::v1::IntakeService::NewStub(grpc::CreateCustomChannel(
          "127.0.0.1:" + std::to_string(gateway_->port()), grpc::InsecureChannelCredentials(), args));
      for (int i = 0; i < kCallsEach; ++i) {
        char id[13];
        std::snprintf(id, sizeof(id), "%06x%06x", c, i);
        ListCategoriesResponse resp;
        grpc::Status s = stub->ListCategories(Ctx({"mpk_" + std::string(id) + "_" + std::string(64, 'f')}).get(), big, &resp);
        if (s.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
          unauthenticated++;
        } else if (s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED &&
                   Reason(s) == "AUTHENTICATION_FAILURES") {
          cut_off++;
        } else {
          other++;
        }
      }
    });
  }
  auto valid = intake::v1::IntakeService::NewStub(grpc::CreateChannel(
      "[::1]:" + std::to_string(gateway_->port()), grpc::InsecureChannelCredentials()));
  int served = 0;
  for (int i = 0; i < 40; ++i) {
    ListCategoriesResponse resp;
    grpc::Status s = valid->ListCategories(Ctx({st_app_}).get(), ListCategoriesRequest(), &resp);
    EXPECT_TRUE(s.ok()) << i << ": " << Reason(s);
    served += s.ok();
  }
  for (auto& t : flood) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(served, 40);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(unauthenticated + cut_off, kConnections * kCallsEach);
  // Looked at: the budget, what refilled while the flood ran, and the calls already past the
  // check when the budget ran out (one per connection at most), no more.
  EXPECT_LE(unauthenticated.load(), 50 + static_cast<int>(5 * seconds) + kConnections) << seconds << " s";
  EXPECT_GT(cut_off.load(), 0);
}

TEST_F(GatewayE2eTest, ARateLimitAnswersResourceExhaustedWithRetryInfo) {
  for (int i = 0; i < 3; ++i) {
    grpc::Status s = List({st_low_});
    ASSERT_TRUE(s.ok()) << i << ": " << s.error_message();
  }
  grpc::Status s = List({st_low_});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Reason(s), "RATE_LIMITED");
  auto retry = status::Details(status::FromGrpc(s)).retry_delay;
  ASSERT_TRUE(retry.has_value());
  EXPECT_GT(retry->count(), 0);
  // Another client of the same tenant has its own bucket.
  EXPECT_TRUE(List({st_app_}).ok());

  // Redis down: reads fail open (the city keeps working), admin calls fail closed.
  ASSERT_TRUE(redis_server_->Stop().ok());
  EXPECT_TRUE(List({st_app_}).ok());
  v1::ListApiClientsRequest lr;
  v1::ListApiClientsResponse lresp;
  s = admin_stub_->ListApiClients(Ctx({root_}).get(), lr, &lresp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Reason(s), "RATE_LIMITER_UNAVAILABLE");
}

TEST_F(GatewayE2eTest, HealthFollowsTheDownstreams) {
  health_->CheckOnce();
  EXPECT_EQ(HealthOf(""), "SERVING");
  EXPECT_EQ(HealthOf("meldpunt.gateway.v1.GatewayAdminService"), "SERVING");
  EXPECT_EQ(HealthOf("meldpunt.intake.v1.IntakeService"), "SERVING");
  EXPECT_EQ(HealthOf("meldpunt.identity.v1.IdentityService"), "SERVING");
  EXPECT_EQ(HealthOf("meldpunt.dispatch.v1.DispatchService"), "NOT_SERVING");  // not configured

  intake_edge_->Stop();
  health_->CheckOnce();
  EXPECT_EQ(HealthOf("meldpunt.intake.v1.IntakeService"), "NOT_SERVING");
  EXPECT_EQ(HealthOf("meldpunt.identity.v1.IdentityService"), "SERVING");
  EXPECT_EQ(HealthOf(""), "SERVING");  // the entry point still serves the others
  grpc::Status s = List({st_app_});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Reason(s), "SERVICE_UNAVAILABLE");
  EXPECT_EQ(s.error_message().find("127.0.0.1"), std::string::npos);
}

TEST_F(GatewayE2eTest, ApiClientsAreAdministeredThroughTheGateway) {
  v1::CreateApiClientRequest create;
  create.set_request_id("mk-1");
  create.set_name("TOPdesk Hasselt");
  create.add_tenant_ids(kHasselt);
  create.add_roles(cv1::ROLE_INTEGRATOR);
  v1::CreateApiClientResponse created;
  grpc::Status s = admin_stub_->CreateApiClient(Ctx({root_}).get(), create, &created);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const std::string key = created.api_key();
  ASSERT_FALSE(key.empty());
  ListCategoriesResponse listed;
  ASSERT_TRUE(List({key}, &listed).ok());
  EXPECT_EQ(Codes(listed), std::vector<std::string>{"parkeren"});

  // Sint-Truiden's admin does not see it; Hasselt's does, and revokes it: refused at once.
  v1::ListApiClientsRequest lr;
  v1::ListApiClientsResponse st_list, hs_list;
  ASSERT_TRUE(admin_stub_->ListApiClients(Ctx({st_admin_}).get(), lr, &st_list).ok());
  for (const auto& c : st_list.api_clients()) EXPECT_NE(c.id(), created.api_client().id());
  ASSERT_TRUE(admin_stub_->ListApiClients(Ctx({hs_admin_}).get(), lr, &hs_list).ok());
  bool found = false;
  for (const auto& c : hs_list.api_clients()) found = found || c.id() == created.api_client().id();
  EXPECT_TRUE(found);
  v1::RevokeApiClientRequest revoke;
  revoke.set_api_client_id(created.api_client().id());
  v1::RevokeApiClientResponse revoked;
  EXPECT_EQ(admin_stub_->RevokeApiClient(Ctx({st_admin_}).get(), revoke, &revoked).error_code(),
            grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(admin_stub_->RevokeApiClient(Ctx({hs_admin_}).get(), revoke, &revoked).ok());
  s = List({key});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "API_KEY_REVOKED");

  // Neither apps nor citizens administer keys.
  create.set_request_id("mk-2");
  EXPECT_EQ(Reason(admin_stub_->CreateApiClient(Ctx({st_app_}).get(), create, &created)),
            "ROLE_NOT_ALLOWED");
  EXPECT_EQ(Reason(admin_stub_->CreateApiClient(Ctx({"", Token(kHasselt, {"citizen"})}).get(),
                                                create, &created)),
            "CITIZEN_NOT_ALLOWED");
  EXPECT_EQ(Reason(admin_stub_->CreateApiClient(Ctx({}).get(), create, &created)), "CREDENTIALS_MISSING");
}

TEST_F(GatewayE2eTest, LoginsAreCalledByTheAppNotByABearer) {
  identity::v1::VerifyEidRequest req;
  identity::v1::VerifyEidResponse resp;
  grpc::Status s = identity_stub_->VerifyEid(Ctx({"", Token(kSintTruiden, {"citizen"})}).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Reason(s), "API_KEY_REQUIRED");
  // With the app's key it is forwarded (the stand-in does not implement it).
  s = identity_stub_->VerifyEid(Ctx({st_app_}).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(Reason(s), "METHOD_NOT_IMPLEMENTED");
}

}  // namespace
}  // namespace meldpunt::gateway::testing
