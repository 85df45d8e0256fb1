// ServiceMain end to end in-process: a small echo service built through a ServiceSpec, served on
// loopback against a fresh PostgreSQL database, stopped by SIGTERM as in a pod. What every
// service binary shares is tested here once: the command line (serve, migrate, operator
// commands, --help, bad settings), the authorised-call helper, background work in order, and
// that --max-queue-wait reaches the worker pool.
#include "libs/server/service_main.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <future>
#include <thread>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "libs/auth/authorize.h"
#include "libs/auth/test_keys.h"
#include "libs/server/signals.h"
#include "libs/status/grpc_status.h"
#include "libs/status/status.h"
#include "libs/testing/test_database.h"
#include "meldpunt/testing/v1/echo.grpc.pb.h"

namespace meldpunt::server {
namespace {

using meldpunt::testing::v1::EchoRequest;
using meldpunt::testing::v1::EchoResponse;
using meldpunt::testing::v1::EchoService;

class EchoImpl : public EchoService::CallbackService {
 public:
  explicit EchoImpl(const AuthorizedRunner* calls) : calls_(calls) {}

  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* ctx, const EchoRequest* req,
                                 EchoResponse* resp) override {
    return calls_->Run(ctx, {common::v1::ROLE_COORDINATOR},
                       [req, resp](const AuthorizedCall& call) -> absl::Status {
                         if (req->block_ms() > 0) {
                           std::this_thread::sleep_for(std::chrono::milliseconds(req->block_ms()));
                         }
                         resp->set_text(req->text());
                         resp->set_tenant_id(call.principal.tenant_id());
                         resp->set_request_id(call.info.request_id);
                         return absl::OkStatus();
                       });
  }

 private:
  const AuthorizedRunner* calls_;
};

std::string WriteFile(const std::string& name, const std::string& content) {
  const std::string path = ::testing::TempDir() + "/" + name + "_" + std::to_string(::getpid());
  std::ofstream(path) << content;
  return path;
}

class ServiceMainTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Before any thread exists, as a binary's main does: SIGTERM then reaches sigwait only.
    BlockTerminationSignals();
  }

  void SetUp() override {
    auto db = meldpunt::testing::TestDatabase::Create();
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    auto [private_pem, public_pem] = auth::testing::NewEd25519KeyPair();
    public_keys_ = "k1:" + WriteFile("principal_pub.pem", public_pem);
    auto signer = auth::PrincipalSigner::Create("k1", private_pem);
    ASSERT_TRUE(signer.ok());
    signer_ = std::move(*signer);
    port_file_ = ::testing::TempDir() + "/service_main_port_" + std::to_string(::getpid());
    std::remove(port_file_.c_str());

    spec_.name = "echo";
    spec_.uses_redis = false;
    spec_.migrations = {{"echo", {{"0001_notes.sql", "CREATE TABLE notes (text text);"}}}};
    spec_.register_flags = [this](config::Flags& flags) {
      flags.String("greeting", &greeting_, "a service flag");
    };
    spec_.build = [this](ServiceContext& ctx) -> absl::Status {
      auto* echo = ctx.Make<EchoImpl>(&ctx.calls());
      ctx.Serve(EchoService::service_full_name(), echo);
      ctx.Background([this] { order_.push_back("start a"); }, [this] { order_.push_back("stop a"); });
      ctx.Background([this] { order_.push_back("start b"); }, [this] { order_.push_back("stop b"); });
      ctx.WhileServing([this](GrpcServer&) { order_.push_back("serving"); },
                       [this] { order_.push_back("unserving"); });
      built_with_greeting_ = greeting_;
      return absl::OkStatus();
    };
    Command note;
    note.name = "add-note";
    note.summary = "writes one note";
    note.register_flags = [this](config::Flags& flags) {
      flags.String("text", &note_text_, "the note", true);
    };
    note.run = [this](CommandContext& ctx) {
      absl::Status written = pg::Transact(*ctx.pool, [this](pqxx::work& tx) {
        tx.exec_params("INSERT INTO notes VALUES ($1)", note_text_);
        return absl::OkStatus();
      });
      return written.ok() ? 0 : 1;
    };
    spec_.commands = {note};
  }

  int Run(std::vector<std::string> args) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>("meldpunt-echo"));
    for (auto& a : args) argv.push_back(a.data());
    return ServiceMain(static_cast<int>(argv.size()), argv.data(), spec_);
  }

  std::vector<std::string> ServeArgs() {
    return {"--pg-dsn", db_->dsn(), "--principal-public-keys", public_keys_, "--migrate",
            "--listen-host", "127.0.0.1", "--grpc-port", "0", "--port-file", port_file_};
  }

  // Serves with extra flags in a thread until Stop(); returns the port.
  int Start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = ServeArgs();
    args.insert(args.end(), extra.begin(), extra.end());
    exit_ = std::async(std::launch::async, [this, args] { return Run(args); });
    for (int i = 0; i < 500; ++i) {
      std::ifstream in(port_file_);
      int port = 0;
      if (in >> port && port > 0) {
        stub_ = EchoService::NewStub(grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                                         grpc::InsecureChannelCredentials()));
        return port;
      }
      if (exit_.wait_for(std::chrono::milliseconds(20)) == std::future_status::ready) break;
    }
    ADD_FAILURE() << "the service did not start";
    return 0;
  }

  int Stop() {
    ::kill(::getpid(), SIGTERM);
    return exit_.get();
  }

  grpc::Status Echo(const std::string& text, int block_ms = 0, bool with_principal = true,
                    EchoResponse* out = nullptr) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (with_principal) {
      auth::Principal p;
      p.set_tenant_id("71053");
      p.set_subject("coordinator-1");
      p.add_roles(common::v1::ROLE_COORDINATOR);
      p.set_issuer("gateway");
      p.set_audience(audience_);
      p.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Seconds(30)));
      auto signed_principal = signer_->Sign(p);
      EXPECT_TRUE(signed_principal.ok());
      auth::AttachPrincipal(ctx, *signed_principal);
    }
    EchoRequest req;
    req.set_text(text);
    req.set_block_ms(block_ms);
    EchoResponse resp;
    grpc::Status s = stub_->Echo(&ctx, req, &resp);
    if (out != nullptr) *out = resp;
    return s;
  }

  int64_t CountNotes(const std::string& text) {
    pqxx::connection c(db_->dsn());
    pqxx::work tx(c);
    return tx.exec_params1("SELECT count(*) FROM notes WHERE text = $1", text)[0].as<int64_t>();
  }

  std::unique_ptr<meldpunt::testing::TestDatabase> db_;
  std::unique_ptr<auth::PrincipalSigner> signer_;
  std::string audience_ = "echo";  // what Echo() binds its principal to
  std::string public_keys_;
  std::string port_file_;
  ServiceSpec spec_;
  std::string greeting_ = "hallo";
  std::string built_with_greeting_;
  std::string note_text_;
  std::vector<std::string> order_;
  std::future<int> exit_;
  std::unique_ptr<EchoService::Stub> stub_;
};

