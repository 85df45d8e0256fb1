#include "absl/strings/numbers.h"
#include "libs/redis/client.h"

namespace meldpunt::redis {

bool ParseAddress(std::string_view host_port, RedisOptions& options) {
  const std::size_t colon = host_port.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  int port = 0;
  const std::string_view digits = host_port.substr(colon + 1);
  if (!absl::SimpleAtoi(absl::string_view(digits.data(), digits.size()), &port) || port <= 0 ||
      port > 65535) {
    return false;
  }
  options.host = std::string(host_port.substr(0, colon));
  options.port = port;
  return true;
}

}  // namespace meldpunt::redis
