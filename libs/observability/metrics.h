#pragma once
// Prometheus metrics of one process: a registry, an optional HTTP exposer (/metrics), the gRPC
// server families every service shares, and a sampler for gauges that are read rather than
// counted (pool usage, outbox backlog, consumer lag).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"

namespace prometheus {
class Registry;
class Exposer;
class Counter;
class Gauge;
class Histogram;
template <typename T>
class Family;
}  // namespace prometheus

namespace meldpunt::observability {

class Metrics {
 public:
  // bind_address "127.0.0.1:9460" starts an exposer; empty keeps the registry in-process only
  // (tests read it with Scrape()).
  static absl::StatusOr<std::unique_ptr<Metrics>> Create(const std::string& bind_address);
  ~Metrics();

  prometheus::Registry& registry() { return *registry_; }

  // grpc_server_handled_total{grpc_service, grpc_method, grpc_code} and
  // grpc_server_handling_seconds{grpc_service, grpc_method}.
  void RecordRpc(const std::string& full_method, const std::string& code, double seconds);

  // A gauge by name and labels, created on first use.
  prometheus::Gauge& Gauge(const std::string& name, const std::string& help,
                           const std::map<std::string, std::string>& labels);

  // Calls sample every period on a background thread until destruction: for values that are
  // cheaper to read now and then than to track (pool stats, outbox backlog).
  void AddSampler(std::function<void()> sample, std::chrono::milliseconds period);

  // Stops the sampler thread (idempotent; the destructor calls it too). Call it before
  // destroying anything a sampler reads, e.g. at the start of a service's shutdown.
  void StopSamplers();

  // Text exposition of the registry, as /metrics would answer.
  std::string Scrape() const;

  int exposer_port() const;

 private:
  Metrics();
  void SamplerLoop();

  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  prometheus::Family<prometheus::Counter>* handled_;
  prometheus::Family<prometheus::Histogram>* latency_;
  std::mutex gauges_mu_;
  std::map<std::string, prometheus::Family<prometheus::Gauge>*> gauge_families_;

  struct Sampler {
    std::function<void()> sample;
    std::chrono::milliseconds period;
    std::chrono::steady_clock::time_point next;
  };
  std::mutex sampler_mu_;
  std::condition_variable sampler_cv_;
  std::vector<Sampler> samplers_;
  bool stopping_ = false;
  std::thread sampler_thread_;
};

}  // namespace meldpunt::observability
