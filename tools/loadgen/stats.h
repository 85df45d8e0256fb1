#pragma once
// Latency and outcome bookkeeping of a load run: one recorder per worker thread (no contention
// on the hot path), merged at the end.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace meldpunt::loadgen {

class Recorder {
 public:
  void Record(std::chrono::nanoseconds latency, const std::string& code) {
    latencies_us_.push_back(std::chrono::duration_cast<std::chrono::microseconds>(latency).count());
    ++codes_[code];
  }
  void Merge(const Recorder& other);

  struct Summary {
    std::uint64_t calls = 0;
    std::uint64_t ok = 0;
    double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0, mean_ms = 0;
    std::map<std::string, std::uint64_t> codes;
  };
  // Percentiles by the nearest-rank method over every recorded call.
  Summary Summarize() const;

 private:
  std::vector<std::int64_t> latencies_us_;
  std::map<std::string, std::uint64_t> codes_;
};

}  // namespace meldpunt::loadgen
