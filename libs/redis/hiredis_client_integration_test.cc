#include "libs/redis/hiredis_client.h"

#include <atomic>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "libs/redis/errors.h"
#include "libs/status/status.h"
#include "libs/testing/test_redis.h"

namespace meldpunt::redis {
namespace {

using meldpunt::testing::TestRedis;

std::unique_ptr<HiredisClient> Connect(int port, int pool_size = 2,
                                       std::chrono::milliseconds command_timeout =
                                           std::chrono::milliseconds(2000)) {
  RedisOptions options;
  options.port = port;
  options.pool_size = pool_size;
  options.command_timeout = command_timeout;
  absl::StatusOr<std::unique_ptr<HiredisClient>> client = HiredisClient::Create(options);
  EXPECT_TRUE(client.ok()) << client.status();
  return client.ok() ? *std::move(client) : nullptr;
}

class HiredisClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<TestRedis>> redis = TestRedis::Create();
    ASSERT_TRUE(redis.ok()) << redis.status();
    redis_ = *std::move(redis);
    client_ = Connect(redis_->port());
    ASSERT_NE(client_, nullptr);
  }

  std::unique_ptr<TestRedis> redis_;
  std::unique_ptr<HiredisClient> client_;
};

TEST_F(HiredisClientTest, RoundTripsBinaryValues) {
  const std::string value("\0\r\n\xff payload", 12);
  ASSERT_EQ(*client_->Command({"SET", "k", value}), RedisReply::Status("OK"));
  EXPECT_EQ(*client_->Command({"GET", "k"}), RedisReply::String(value));
  EXPECT_EQ(*client_->Command({"GET", "missing"}), RedisReply::Nil());
  EXPECT_EQ(*client_->Command({"INCRBY", "n", "41"}), RedisReply::Integer(41));
  absl::StatusOr<RedisReply> list = client_->Command({"RPUSH", "l", "a", "b"});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(*client_->Command({"LRANGE", "l", "0", "-1"}),
            RedisReply::Array({RedisReply::String("a"), RedisReply::String("b")}));
}

TEST_F(HiredisClientTest, ErrorRepliesBecomeStatusesWithTheirCode) {
  absl::StatusOr<RedisReply> created =
      client_->Command({"XGROUP", "CREATE", "s", "g", "0", "MKSTREAM"});
  ASSERT_TRUE(created.ok()) << created.status();
  absl::StatusOr<RedisReply> again =
      client_->Command({"XGROUP", "CREATE", "s", "g", "0", "MKSTREAM"});
  EXPECT_TRUE(IsRedisError(again.status(), "BUSYGROUP")) << again.status();
  absl::StatusOr<RedisReply> nogroup =
      client_->Command({"XREADGROUP", "GROUP", "other", "c", "STREAMS", "s", ">"});
  EXPECT_TRUE(IsRedisError(nogroup.status(), "NOGROUP")) << nogroup.status();
  absl::StatusOr<RedisReply> wrongtype = client_->Command({"LPUSH", "s", "x"});
  EXPECT_TRUE(IsRedisError(wrongtype.status(), "WRONGTYPE")) << wrongtype.status();
  EXPECT_EQ(status::Reason(wrongtype.status()), kReasonError);
  // The connection stays usable after error replies.
  EXPECT_TRUE(client_->Command({"PING"}).ok());
  EXPECT_EQ(client_->Stats().dropped, 0u);
}

