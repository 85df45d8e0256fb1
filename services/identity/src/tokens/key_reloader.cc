#include "services/identity/src/tokens/key_reloader.h"

#include <chrono>

#include "libs/status/status.h"

namespace meldpunt::identity::tokens {

KeyReloader::~KeyReloader() { Stop(); }

void KeyReloader::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void KeyReloader::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::string KeyReloader::ActiveKeyId() const {
  auto signer = ring_->ActiveSigner();
  return signer.ok() ? (*signer)->key_id() : std::string();
}

void KeyReloader::Loop() {
  const auto interval = absl::ToChronoMilliseconds(ring_->settings().key_reload_interval);
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, interval, [this] { return stopping_; })) {
    lock.unlock();
    const std::string before = ActiveKeyId();
    absl::Status s = ring_->Reload(clock_->Now());
    const std::string after = ActiveKeyId();
    if (s.ok() && after != before && log_ != nullptr) {
      log_->Write(observability::LogLine(observability::LogLevel::kInfo, "identity",
                                         "signing key changed")
                      .Add("previous_key_id", before)
                      .Add("key_id", after)
                      .Finish());
    }
    if (!s.ok() && log_ != nullptr) {
      log_->Write(observability::LogLine(observability::LogLevel::kError, "identity",
                                         "signing keys not reloaded; the keys loaded before stay in use")
                      .Add("reason", status::Reason(s))
                      .Add("error", std::string(s.message()))
                      .Finish());
    }
    lock.lock();
  }
}

}  // namespace meldpunt::identity::tokens