TEST_F(ServiceMainTest, ServesAuthorisedCallsAndStopsInReverseOrder) {
  Start({"--greeting", "goeiedag"});
  EchoResponse resp;
  grpc::Status ok = Echo("hi", 0, true, &resp);
  ASSERT_TRUE(ok.ok()) << ok.error_message();
  EXPECT_EQ(resp.text(), "hi");
  EXPECT_EQ(resp.tenant_id(), "71053");
  EXPECT_FALSE(resp.request_id().empty());
  EXPECT_EQ(Echo("hi", 0, false).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Stop(), 0);
  EXPECT_EQ(built_with_greeting_, "goeiedag");
  EXPECT_EQ(order_, (std::vector<std::string>{"start a", "start b", "serving", "unserving",
                                              "stop b", "stop a"}));
}

// The verifier ServiceMain builds is bound to the service: the gateway's principal for another
// service (captured on its way there) is refused here.
TEST_F(ServiceMainTest, APrincipalMeantForAnotherServiceIsRefused) {
  Start({});
  ASSERT_TRUE(Echo("mine").ok());
  audience_ = "intake";
  grpc::Status s = Echo("replayed");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(status::Reason(status::FromGrpc(s)), "PRINCIPAL_WRONG_AUDIENCE");
  EXPECT_EQ(Stop(), 0);
}

