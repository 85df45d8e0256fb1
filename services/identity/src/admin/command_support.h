#pragma once
// What identity's operator commands share: the --tenant-id flag they all take, and the log line
// a failed command writes (the same line main.cc writes when serving fails).

#include <string>

#include "absl/status/status.h"
#include "libs/config/flags.h"
#include "libs/observability/log.h"

namespace meldpunt::identity::admin {

inline void RegisterTenantIdFlag(config::Flags& flags, std::string* tenant_id) {
  flags.String("tenant-id", tenant_id, "the tenant's NIS code, e.g. 71053");
}

// Logs `what` with the error at level error; returns the command's exit code, 1.
inline int CommandFailed(observability::Logger& log, const std::string& what,
                         const absl::Status& s) {
  log.Write(observability::LogLine(observability::LogLevel::kError, "identity", what)
                .Add("error", std::string(s.message()))
                .Finish());
  return 1;
}

}  // namespace meldpunt::identity::admin
