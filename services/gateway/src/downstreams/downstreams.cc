#include "services/gateway/src/downstreams/downstreams.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include "absl/strings/str_cat.h"
#include "libs/status/status.h"

namespace meldpunt::gateway {

const std::vector<KnownService>& KnownServices() {
  static const std::vector<KnownService>* known = new std::vector<KnownService>{
      {"intake", "meldpunt.intake.v1.IntakeService"},
      {"identity", "meldpunt.identity.v1.IdentityService"},
      {"dispatch", "meldpunt.dispatch.v1.DispatchService"},
      {"notification", "meldpunt.notification.v1.NotificationService"},
      {"analytics", "meldpunt.analytics.v1.AnalyticsService"},
  };
  return *known;
}

absl::StatusOr<std::unique_ptr<Downstreams>> Downstreams::Create(
    const std::map<std::string, std::string>& addresses, int max_message_bytes) {
  auto out = std::make_unique<Downstreams>();
  for (const auto& [name, address] : addresses) {
    if (address.empty()) continue;
    const KnownService* known = nullptr;
    for (const auto& k : KnownServices()) {
      if (name == k.name) known = &k;
    }
    if (known == nullptr) {
      return status::InvalidArgument("INVALID_CONFIGURATION", absl::StrCat("unknown service ", name));
    }
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(max_message_bytes);
    args.SetMaxSendMessageSize(max_message_bytes);
    // Plain TCP inside the cluster (see libs/server/grpc_server.cc): the principal is signed.
    auto d = std::make_unique<Downstream>();
    d->name = name;
    d->full_name = known->full_name;
    d->channel = grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
    d->stub = std::make_unique<grpc::GenericStub>(d->channel);
    out->all_.push_back(std::move(d));
  }
  return out;
}

std::string_view Downstreams::NameOf(std::string_view full_method) {
  constexpr std::string_view kPrefix = "/meldpunt.";
  if (full_method.substr(0, kPrefix.size()) != kPrefix) return {};
  std::string_view rest = full_method.substr(kPrefix.size());
  auto dot = rest.find('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return rest.substr(0, dot);
}

const Downstream* Downstreams::Find(std::string_view name) const {
  for (const auto& d : all_) {
    if (d->name == name) return d.get();
  }
  return nullptr;
}

}  // namespace meldpunt::gateway
