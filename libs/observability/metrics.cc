#include "libs/observability/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"

namespace meldpunt::observability {
namespace {

// "/meldpunt.intake.v1.IntakeService/CreateReport" → service and method labels.
std::pair<std::string, std::string> SplitMethod(const std::string& full_method) {
  auto slash = full_method.rfind('/');
  if (full_method.size() < 2 || slash == std::string::npos || slash == 0) return {"", full_method};
  return {full_method.substr(1, slash - 1), full_method.substr(slash + 1)};
}

}  // namespace

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {
  handled_ = &prometheus::BuildCounter()
                  .Name("grpc_server_handled_total")
                  .Help("RPCs completed on the server, by method and status code.")
                  .Register(*registry_);
  latency_ = &prometheus::BuildHistogram()
                  .Name("grpc_server_handling_seconds")
                  .Help("Time from receiving a call to sending its status.")
                  .Register(*registry_);
}

absl::StatusOr<std::unique_ptr<Metrics>> Metrics::Create(const std::string& bind_address) {
  std::unique_ptr<Metrics> metrics(new Metrics());
  if (!bind_address.empty()) {
    try {
      metrics->exposer_ = std::make_unique<prometheus::Exposer>(bind_address);
    } catch (const std::exception& e) {
      return status::Unavailable("METRICS_BIND_FAILED",
                                 absl::StrCat("cannot serve metrics on ", bind_address, ": ", e.what()));
    }
    metrics->exposer_->RegisterCollectable(metrics->registry_);
  }
  metrics->sampler_thread_ = std::thread([m = metrics.get()] { m->SamplerLoop(); });
  return metrics;
}

Metrics::~Metrics() { StopSamplers(); }

void Metrics::StopSamplers() {
  {
    std::lock_guard<std::mutex> lock(sampler_mu_);
    stopping_ = true;
  }
  sampler_cv_.notify_all();
  if (sampler_thread_.joinable()) sampler_thread_.join();
}

void Metrics::RecordRpc(const std::string& full_method, const std::string& code, double seconds) {
  auto [service, method] = SplitMethod(full_method);
  handled_->Add({{"grpc_service", service}, {"grpc_method", method}, {"grpc_code", code}})
      .Increment();
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  latency_->Add({{"grpc_service", service}, {"grpc_method", method}}, kBuckets).Observe(seconds);
}

prometheus::Gauge& Metrics::Gauge(const std::string& name, const std::string& help,
                                  const std::map<std::string, std::string>& labels) {
  std::lock_guard<std::mutex> lock(gauges_mu_);
  auto it = gauge_families_.find(name);
  if (it == gauge_families_.end()) {
    auto& family = prometheus::BuildGauge().Name(name).Help(help).Register(*registry_);
    it = gauge_families_.emplace(name, &family).first;
  }
  return it->second->Add(labels);
}

void Metrics::AddSampler(std::function<void()> sample, std::chrono::milliseconds period) {
  {
    std::lock_guard<std::mutex> lock(sampler_mu_);
    samplers_.push_back({std::move(sample), period, std::chrono::steady_clock::now()});
  }
  sampler_cv_.notify_all();
}

void Metrics::SamplerLoop() {
  std::unique_lock<std::mutex> lock(sampler_mu_);
  while (!stopping_) {
    auto now = std::chrono::steady_clock::now();
    auto next = now + std::chrono::seconds(60);
    std::vector<std::function<void()>> due;
    for (auto& s : samplers_) {
      if (s.next <= now) {
        due.push_back(s.sample);
        s.next = now + s.period;
      }
      next = std::min(next, s.next);
    }
    // Samplers query databases: never while holding the lock AddSampler needs.
    lock.unlock();
    for (auto& sample : due) sample();
    lock.lock();
    const std::size_t known = samplers_.size();
    sampler_cv_.wait_until(lock, next, [&] { return stopping_ || samplers_.size() != known; });
  }
}

std::string Metrics::Scrape() const {
  prometheus::TextSerializer serializer;
  return serializer.Serialize(registry_->Collect());
}

int Metrics::exposer_port() const {
  if (!exposer_) return 0;
  auto ports = exposer_->GetListeningPorts();
  return ports.empty() ? 0 : ports.front();
}

}  // namespace meldpunt::observability
