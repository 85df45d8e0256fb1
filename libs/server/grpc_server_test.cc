// The server bootstrap end to end on loopback: a real gRPC server with a small echo service.
#include "libs/server/grpc_server.h"

#include <atomic>
#include <cstdint>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>

#include "grpc/health/v1/health.grpc.pb.h"
#include "libs/observability/log.h"
#include "libs/server/call.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "meldpunt/testing/v1/echo.grpc.pb.h"

namespace meldpunt::server {
namespace {

using meldpunt::testing::v1::EchoRequest;
using meldpunt::testing::v1::EchoResponse;
using meldpunt::testing::v1::EchoService;

class EchoImpl : public EchoService::CallbackService {
 public:
  explicit EchoImpl(const UnaryRunner* runner) : runner_(runner) {}

  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* ctx, const EchoRequest* req,
                                 EchoResponse* resp) override {
    return runner_->Run(ctx, [this, req, resp](const CallInfo& call) -> absl::Status {
      last_deadline_ = call.deadline;
      started_.fetch_add(1);
      if (req->block_ms() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(req->block_ms()));
      if (req->block_ms() < 0) gate_.wait();  // held until the test releases it
      if (req->fail_code() != 0) {
        return status::Error(static_cast<absl::StatusCode>(req->fail_code()), "ECHO_FAILED",
                             "asked to fail");
      }
      resp->set_text(req->text());
      resp->set_request_id(call.request_id);
      if (req->text() == "hop" && downstream_ != nullptr) {
        // One hop onward, as a service calling another would: the inner call must see the same
        // request id and no later deadline.
        grpc::ClientContext onward;
        PropagateTo(call, onward);
        EchoRequest inner;
        inner.set_text("inner");
        EchoResponse inner_resp;
        grpc::Status s = downstream_->Echo(&onward, inner, &inner_resp);
        if (!s.ok()) return status::FromGrpc(s);
        resp->set_subject(inner_resp.request_id());  // reuse a string field for the inner id
        inner_deadline_ = last_deadline_;
        last_deadline_ = call.deadline;
      }
      return absl::OkStatus();
    });
  }

  std::atomic<int> started_{0};
  TimePoint last_deadline_;
  EchoService::Stub* downstream_ = nullptr;
  TimePoint inner_deadline_;
  std::promise<void> release_;
  std::shared_future<void> gate_ = release_.get_future().share();

 private:
  const UnaryRunner* runner_;
};

class ServerTest : public ::testing::Test {
 protected:
  void StartServer(std::size_t threads = 2, std::size_t queue = 8, int max_bytes = 64 * 1024) {
    pool_options_.threads = threads;
    pool_options_.queue_capacity = queue;
    pool_ = std::make_unique<WorkerPool>(pool_options_);
    runner_ = std::make_unique<UnaryRunner>(pool_.get(),
                                            DeadlinePolicy{std::chrono::milliseconds(3000),
                                                           std::chrono::milliseconds(8000)},
                                            "testing.meldpunt", &log_);
    echo_ = std::make_unique<EchoImpl>(runner_.get());
    auto metrics = observability::Metrics::Create("");
    ASSERT_TRUE(metrics.ok());
    metrics_ = std::move(*metrics);
    ServerOptions options;
    options.service_name = "testing";
    options.listen_host = "127.0.0.1";
    options.port = 0;
    options.port_file = ::testing::TempDir() + "/port_" + std::to_string(::getpid());
    options.max_receive_bytes = max_bytes;
    options.max_concurrent_streams = max_streams_;
    options.shutdown_grace = std::chrono::milliseconds(5000);
    port_file_ = options.port_file;
    auto server = GrpcServer::Start(options, {{EchoService::service_full_name(), echo_.get()}},
                                    pool_.get(), metrics_.get(), nullptr);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()),
                                   grpc::InsecureChannelCredentials());
    stub_ = EchoService::NewStub(channel_);
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  grpc::Status Echo(const EchoRequest& req, EchoResponse* resp, grpc::ClientContext* ctx = nullptr) {
    grpc::ClientContext local;
    if (ctx == nullptr) ctx = &local;
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return stub_->Echo(ctx, req, resp);
  }

  grpc::health::v1::HealthCheckResponse::ServingStatus Health(const std::string& service,
                                                              grpc::Status* out = nullptr) {
    auto health = grpc::health::v1::Health::NewStub(channel_);
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(service);
    grpc::health::v1::HealthCheckResponse resp;
    grpc::Status s = health->Check(&ctx, req, &resp);
    if (out) *out = s;
    return resp.status();
  }

