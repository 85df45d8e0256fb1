#include "tools/loadgen/stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace meldpunt::loadgen {

void Recorder::Merge(const Recorder& other) {
  latencies_us_.insert(latencies_us_.end(), other.latencies_us_.begin(), other.latencies_us_.end());
  for (const auto& [code, n] : other.codes_) codes_[code] += n;
}

Recorder::Summary Recorder::Summarize() const {
  Summary s;
  s.codes = codes_;
  s.calls = latencies_us_.size();
  auto ok = codes_.find("OK");
  s.ok = ok == codes_.end() ? 0 : ok->second;
  if (latencies_us_.empty()) return s;
  std::vector<std::int64_t> sorted = latencies_us_;
  std::sort(sorted.begin(), sorted.end());
  auto rank = [&](double q) {
    auto idx = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size()))) ;
    idx = idx == 0 ? 0 : idx - 1;
    return static_cast<double>(sorted[std::min(idx, sorted.size() - 1)]) / 1000.0;
  };
  s.p50_ms = rank(0.50);
  s.p90_ms = rank(0.90);
  s.p99_ms = rank(0.99);
  s.max_ms = static_cast<double>(sorted.back()) / 1000.0;
  s.mean_ms = static_cast<double>(std::accumulate(sorted.begin(), sorted.end(), std::int64_t{0})) /
              static_cast<double>(sorted.size()) / 1000.0;
  return s;
}

}  // namespace meldpunt::loadgen
