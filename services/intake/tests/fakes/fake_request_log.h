#pragma once
// libs/idempotency's contract in memory, for the fake repositories: per tenant and method a
// request id is answered once; the same id with the same fingerprint gets the stored answer, with
// another fingerprint ALREADY_EXISTS (REQUEST_ID_REUSED).

#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "absl/status/statusor.h"
#include "libs/idempotency/request_log.h"
#include "libs/status/status.h"

namespace meldpunt::intake::testing {

class FakeRequestLog {
 public:
  // nullopt for a new request, else the stored response.
  absl::StatusOr<std::optional<std::string>> Begin(const std::string& tenant_id,
                                                   const std::string& method,
                                                   const std::string& request_id,
                                                   const std::string& fingerprint) const {
    auto it = entries_.find({tenant_id, method, request_id});
    if (it == entries_.end()) return std::optional<std::string>();
    if (it->second.fingerprint != fingerprint) {
      return status::Error(absl::StatusCode::kAlreadyExists, idempotency::kReasonRequestIdReused,
                           "request_id was used for another request");
    }
    return std::optional<std::string>(it->second.response);
  }

  void Record(const std::string& tenant_id, const std::string& method, const std::string& request_id,
              const std::string& fingerprint, const std::string& response) {
    entries_[{tenant_id, method, request_id}] = {fingerprint, response};
  }

 private:
  struct Entry {
    std::string fingerprint;
    std::string response;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Entry> entries_;
};

}  // namespace meldpunt::intake::testing
