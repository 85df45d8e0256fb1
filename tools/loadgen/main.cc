// meldpunt-loadgen: drives one Meldpunt method over gRPC and reports throughput, latency
// percentiles and outcomes by status code.
//
// Two modes:
//  * closed: --concurrency callers, each starting its next call when the last one returns;
//  * rate:   calls are scheduled at a fixed --rate; latency is measured from the scheduled start,
//            so a server that falls behind shows it in the percentiles (no coordinated omission).
// Calls that start during --warmup are made but not counted.
#include <atomic>
#include <cstdio>
#include <iostream>
#include <fstream>
#include <random>
#include <thread>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "libs/auth/authorize.h"
#include "libs/auth/principal.h"
#include "libs/config/flags.h"
#include "meldpunt/intake/v1/intake_service.grpc.pb.h"
#include "tools/loadgen/stats.h"

namespace meldpunt::loadgen {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string target;
  std::string method = "create-report";
  std::string mode = "closed";
  int64_t concurrency = 16;
  int64_t rate = 100;
  std::chrono::milliseconds warmup{5000};
  std::chrono::milliseconds duration{30000};
  std::chrono::milliseconds deadline{5000};
  std::string api_key;
  std::string signing_key;  // kid:/path.pem: sign principals directly (calls straight to a service)
  std::string tenant = "71053";
  std::string role = "integrator";
  std::string category = "verkeersveiligheid";
  // Comma-separated; when set, each report takes one at random (overrides --category).
  std::string categories;
  // "lat lon" per line; when set, each report is placed at one of them at random, instead of in
  // a 2 x 2 km square of the centre (a crowded worst case for the duplicate search).
  std::string points_file;
  std::string channel = "integration";
  std::string label;
};

// What every caller draws from: categories and places, read once.
struct Mix {
  std::vector<std::string> categories;
  std::vector<std::pair<double, double>> points;
};

const char* CodeName(grpc::StatusCode code) {
  static const char* kNames[] = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
                                 "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
                                 "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
                                 "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL",
                                 "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};
  int i = static_cast<int>(code);
  return i >= 0 && i <= 16 ? kNames[i] : "UNKNOWN";
}

class Caller {
 public:
  Caller(const Options& o, const Mix& mix, std::shared_ptr<grpc::Channel> channel,
         const auth::PrincipalSigner* signer, int worker)
      : o_(o), mix_(mix), stub_(intake::v1::IntakeService::NewStub(channel)), signer_(signer),
        rng_(std::random_device{}() + worker), prefix_(absl::StrCat("lg-", ::getpid(), "-", worker, "-")) {}