TEST(HiredisAuthTest, ThePasswordOpensRedisAndAWrongOneIsRefusedWithAReason) {
  meldpunt::testing::TestRedisOptions options;
  options.password = "een-geheim";
  auto redis = TestRedis::Create(options);
  ASSERT_TRUE(redis.ok()) << redis.status();
  auto right = (*redis)->NewClient();
  ASSERT_NE(right, nullptr);
  auto pong = right->Command({"PING"});
  ASSERT_TRUE(pong.ok()) << pong.status();
  EXPECT_EQ(pong->str, "PONG");

  RedisOptions o;
  o.port = (*redis)->port();
  o.password = "fout";
  auto wrong = *HiredisClient::Create(o);
  auto refused = wrong->Command({"PING"});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status::Reason(refused.status()), "REDIS_AUTH_FAILED");
  EXPECT_EQ(refused.status().message().find("fout"), std::string::npos) << refused.status();

  o.password.clear();
  auto anonymous = *HiredisClient::Create(o);
  EXPECT_FALSE(anonymous->Command({"PING"}).ok());

  // A service's own ACL user.
  ASSERT_TRUE(right->Command({"ACL", "SETUSER", "intake", "on", ">pw-intake", "~*", "&*", "+@all"})
                  .ok());
  o.user = "intake";
  o.password = "pw-intake";
  auto as_intake = *HiredisClient::Create(o);
  EXPECT_TRUE(as_intake->Command({"PING"}).ok());
  o.password = "pw-identity";
  auto impostor = *HiredisClient::Create(o);
  EXPECT_EQ(status::Reason(impostor->Command({"PING"}).status()), "REDIS_AUTH_FAILED");
}

