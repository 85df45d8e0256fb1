#pragma once
// Runs KeyRing::Reload every TokenSettings::key_reload_interval on a background thread, so every
// replica rotates when due and picks up keys other replicas created. A failed reload is logged
// and the ring keeps the keys it has (they stay valid; see KeyRing).

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "libs/time/clock.h"
#include "libs/observability/log.h"
#include "services/identity/src/tokens/key_ring.h"

namespace meldpunt::identity::tokens {

class KeyReloader {
 public:
  // ring, clock and log must outlive the reloader; log may be null.
  KeyReloader(KeyRing* ring, const time::Clock* clock, observability::Logger* log)
      : ring_(ring), clock_(clock), log_(log) {}
  ~KeyReloader();  // Stop()

  KeyReloader(const KeyReloader&) = delete;
  KeyReloader& operator=(const KeyReloader&) = delete;

  // The first reload one interval from now (KeyRing::Create has just loaded), then every
  // interval until Stop().
  void Start();
  void Stop();

 private:
  void Loop();
  std::string ActiveKeyId() const;

  KeyRing* const ring_;
  const time::Clock* const clock_;
  observability::Logger* const log_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace meldpunt::identity::tokens