  std::ostringstream log_text_;
  observability::StreamLogger log_{log_text_, observability::LogLevel::kInfo};
  WorkerPoolOptions pool_options_;  // threads and queue come from StartServer()
  std::atomic<std::int64_t> fake_now_ms_{0};  // queue time, for tests that set pool_options_.now
  std::unique_ptr<WorkerPool> pool_;
  std::unique_ptr<UnaryRunner> runner_;
  std::unique_ptr<EchoImpl> echo_;
  std::unique_ptr<observability::Metrics> metrics_;
  std::unique_ptr<GrpcServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<EchoService::Stub> stub_;
  std::string port_file_;
  int max_streams_ = 100;  // set before StartServer()
};

TEST_F(ServerTest, EchoesAndWritesPortFile) {
  StartServer();
  EchoRequest req;
  req.set_text("hallo Sint-Truiden");
  EchoResponse resp;
  ASSERT_TRUE(Echo(req, &resp).ok());
  EXPECT_EQ(resp.text(), "hallo Sint-Truiden");
  std::ifstream in(port_file_);
  int port = 0;
  in >> port;
  EXPECT_EQ(port, server_->port());
}

TEST_F(ServerTest, RequestIdIsPropagatedOrMinted) {
  StartServer();
  EchoRequest req;
  EchoResponse resp;
  grpc::ClientContext with_id;
  with_id.AddMetadata("x-request-id", "app-123");
  ASSERT_TRUE(Echo(req, &resp, &with_id).ok());
  EXPECT_EQ(resp.request_id(), "app-123");

  grpc::ClientContext without;
  ASSERT_TRUE(Echo(req, &resp, &without).ok());
  EXPECT_EQ(resp.request_id().size(), 32u);
  auto md = without.GetServerInitialMetadata();
  auto it = md.find("x-request-id");
  ASSERT_NE(it, md.end());
  EXPECT_EQ(std::string(it->second.data(), it->second.size()), resp.request_id());

  grpc::ClientContext hostile;
  hostile.AddMetadata("x-request-id", "evil\"injection");
  ASSERT_TRUE(Echo(req, &resp, &hostile).ok());
  EXPECT_EQ(resp.request_id().size(), 32u);
}

TEST_F(ServerTest, RequestIdAndDeadlineFollowOnwardCalls) {
  StartServer();
  echo_->downstream_ = stub_.get();
  EchoRequest req;
  req.set_text("hop");
  EchoResponse resp;
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-request-id", "trace-42");
  ASSERT_TRUE(Echo(req, &resp, &ctx).ok());
  EXPECT_EQ(resp.request_id(), "trace-42");
  EXPECT_EQ(resp.subject(), "trace-42");
  // gRPC sends a deadline as a timeout rounded up to its wire unit, so the inner one may come out
  // a hair later; what matters is that the cap did not restart (8 s) from the inner hop.
  EXPECT_LE(echo_->inner_deadline_, echo_->last_deadline_ + std::chrono::milliseconds(50));
}

TEST_F(ServerTest, HealthPerServiceAndOverall) {
  StartServer();
  EXPECT_EQ(Health(""), grpc::health::v1::HealthCheckResponse::SERVING);
  EXPECT_EQ(Health("meldpunt.testing.v1.EchoService"),
            grpc::health::v1::HealthCheckResponse::SERVING);
  grpc::Status unknown;
  Health("no.such.Service", &unknown);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
  server_->SetServing("meldpunt.testing.v1.EchoService", false);
  EXPECT_EQ(Health("meldpunt.testing.v1.EchoService"),
            grpc::health::v1::HealthCheckResponse::NOT_SERVING);
}