  grpc::StatusCode Call() {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + o_.deadline);
    Authenticate(ctx);
    grpc::Status status;
    if (o_.method == "list-categories") {
      intake::v1::ListCategoriesRequest req;
      intake::v1::ListCategoriesResponse resp;
      status = stub_->ListCategories(&ctx, req, &resp);
    } else {
      intake::v1::CreateReportRequest req = MakeReport();
      intake::v1::CreateReportResponse resp;
      status = stub_->CreateReport(&ctx, req, &resp);
    }
    if (!status.ok() && !reported_error_.exchange(true)) {
      std::cerr << "first error: " << CodeName(status.error_code()) << " " << status.error_message() << "\n";
    }
    return status.error_code();
  }

 private:
  void Authenticate(grpc::ClientContext& ctx) {
    if (!o_.api_key.empty()) ctx.AddMetadata("x-api-key", o_.api_key);
    if (signer_ == nullptr) return;
    // A fresh short-lived principal per call, as the gateway would attach.
    auth::Principal p;
    p.set_tenant_id(o_.tenant);
    p.set_subject("loadgen");
    p.set_kind(common::v1::PRINCIPAL_KIND_API_CLIENT);
    common::v1::Role role;
    std::string name = "ROLE_" + o_.role;
    for (auto& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!common::v1::Role_Parse(name, &role)) role = common::v1::ROLE_INTEGRATOR;
    p.add_roles(role);
    p.mutable_expires_at()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Minutes(1)));
    p.set_issuer("loadgen");
    auto signed_principal = signer_->Sign(p);
    if (signed_principal.ok()) auth::AttachPrincipal(ctx, *signed_principal);
  }

  intake::v1::CreateReportRequest MakeReport() {
    // Points in the centre of Sint-Truiden, inside the municipality.
    std::uniform_real_distribution<double> lat(50.805, 50.825), lon(5.170, 5.200);
    intake::v1::CreateReportRequest req;
    req.set_request_id(prefix_ + std::to_string(seq_++));
    req.set_category_code(Pick(mix_.categories));
    common::v1::Channel channel;
    std::string name = "CHANNEL_" + o_.channel;
    for (auto& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    req.set_channel(common::v1::Channel_Parse(name, &channel) ? channel : common::v1::CHANNEL_INTEGRATION);
    req.mutable_reporter()->mutable_guest()->set_first_name("Load");
    req.mutable_reporter()->mutable_guest()->set_last_name("Generator");
    if (mix_.points.empty()) {
      req.mutable_location()->set_latitude(lat(rng_));
      req.mutable_location()->set_longitude(lon(rng_));
    } else {
      const auto& point = Pick(mix_.points);
      req.mutable_location()->set_latitude(point.first);
      req.mutable_location()->set_longitude(point.second);
    }
    req.set_description("Onveilige oversteekplaats, gemeld door de lastgenerator.");
    return req;
  }

  template <typename T>
  const T& Pick(const std::vector<T>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(rng_)];
  }

  const Options& o_;
  const Mix& mix_;
  std::unique_ptr<intake::v1::IntakeService::Stub> stub_;
  const auth::PrincipalSigner* signer_;
  std::mt19937_64 rng_;
  std::string prefix_;
  uint64_t seq_ = 0;
  static std::atomic<bool> reported_error_;
};
std::atomic<bool> Caller::reported_error_{false};

