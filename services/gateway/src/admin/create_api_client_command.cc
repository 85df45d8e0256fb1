#include "services/gateway/src/admin/create_api_client_command.h"

#include <iostream>

#include "libs/status/status.h"
#include "services/gateway/src/keys/pg_api_client_repository.h"

namespace meldpunt::gateway {
namespace {

absl::Status Missing(const std::string& flag) {
  return status::InvalidArgument(
      "INVALID_CONFIGURATION",
      "missing required setting --" + flag + " (or " + config::Flags::EnvName(flag) + ")");
}

}  // namespace

server::Command CreateApiClientCommand(BootstrapClientSpec* spec) {
  spec->rate_class = "standard";
  server::Command c;
  c.name = "create-api-client";
  c.summary = "create an API client (--client-*), print its key on stdout and exit";
  c.register_flags = [spec](config::Flags& flags) {
    flags.String("client-name", &spec->name, "the client's name")
        .String("client-tenant-ids", &spec->tenant_ids, "NIS codes, comma-separated")
        .String("client-roles", &spec->roles, "roles, comma-separated (e.g. integrator,citizen)")
        .String("client-rate-class", &spec->rate_class, "low, standard or high")
        .String("client-request-id", &spec->request_id, "idempotency key (default: a fresh one)");
  };
  c.validate = [spec]() -> absl::Status {
    if (spec->name.empty()) return Missing("client-name");
    if (spec->tenant_ids.empty()) return Missing("client-tenant-ids");
    if (spec->roles.empty()) return Missing("client-roles");
    return absl::OkStatus();
  };
  c.run = [spec](server::CommandContext& ctx) {
    PgApiClientRepository clients(ctx.pool);
    auto created = CreateBootstrapClient(&clients, *spec);
    if (!created.ok()) {
      ctx.log.Write(observability::LogLine(observability::LogLevel::kError, "gateway",
                                           "cannot create the API client")
                        .Add("error", std::string(created.status().message()))
                        .Finish());
      return 1;
    }
    ctx.log.Write(
        observability::LogLine(observability::LogLevel::kInfo, "gateway", "api client created")
            .Add("api_client_id", created->api_client().id())
            .Add("key_prefix", created->api_client().key_prefix())
            .Add("replayed", created->api_key().empty())
            .Finish());
    if (created->api_key().empty()) {
      std::cerr << "meldpunt-gateway: that request id was used before; its key was shown then "
                   "and is not stored\n";
      return 3;
    }
    std::cout << created->api_key() << std::endl;
    return 0;
  };
  return c;
}

}  // namespace meldpunt::gateway