TEST_F(HiredisClientTest, EmptyCommandIsRejected) {
  EXPECT_EQ(client_->Command({}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(HiredisClientTest, UnavailableWhileStoppedThenReconnects) {
  ASSERT_TRUE(client_->Command({"SET", "k", "v"}).ok());
  ASSERT_TRUE(redis_->Stop().ok());
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<RedisReply> reply = client_->Command({"GET", "k"});
    EXPECT_EQ(reply.status().code(), absl::StatusCode::kUnavailable);
    EXPECT_EQ(status::Reason(reply.status()), kReasonUnavailable) << reply.status();
  }
  ASSERT_TRUE(redis_->Start().ok());
  // Without appendonly the restarted server is empty; the client simply reconnects.
  absl::StatusOr<RedisReply> reply = client_->Command({"GET", "k"});
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_TRUE(reply->is_nil());
  EXPECT_GE(client_->Stats().connects, 2u);
}

TEST_F(HiredisClientTest, StaleConnectionAfterRestartFailsOnceThenWorks) {
  // Open both pooled connections, then restart underneath them.
  ASSERT_TRUE(client_->Command({"PING"}).ok());
  ASSERT_TRUE(redis_->Stop().ok());
  ASSERT_TRUE(redis_->Start().ok());
  int failures = 0;
  for (int i = 0; i < 4; ++i) {
    absl::StatusOr<RedisReply> reply = client_->Command({"PING"});
    if (!reply.ok()) {
      ++failures;
      EXPECT_EQ(status::Reason(reply.status()), kReasonUnavailable) << reply.status();
    }
  }
  EXPECT_LE(failures, 2);  // at most once per stale pooled connection
  EXPECT_TRUE(client_->Command({"PING"}).ok());
}

TEST_F(HiredisClientTest, AppendOnlyServerKeepsStreamsAcrossRestart) {
  meldpunt::testing::TestRedisOptions options;
  options.appendonly = true;
  absl::StatusOr<std::unique_ptr<TestRedis>> durable = TestRedis::Create(options);
  ASSERT_TRUE(durable.ok()) << durable.status();
  auto client = Connect((*durable)->port());
  ASSERT_TRUE(client->Command({"XADD", "s", "*", "f", "v"}).ok());
  ASSERT_TRUE((*durable)->Stop().ok());
  ASSERT_TRUE((*durable)->Start().ok());
  absl::StatusOr<RedisReply> len = client->Command({"XLEN", "s"});
  if (!len.ok()) len = client->Command({"XLEN", "s"});  // the first call may hit a stale connection
  ASSERT_TRUE(len.ok()) << len.status();
  EXPECT_EQ(*len, RedisReply::Integer(1));
}

TEST_F(HiredisClientTest, CommandTimeoutDropsTheConnection) {
  auto client = Connect(redis_->port(), 1, std::chrono::milliseconds(200));
  absl::StatusOr<RedisReply> reply = client->Command({"BLPOP", "nothing", "5"});
  EXPECT_EQ(reply.status().code(), absl::StatusCode::kUnavailable) << reply.status();
  EXPECT_EQ(client->Stats().dropped, 1u);
  EXPECT_TRUE(client->Command({"PING"}).ok());
}

TEST_F(HiredisClientTest, ConcurrentCallersShareThePool) {
  auto client = Connect(redis_->port(), 3);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (!client->Command({"INCR", "counter"}).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*client->Command({"GET", "counter"}), RedisReply::String("1600"));
  EXPECT_LE(client->Stats().connects, 3u);
}

TEST(HiredisClientCreateTest, RejectsBadOptions) {
  RedisOptions options;
  options.port = 0;
  EXPECT_EQ(HiredisClient::Create(options).status().code(), absl::StatusCode::kInvalidArgument);
  options.port = 6379;
  options.pool_size = 0;
  EXPECT_EQ(HiredisClient::Create(options).status().code(), absl::StatusCode::kInvalidArgument);
  options.pool_size = 1;
  options.command_timeout = std::chrono::milliseconds(0);
  EXPECT_EQ(HiredisClient::Create(options).status().code(), absl::StatusCode::kInvalidArgument);
}

// A server that answers every connection's first command with the next canned response and
// then closes the connection (or keeps it open silently, for "hang").
class FakeServer {
 public:
  explicit FakeServer(std::vector<std::string> responses) : responses_(std::move(responses)) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_EQ(listen(fd_, 16), 0);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeServer() {
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
    for (int fd : open_) close(fd);
  }
  int port() const { return port_; }

 private:
  void Serve() {
    for (const std::string& response : responses_) {
      int conn = accept(fd_, nullptr, nullptr);
      if (conn < 0) return;
      char buf[4096];
      (void)recv(conn, buf, sizeof(buf), 0);
      if (response == "hang") {
        open_.push_back(conn);
        continue;
      }
      (void)send(conn, response.data(), response.size(), MSG_NOSIGNAL);
      close(conn);
    }
  }

  std::vector<std::string> responses_;
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::vector<int> open_;
};

TEST(HiredisClientHostileServerTest, BadRepliesAreUnavailableNotCrashes) {
  const std::vector<std::string> hostile = {
      "!garbage\r\n",                        // unknown type byte
      "*-5\r\n",                             // negative array length
      "*3\r\n:1\r\n",                        // truncated array, then EOF
      "$2000000000\r\nabc",                  // huge bulk, then EOF
      "*2000000000\r\n:1\r\n",               // huge array, then EOF
      "*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n",  // nested too deep
      ":99999999999999999999999\r\n",        // integer overflow: a value, but no crash
      "",                                    // EOF without a byte
      "hang",                                // no answer: the command timeout ends it
      "+OK\r\n",                             // and a healthy answer at the end
  };
  FakeServer server(hostile);
  auto client = Connect(server.port(), 1, std::chrono::milliseconds(300));
  for (std::size_t i = 0; i + 1 < hostile.size(); ++i) {
    absl::StatusOr<RedisReply> reply = client->Command({"PING"});
    if (i == 6 && reply.ok()) {
      // A hiredis that accepts the overflowing integer (it just must not crash) keeps the
      // connection, which the server has closed: the next call finds out.
      EXPECT_EQ(client->Command({"PING"}).status().code(), absl::StatusCode::kUnavailable);
      continue;
    }
    EXPECT_EQ(reply.status().code(), absl::StatusCode::kUnavailable)
        << "response " << i << ": " << (reply.ok() ? reply->DebugString() : reply.status().ToString());
  }
  EXPECT_EQ(*client->Command({"PING"}), RedisReply::Status("OK"));
}

}  // namespace
}  // namespace meldpunt::redis