int Run(int argc, char** argv) {
  Options o;
  config::Flags flags("meldpunt-loadgen");
  flags.String("target", &o.target, "host:port of the gateway or a service", true)
      .String("method", &o.method, "create-report or list-categories")
      .String("mode", &o.mode, "closed (fixed concurrency) or rate (fixed arrival rate)")
      .Int("concurrency", &o.concurrency, "callers (closed) or worker threads (rate)", 1, 1024)
      .Int("rate", &o.rate, "calls per second in rate mode", 1, 1000000)
      .Duration("warmup", &o.warmup, "calls started in this first period are not counted")
      .Duration("duration", &o.duration, "measured period after the warm-up")
      .Duration("deadline", &o.deadline, "deadline of each call")
      .String("api-key", &o.api_key, "API key for the gateway (x-api-key)")
      .String("signing-key", &o.signing_key, "kid:/path.pem to sign principals (straight to a service)")
      .String("tenant", &o.tenant, "tenant of signed principals")
      .String("role", &o.role, "role of signed principals, e.g. integrator")
      .String("category", &o.category, "category code of created reports")
      .String("categories", &o.categories,
              "comma-separated category codes, one drawn at random per report")
      .String("points-file", &o.points_file,
              "file of \"lat lon\" lines; each report is placed at one at random")
      .String("channel", &o.channel, "channel of created reports, e.g. integration")
      .String("label", &o.label, "name of this run in the output");
  absl::Status parsed = flags.Parse(argc, argv);
  if (parsed.code() == absl::StatusCode::kCancelled) return 0;
  if (!parsed.ok() || (o.mode != "closed" && o.mode != "rate") ||
      (o.method != "create-report" && o.method != "list-categories")) {
    std::cerr << "meldpunt-loadgen: " << (parsed.ok() ? "bad --mode or --method" : parsed.message()) << "\n";
    return 2;
  }
  std::unique_ptr<auth::PrincipalSigner> signer;
  if (!o.signing_key.empty()) {
    auto colon = o.signing_key.find(':');
    auto s = auth::PrincipalSigner::FromFile(o.signing_key.substr(0, colon),
                                             colon == std::string::npos ? "" : o.signing_key.substr(colon + 1));
    if (!s.ok()) {
      std::cerr << "meldpunt-loadgen: " << s.status().message() << "\n";
      return 2;
    }
    signer = std::move(*s);
  }

  Mix mix;
  mix.categories = o.categories.empty() ? std::vector<std::string>{o.category}
                                        : absl::StrSplit(o.categories, ',', absl::SkipEmpty());
  if (!o.points_file.empty()) {
    std::ifstream in(o.points_file);
    double lat = 0, lon = 0;
    while (in >> lat >> lon) mix.points.emplace_back(lat, lon);
    if (mix.points.empty()) {
      std::cerr << "meldpunt-loadgen: no \"lat lon\" lines in " << o.points_file << "\n";
      return 2;
    }
  }

  // A few channels so one HTTP/2 connection does not become the bottleneck of the generator.
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < 4; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("grpc.channel_id", i);  // distinct args → distinct subchannels
    channels.push_back(grpc::CreateCustomChannel(o.target, grpc::InsecureChannelCredentials(), args));
  }

  const auto start = Clock::now();
  const auto measure_from = start + o.warmup;
  const auto end = measure_from + o.duration;
  std::atomic<uint64_t> next_slot{0};
  const auto interval = std::chrono::nanoseconds(1000000000LL / o.rate);
  std::vector<Recorder> recorders(o.concurrency);
  std::vector<std::thread> threads;
  for (int w = 0; w < o.concurrency; ++w) {
    threads.emplace_back([&, w] {
      Caller caller(o, mix, channels[w % channels.size()], signer.get(), w);
      for (;;) {
        Clock::time_point intended;
        if (o.mode == "rate") {
          intended = start + interval * next_slot.fetch_add(1);
          // A server that cannot keep up leaves a backlog of slots; the run still ends on time,
          // and the slots never started are reported (not silently dropped from the figures).
          if (intended >= end || Clock::now() >= end) return;
          std::this_thread::sleep_until(intended);
        } else {
          intended = Clock::now();
          if (intended >= end) return;
        }
        grpc::StatusCode code = caller.Call();
        if (intended >= measure_from) recorders[w].Record(Clock::now() - intended, CodeName(code));
      }
    });
  }
  for (auto& t : threads) t.join();
  Recorder all;
  for (const auto& r : recorders) all.Merge(r);
  const auto s = all.Summarize();
  const double seconds = std::chrono::duration<double>(o.duration).count();
  std::printf("%s mode=%s concurrency=%lld%s calls=%llu ok=%llu throughput=%.0f/s "
              "p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms mean=%.2fms\n",
              o.label.empty() ? o.method.c_str() : o.label.c_str(), o.mode.c_str(),
              static_cast<long long>(o.concurrency),
              o.mode == "rate" ? absl::StrCat(" rate=", o.rate, "/s").c_str() : "",
              static_cast<unsigned long long>(s.calls), static_cast<unsigned long long>(s.ok),
              static_cast<double>(s.ok) / seconds, s.p50_ms, s.p90_ms, s.p99_ms, s.max_ms, s.mean_ms);
  if (o.mode == "rate") {
    const auto scheduled = static_cast<unsigned long long>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(o.warmup + o.duration).count() /
        interval.count());
    const auto started = std::min<unsigned long long>(next_slot.load(), scheduled);
    if (started < scheduled) {
      std::printf("  NOT_STARTED: %llu of %llu scheduled calls (all callers were busy)\n",
                  scheduled - started, scheduled);
    }
  }
  for (const auto& [code, n] : s.codes) {
    if (code != "OK") std::printf("  %s: %llu\n", code.c_str(), static_cast<unsigned long long>(n));
  }
  return s.ok > 0 ? 0 : 1;
}

}  // namespace
}  // namespace meldpunt::loadgen

int main(int argc, char** argv) { return meldpunt::loadgen::Run(argc, argv); }
