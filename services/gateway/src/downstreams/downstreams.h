#pragma once
// The services behind the gateway: one channel and one generic stub each, created at start-up and
// shared by every call. A method is routed by its package: /meldpunt.<name>.v1.<Service>/<Method>
// goes to the service called <name>, whose address comes from --service-addr-<name>.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <grpcpp/channel.h>
#include <grpcpp/generic/generic_stub.h>

#include "absl/status/statusor.h"

namespace meldpunt::gateway {

// The services the gateway can forward to, by name ("intake") and gRPC service full name.
struct KnownService {
  const char* name;
  const char* full_name;  // also its health-check service name
};
const std::vector<KnownService>& KnownServices();

struct Downstream {
  std::string name;
  std::string full_name;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<grpc::GenericStub> stub;
};

class Downstreams {
 public:
  // addresses: name → "host:port" for the configured services; names must be known ones.
  // max_message_bytes bounds responses coming back.
  static absl::StatusOr<std::unique_ptr<Downstreams>> Create(
      const std::map<std::string, std::string>& addresses, int max_message_bytes);

  // The service the method's package names ("intake" for /meldpunt.intake.v1.X/Y); "" if none.
  static std::string_view NameOf(std::string_view full_method);

  // nullptr when that service has no address configured.
  const Downstream* Find(std::string_view name) const;

  const std::vector<std::unique_ptr<Downstream>>& all() const { return all_; }

 private:
  std::vector<std::unique_ptr<Downstream>> all_;
};

}  // namespace meldpunt::gateway