TEST_F(ServerTest, ErrorsCarryReasonAndDomain) {
  StartServer();
  EchoRequest req;
  req.set_fail_code(static_cast<int>(absl::StatusCode::kFailedPrecondition));
  EchoResponse resp;
  grpc::Status s = Echo(req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  absl::Status back = status::FromGrpc(s);
  EXPECT_EQ(status::Reason(back), "ECHO_FAILED");
  EXPECT_EQ(status::Details(back).domain, "testing.meldpunt");
}

// Raw bytes to Echo, as a client in another language could send them: field 1 (text, a proto3
// string) holding 0xff 0xfe, which is not UTF-8, so the request does not parse.
TEST_F(ServerTest, ARequestThatDoesNotParseIsInvalidArgumentNotUnimplemented) {
  StartServer();
  grpc::GenericStub generic(channel_);
  const std::string bytes("\x0a\x02\xff\xfe", 4);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  std::promise<grpc::Status> done;
  generic.UnaryCall(&ctx, "/meldpunt.testing.v1.EchoService/Echo", grpc::StubOptions(), &request,
                    &response, [&done](grpc::Status s) { done.set_value(std::move(s)); });
  grpc::Status s = done.get_future().get();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  absl::Status back = status::FromGrpc(s);
  EXPECT_EQ(status::Reason(back), "REQUEST_MALFORMED");
  EXPECT_EQ(status::Details(back).domain, "testing.meldpunt");
  EXPECT_EQ(echo_->started_.load(), 0);
  // A method that does not exist is still UNIMPLEMENTED.
  grpc::ClientContext other;
  other.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  std::promise<grpc::Status> missing;
  generic.UnaryCall(&other, "/meldpunt.testing.v1.EchoService/Nope", grpc::StubOptions(), &request,
                    &response, [&missing](grpc::Status s) { missing.set_value(std::move(s)); });
  EXPECT_EQ(missing.get_future().get().error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(ServerTest, AnInternalErrorsCauseIsLoggedAndTheClientGetsTheRequestId) {
  StartServer();
  EchoRequest req;
  req.set_fail_code(static_cast<int>(absl::StatusCode::kInternal));
  EchoResponse resp;
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-request-id", "app-internal-1");
  grpc::Status s = Echo(req, &resp, &ctx);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INTERNAL);
  // The client learns nothing of the cause, but gets the id to quote.
  EXPECT_EQ(s.error_message(), "internal error (request id app-internal-1)");
  EXPECT_EQ(status::Reason(status::FromGrpc(s)), "ECHO_FAILED");
  // The log has the cause under the same id.
  const std::string log = log_text_.str();
  EXPECT_NE(log.find("\"request_id\":\"app-internal-1\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"cause\":\"asked to fail\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"reason\":\"ECHO_FAILED\""), std::string::npos) << log;
}

TEST_F(ServerTest, ClientErrorsAreNotLoggedAsInternal) {
  StartServer();
  EchoRequest req;
  req.set_fail_code(static_cast<int>(absl::StatusCode::kInvalidArgument));
  EchoResponse resp;
  grpc::Status s = Echo(req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "asked to fail");
  EXPECT_EQ(log_text_.str().find("internal error"), std::string::npos) << log_text_.str();
}

// Polls cond for up to 30 s: a bound against hangs, not a timing assertion.
template <typename F>
bool Eventually(F cond) {
  for (int i = 0; i < 3000; ++i) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return cond();
}

TEST_F(ServerTest, FullPoolAnswersResourceExhausted) {
  StartServer(/*threads=*/1, /*queue=*/1);
  auto held_call = [this] {
    EchoRequest req;
    req.set_block_ms(-1);
    EchoResponse resp;
    return Echo(req, &resp);
  };
  // One call occupies the only worker, the next waits in the one queue slot...
  auto first = std::async(std::launch::async, held_call);
  ASSERT_TRUE(Eventually([&] { return echo_->started_.load() == 1; }));
  auto second = std::async(std::launch::async, held_call);
  ASSERT_TRUE(Eventually([&] { return pool_->queued() == 1; }));
  // ...so the third is refused at once instead of queueing.
  EchoRequest req;
  EchoResponse resp;
  grpc::Status busy = Echo(req, &resp);
  EXPECT_EQ(busy.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  absl::Status back = status::FromGrpc(busy);
  EXPECT_EQ(status::Reason(back), "SERVER_BUSY");
  EXPECT_TRUE(status::Details(back).retry_delay.has_value());
  echo_->release_.set_value();
  EXPECT_TRUE(first.get().ok());
  EXPECT_TRUE(second.get().ok());
}

TEST_F(ServerTest, CallsThatWaitTooLongInTheQueueAreAnsweredBusy) {
  pool_options_.max_queue_wait = std::chrono::milliseconds(100);
  pool_options_.now = [this] {
    return std::chrono::steady_clock::time_point(std::chrono::milliseconds(fake_now_ms_.load()));
  };
  StartServer(/*threads=*/1, /*queue=*/8);
  auto call = [this](bool held) {
    EchoRequest req;
    if (held) req.set_block_ms(-1);
    EchoResponse resp;
    return Echo(req, &resp);
  };
  auto expect_busy = [](const grpc::Status& s) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    absl::Status back = status::FromGrpc(s);
    EXPECT_EQ(status::Reason(back), "SERVER_BUSY");
    EXPECT_TRUE(status::Details(back).retry_delay.has_value());
  };
  // One call holds the only worker, the next queues...
  auto first = std::async(std::launch::async, call, true);
  ASSERT_TRUE(Eventually([&] { return echo_->started_.load() == 1; }));
  auto queued = std::async(std::launch::async, call, false);
  ASSERT_TRUE(Eventually([&] { return pool_->queued() == 1; }));
  // ...and waits longer than the bound: a newcomer is refused at once, though the queue has room,
  fake_now_ms_ += 150;
  expect_busy(call(false));
  // ...and the queued call itself is answered busy when the worker frees up, without running.
  echo_->release_.set_value();
  EXPECT_TRUE(first.get().ok());
  expect_busy(queued.get());
  EXPECT_EQ(echo_->started_.load(), 1);
  EXPECT_EQ(pool_->shed(), 1u);
  // A fresh call runs again.
  EXPECT_TRUE(call(false).ok());
}

// Two calls held in their handlers fill a connection whose cap is two: a third on the same
// connection is not started (it waits in the client until its deadline), though workers are free.
TEST_F(ServerTest, OneConnectionHasAtMostMaxConcurrentStreamsOpen) {
  max_streams_ = 2;
  StartServer(/*threads=*/4, /*queue=*/8);
  EchoRequest hold;
  hold.set_block_ms(-1);
  auto first = std::async(std::launch::async, [&] { EchoResponse r; return Echo(hold, &r); });
  auto second = std::async(std::launch::async, [&] { EchoResponse r; return Echo(hold, &r); });
  for (int i = 0; i < 1000 && echo_->started_.load() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(echo_->started_.load(), 2);
  grpc::ClientContext third;
  third.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(800));
  EchoRequest quick;
  quick.set_text("third");
  EchoResponse resp;
  EXPECT_EQ(stub_->Echo(&third, quick, &resp).error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(echo_->started_.load(), 2);
  echo_->release_.set_value();
  EXPECT_TRUE(first.get().ok());
  EXPECT_TRUE(second.get().ok());
}

TEST_F(ServerTest, OversizedRequestIsRefused) {
  StartServer(2, 8, /*max_bytes=*/16 * 1024);
  EchoRequest req;
  req.set_text(std::string(32 * 1024, 'x'));
  EchoResponse resp;
  EXPECT_EQ(Echo(req, &resp).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(echo_->started_.load(), 0);
}

TEST_F(ServerTest, DeadlinesAreDefaultedAndCapped) {
  StartServer();
  EchoRequest req;
  EchoResponse resp;
  grpc::ClientContext none;  // no deadline at all
  auto before = std::chrono::system_clock::now();
  ASSERT_TRUE(stub_->Echo(&none, req, &resp).ok());
  EXPECT_LE(echo_->last_deadline_, std::chrono::system_clock::now() + std::chrono::milliseconds(3000));
  EXPECT_GE(echo_->last_deadline_, before + std::chrono::milliseconds(2000));

  grpc::ClientContext long_one;
  long_one.set_deadline(std::chrono::system_clock::now() + std::chrono::hours(2));
  ASSERT_TRUE(stub_->Echo(&long_one, req, &resp).ok());
  EXPECT_LE(echo_->last_deadline_, std::chrono::system_clock::now() + std::chrono::milliseconds(8000));
}

TEST_F(ServerTest, ShutdownDrainsCallsInFlight) {
  StartServer();
  auto in_flight = std::async(std::launch::async, [this] {
    EchoRequest req;
    req.set_block_ms(-1);
    req.set_text("drained");
    EchoResponse resp;
    grpc::Status s = Echo(req, &resp);
    return std::make_pair(s, resp.text());
  });
  ASSERT_TRUE(Eventually([&] { return echo_->started_.load() == 1; }));
  // Shutdown waits for the call in flight. The held call is released only once the shutdown has
  // begun (health no longer SERVING), so the call really is drained, not finished beforehand.
  auto releaser = std::async(std::launch::async, [this] {
    Eventually([&] { return Health("") != grpc::health::v1::HealthCheckResponse::SERVING; });
    echo_->release_.set_value();
  });
  server_->Shutdown();
  auto [s, text] = in_flight.get();
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(text, "drained");
  EchoRequest req;
  EchoResponse resp;
  EXPECT_EQ(Echo(req, &resp).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(ServerTest, MetricsCountCallsByCode) {
  StartServer();
  EchoRequest ok;
  EchoResponse resp;
  ASSERT_TRUE(Echo(ok, &resp).ok());
  EchoRequest bad;
  bad.set_fail_code(3);
  Echo(bad, &resp);
  std::string text = metrics_->Scrape();
  EXPECT_NE(text.find("grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Echo\","
                      "grpc_service=\"meldpunt.testing.v1.EchoService\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("grpc_code=\"INVALID_ARGUMENT\",grpc_method=\"Echo\""), std::string::npos);
}

}  // namespace
}  // namespace meldpunt::server
