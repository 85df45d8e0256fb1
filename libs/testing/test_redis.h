#pragma once
// A redis-server of the test's own, on a free loopback port in a temporary directory, that the
// test may stop, kill and start again (on the same port) to prove reconnect and recovery
// behaviour. Test-only: linked by tests through meldpunt_testing, never by a service.
//
// The server runs as a child of the thread that created it and dies with that thread
// (PR_SET_PDEATHSIG), so a crashed test leaves no server behind.

#include <memory>
#include <string>

#include <sys/types.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/redis/hiredis_client.h"

namespace meldpunt::testing {

struct TestRedisOptions {
  // Keep the data set across Stop()/Start() through the append-only file, as a production Redis
  // with AOF would. Off: every start is empty (like a cache-only Redis losing its memory).
  bool appendonly = false;
  // With appendonly: fsync every write before answering, so even Kill() loses nothing.
  bool fsync_always = false;
  // Non-empty: Redis requires this password (requirepass) and NewClient() sends it.
  std::string password;
};

class TestRedis {
 public:
  // Finds redis-server on PATH, picks a free port and starts it; returns when it answers PING.
  static absl::StatusOr<std::unique_ptr<TestRedis>> Create(TestRedisOptions options = {});

  // Kills the server and removes its directory.
  ~TestRedis();

  TestRedis(const TestRedis&) = delete;
  TestRedis& operator=(const TestRedis&) = delete;

  // Starts it again on the same port and directory; returns when it answers PING (after loading
  // the append-only file, if any).
  absl::Status Start();

  // A clean shutdown (SIGTERM: Redis flushes its append-only file), SIGKILL if it has not exited
  // within 10 s. Returns when the process is gone.
  absl::Status Stop();

  // SIGKILL: a crash. Returns when the process is gone.
  absl::Status Kill();

  bool running() const { return pid_ > 0; }
  const std::string& host() const { return host_; }
  int port() const { return port_; }

  // A client of this server with short timeouts, as tests want them (a stopped server answers
  // quickly with an error instead of hanging a test).
  std::unique_ptr<redis::HiredisClient> NewClient(
      std::chrono::milliseconds timeout = std::chrono::milliseconds(250)) const;
  std::string addr() const;  // "127.0.0.1:<port>"
  const std::string& dir() const { return dir_; }

 private:
  TestRedis(TestRedisOptions options, std::string server_path, std::string dir)
      : options_(options), server_path_(std::move(server_path)), dir_(std::move(dir)) {}

  absl::Status Spawn();
  absl::Status WaitReady();
  absl::Status Terminate(int signal_number);
  std::string LogTail() const;

  TestRedisOptions options_;
  std::string server_path_;
  std::string dir_;
  std::string host_ = "127.0.0.1";
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace meldpunt::testing