// One worker, a call holding it: with --max-queue-wait a call arriving after the queued one has
// waited longer than the bound is refused at once, and the queued one is shed when it is taken.
TEST_F(ServiceMainTest, MaxQueueWaitReachesTheWorkerPool) {
  Start({"--worker-threads", "1", "--max-queue-wait", "50ms"});
  auto holder = std::async(std::launch::async, [this] { return Echo("hold", 600); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto queued = std::async(std::launch::async, [this] { return Echo("queued"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  // Refused, not queued behind the holder (without the bound it succeeds, test below).
  EXPECT_EQ(Echo("late").error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_TRUE(holder.get().ok());
  EXPECT_EQ(queued.get().error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Stop(), 0);
}

// The same calls without the bound all succeed: the refusals above come from the flag.
TEST_F(ServiceMainTest, WithoutMaxQueueWaitQueuedCallsWait) {
  Start({"--worker-threads", "1"});
  auto holder = std::async(std::launch::async, [this] { return Echo("hold", 400); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto queued = std::async(std::launch::async, [this] { return Echo("queued"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_TRUE(Echo("late").ok());
  EXPECT_TRUE(holder.get().ok());
  EXPECT_TRUE(queued.get().ok());
  EXPECT_EQ(Stop(), 0);
}

TEST_F(ServiceMainTest, MigrateCommandAppliesMigrationsAndExits) {
  EXPECT_EQ(Run({"migrate", "--pg-dsn", db_->dsn()}), 0);
  EXPECT_EQ(CountNotes("none"), 0);  // the table exists
  EXPECT_EQ(Run({"--migrate-only", "--pg-dsn", db_->dsn()}), 0);  // the older spelling
}

TEST_F(ServiceMainTest, MigrationsRunAsTheMigrationRoleAndTheServiceAsItsRuntimeRole) {
  auto owner = db_->OwnerRoleDsn();
  ASSERT_TRUE(owner.ok()) << owner.status();
  auto runtime = db_->ServiceRoleDsn();
  ASSERT_TRUE(runtime.ok()) << runtime.status();
  // The runtime role alone cannot migrate: it may not create tables.
  EXPECT_EQ(Run({"migrate", "--pg-dsn", *runtime}), 1);
  // The migrate command needs only the migration role; an operator command then writes as the
  // runtime role, through the owner's default privileges.
  EXPECT_EQ(Run({"migrate", "--migrate-pg-dsn", *owner}), 0);
  EXPECT_EQ(Run({"add-note", "--migrate", "--pg-dsn", *runtime, "--migrate-pg-dsn", *owner,
                 "--text", "als runtime"}),
            0);
  EXPECT_EQ(CountNotes("als runtime"), 1);
  pqxx::connection c(db_->dsn());
  pqxx::work tx(c);
  EXPECT_EQ(tx.exec1("SELECT tableowner FROM pg_tables WHERE tablename = 'notes'")[0].as<std::string>(),
            db_->name() + "_owner");
  // And the migrate command without any DSN is a usage error.
  EXPECT_EQ(Run({"migrate"}), 2);
}

TEST_F(ServiceMainTest, OperatorCommandTakesItsOwnFlags) {
  EXPECT_EQ(Run({"add-note", "--migrate", "--pg-dsn", db_->dsn(), "--text", "lamp kapot"}), 0);
  EXPECT_EQ(CountNotes("lamp kapot"), 1);
  // A serving flag is not a flag of the command, and the command's required flag is required.
  EXPECT_EQ(Run({"add-note", "--pg-dsn", db_->dsn(), "--text", "x", "--grpc-port", "1"}), 2);
  EXPECT_EQ(Run({"add-note", "--pg-dsn", db_->dsn()}), 2);
  EXPECT_EQ(CountNotes("x"), 0);
}

TEST_F(ServiceMainTest, BadUsageAndSettingsExitWithTwo) {
  EXPECT_EQ(Run({"no-such-command"}), 2);
  EXPECT_EQ(Run({"--pg-dsn", db_->dsn(), "--no-such-flag"}), 2);
  EXPECT_EQ(Run({"--pg-dsn", db_->dsn()}), 2);  // no principal keys
  EXPECT_EQ(Run({"--pg-dsn", db_->dsn(), "--principal-public-keys", public_keys_,
                 "--default-deadline", "20s", "--max-deadline", "10s"}),
            2);
  EXPECT_EQ(Run({"--help"}), 0);
  EXPECT_EQ(Run({"add-note", "--help"}), 0);
  EXPECT_EQ(Run({"help"}), 0);
}

TEST_F(ServiceMainTest, FailingBuildIsAStartFailure) {
  spec_.build = [](ServiceContext&) { return status::Internal("BROKEN", "cannot build"); };
  std::vector<std::string> args = ServeArgs();
  EXPECT_EQ(Run(args), 1);
}

}  // namespace
}  // namespace meldpunt::server
