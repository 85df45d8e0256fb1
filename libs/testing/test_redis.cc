#include "libs/testing/test_redis.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace meldpunt::testing {
namespace {

constexpr absl::Duration kReadyTimeout = absl::Seconds(20);
constexpr absl::Duration kStopTimeout = absl::Seconds(10);

absl::StatusOr<std::string> FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  for (absl::string_view dir : absl::StrSplit(path ? path : "/usr/bin:/bin", ':')) {
    if (dir.empty()) continue;
    std::string candidate = absl::StrCat(dir, "/", name);
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return absl::FailedPreconditionError(
      absl::StrCat(name, " not found on PATH; install the redis-server package"));
}

// A port the kernel just handed out for loopback. Another process could take it before
// redis-server binds it; Create() retries with a new port when that happens.
absl::StatusOr<int> FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return absl::InternalError(absl::StrCat("socket: ", std::strerror(errno)));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    int err = errno;
    close(fd);
    return absl::InternalError(absl::StrCat("bind: ", std::strerror(err)));
  }
  close(fd);
  return ntohs(addr.sin_port);
}

// True when a server on port answers PING with +PONG (not -LOADING).
bool Pings(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  timeval tv{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    constexpr char kPing[] = "PING\r\n";
    if (send(fd, kPing, sizeof(kPing) - 1, MSG_NOSIGNAL) == sizeof(kPing) - 1) {
      char buf[64];
      ssize_t n = recv(fd, buf, sizeof(buf), 0);
      // A server with a password answers NOAUTH: up all the same.
      ok = (n >= 5 && std::memcmp(buf, "+PONG", 5) == 0) ||
           (n >= 7 && std::memcmp(buf, "-NOAUTH", 7) == 0);
    }
  }
  close(fd);
  return ok;
}

}  // namespace

absl::StatusOr<std::unique_ptr<TestRedis>> TestRedis::Create(TestRedisOptions options) {
  absl::StatusOr<std::string> server = FindOnPath("redis-server");
  if (!server.ok()) return server.status();
  std::string tmpl = std::filesystem::temp_directory_path() / "meldpunt-redis-XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("mkdtemp: ", std::strerror(errno)));
  }
  std::unique_ptr<TestRedis> redis(new TestRedis(options, *server, tmpl));
  absl::Status status;
  for (int attempt = 0; attempt < 5; ++attempt) {
    absl::StatusOr<int> port = FreeLoopbackPort();
    if (!port.ok()) return port.status();
    redis->port_ = *port;
    status = redis->Start();
    if (status.ok()) return redis;
  }
  return status;
}

TestRedis::~TestRedis() {
  if (pid_ > 0) Terminate(SIGKILL).IgnoreError();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string TestRedis::addr() const { return absl::StrCat(host_, ":", port_); }

absl::Status TestRedis::Start() {
  if (pid_ > 0) return absl::FailedPreconditionError("redis-server is already running");
  if (absl::Status status = Spawn(); !status.ok()) return status;
  return WaitReady();
}

absl::Status TestRedis::Spawn() {
  // Everything the child needs is prepared before fork(): the test process may have threads,
  // and between fork() and exec only async-signal-safe calls are allowed.
  std::vector<std::string> args = {
      server_path_,
      "--port", std::to_string(port_),
      "--bind", host_,
      "--dir", dir_,
      "--logfile", dir_ + "/redis.log",
      "--daemonize", "no",
      "--save", "",
      "--appendonly", options_.appendonly ? "yes" : "no",
      "--appendfsync", options_.fsync_always ? "always" : "everysec",
  };
  if (!options_.password.empty()) {
    args.push_back("--requirepass");
    args.push_back(options_.password);
  }
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t parent = getpid();

  pid_t pid = fork();
  if (pid < 0) return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      dup2(devnull, STDIN_FILENO);
      dup2(devnull, STDOUT_FILENO);
      dup2(devnull, STDERR_FILENO);
    }
    // Do not keep the test's sockets (PostgreSQL sessions, other servers) open in the child.
    if (close_range(3, ~0U, 0) != 0) {
      for (int fd = 3; fd < 1024; ++fd) close(fd);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  pid_ = pid;
  return absl::OkStatus();
}

absl::Status TestRedis::WaitReady() {
  const absl::Time deadline = absl::Now() + kReadyTimeout;
  while (absl::Now() < deadline) {
    int wstatus = 0;
    if (waitpid(pid_, &wstatus, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::UnavailableError(
          absl::StrCat("redis-server on port ", port_, " exited at start:\n", LogTail()));
    }
    if (Pings(port_)) return absl::OkStatus();
    absl::SleepFor(absl::Milliseconds(10));
  }
  Terminate(SIGKILL).IgnoreError();
  return absl::DeadlineExceededError(
      absl::StrCat("redis-server on port ", port_, " did not answer PING:\n", LogTail()));
}

absl::Status TestRedis::Stop() { return Terminate(SIGTERM); }

absl::Status TestRedis::Kill() { return Terminate(SIGKILL); }

absl::Status TestRedis::Terminate(int signal_number) {
  if (pid_ <= 0) return absl::OkStatus();
  kill(pid_, signal_number);
  const absl::Time deadline = absl::Now() + kStopTimeout;
  while (true) {
    int wstatus = 0;
    pid_t r = waitpid(pid_, &wstatus, WNOHANG);
    if (r == pid_ || (r < 0 && errno == ECHILD)) break;
    if (absl::Now() >= deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &wstatus, 0);
      break;
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  pid_ = -1;
  return absl::OkStatus();
}

std::string TestRedis::LogTail() const {
  std::ifstream in(dir_ + "/redis.log");
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string log = buffer.str();
  return log.size() > 2000 ? log.substr(log.size() - 2000) : log;
}

std::unique_ptr<redis::HiredisClient> TestRedis::NewClient(std::chrono::milliseconds timeout) const {
  redis::RedisOptions o;
  o.port = port_;
  o.connect_timeout = timeout;
  o.command_timeout = timeout;
  o.password = options_.password;
  auto client = redis::HiredisClient::Create(o);
  return client.ok() ? std::move(*client) : nullptr;
}

}  // namespace meldpunt::testing
