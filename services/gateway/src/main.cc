// meldpunt-gateway: wiring only. ServiceMain (libs/server/service_main.h) does the start-up and
// shut-down every service shares; gateway_wiring.cc makes the gateway's parts.
#include "libs/server/service_main.h"
#include "migrations/gateway.h"
#include "services/gateway/src/admin/create_api_client_command.h"
#include "services/gateway/src/gateway_options.h"
#include "services/gateway/src/gateway_wiring.h"

int main(int argc, char** argv) {
  using namespace meldpunt;
  gateway::GatewayOptions options;
  gateway::BootstrapClientSpec bootstrap;
  server::ServiceSpec spec;
  spec.name = "gateway";
  spec.default_grpc_port = 50050;
  // The gateway signs principals; the services verify them.
  spec.verifies_principals = false;
  spec.migrations = {{"gateway", migrations::gateway()}};
  spec.defaults = gateway::ApplyGatewayDefaults;
  spec.register_flags = [&](config::Flags& flags) { gateway::RegisterGatewayFlags(flags, &options); };
  spec.validate = [&](const server::ServiceOptions& shared) {
    return gateway::ValidateGatewayOptions(options, shared);
  };
  spec.build = [&](server::ServiceContext& context) {
    return gateway::BuildGateway(options, context);
  };
  spec.commands = {gateway::CreateApiClientCommand(&bootstrap)};
  return server::ServiceMain(argc, argv, spec);
}
