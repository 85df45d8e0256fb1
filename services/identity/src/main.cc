// meldpunt-identity: wiring only. ServiceMain (libs/server/service_main.h) does the start-up and
// shut-down every service shares; identity_wiring.cc makes identity's parts.
//
//   meldpunt-identity [serve]                     the gRPC service
//   meldpunt-identity migrate                     apply pending migrations and exit
//   meldpunt-identity import-zones --tenant-id N --zones-geojson FILE
//   meldpunt-identity create-staff --tenant-id N --username U --display-name D --staff-roles r1,r2
//                                                 (password on stdin: never on argv)
//   meldpunt-identity set-assurance-policy --tenant-id N [--read-profile L] [--change-profile L]
#include "libs/server/service_main.h"
#include "migrations/events.h"
#include "migrations/identity.h"
#include "services/identity/src/admin/assurance_policy_command.h"
#include "services/identity/src/admin/create_staff_command.h"
#include "services/identity/src/admin/import_zones_command.h"
#include "services/identity/src/identity_options.h"
#include "services/identity/src/identity_wiring.h"

int main(int argc, char** argv) {
  using namespace meldpunt;
  identity::IdentityOptions options;
  identity::admin::ImportZonesOptions zones;
  identity::admin::CreateStaffOptions staff;
  identity::admin::AssurancePolicyOptions assurance;
  server::ServiceSpec spec;
  spec.name = "identity";
  spec.default_grpc_port = 50062;
  spec.migrations = {{"events", migrations::events()}, {"identity", migrations::identity()}};
  spec.register_flags = [&](config::Flags& flags) {
    identity::RegisterIdentityFlags(flags, &options);
  };
  spec.validate = [&](const server::ServiceOptions&) {
    return identity::ValidateIdentityOptions(&options);
  };
  spec.build = [&](server::ServiceContext& context) {
    return identity::BuildIdentity(options, context);
  };
  spec.commands = {identity::admin::ImportZonesCommand(&zones),
                   identity::admin::CreateStaffCommand(&staff),
                   identity::admin::AssurancePolicyCommand(&assurance)};
  return server::ServiceMain(argc, argv, spec);
}
