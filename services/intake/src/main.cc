// meldpunt-intake: wiring only. ServiceMain (libs/server/service_main.h) does the start-up and
// shut-down every service shares; the logic lives in the intake library beside this file.
#include "libs/idempotency/request_log_pruner.h"
#include "libs/server/service_main.h"
#include "migrations/events.h"
#include "migrations/idempotency.h"
#include "migrations/intake.h"
#include "services/intake/src/admin/import_zones_command.h"
#include "services/intake/src/api/intake_service.h"
#include "services/intake/src/categories/pg_category_repository.h"
#include "services/intake/src/events/pg_status_projection.h"
#include "services/intake/src/intake_options.h"
#include "services/intake/src/media/pg_media_repository.h"
#include "services/intake/src/reports/pg_report_repository.h"

namespace meldpunt::intake {
namespace {

absl::Status Build(const IntakeOptions& options, server::ServiceContext& context) {
  // Started first: events written by handlers wait in the outbox while Redis is down.
  events::OutboxRelay& relay = context.Relay();
  auto* projection = context.Make<StatusProjectionHandler>();
  if (absl::Status s = context.Consume("dispatch", kStatusProjectionGroup, *projection); !s.ok()) {
    return s;
  }
  IntakeServiceDeps deps;
  deps.calls = &context.calls();
  deps.categories = context.Make<PgCategoryRepository>(&context.pool());
  deps.reports = context.Make<PgReportRepository>(&context.pool(), &context.clock());
  deps.media = context.Make<PgMediaRepository>(&context.pool(), &context.clock());
  deps.settings = SettingsFrom(options);
  deps.events_written = [&relay] { relay.Wake(); };
  auto* service = context.Make<IntakeServiceImpl>(std::move(deps));
  context.Serve(v1::IntakeService::service_full_name(), service);
  // Answers older than a retry can use leave the request log.
  auto* pruner =
      context.Make<idempotency::RequestLogPruner>(&context.pool(), &context.log(), "intake");
  context.Background([pruner] { pruner->Start(); }, [pruner] { pruner->Stop(); });
  return absl::OkStatus();
}

}  // namespace
}  // namespace meldpunt::intake

int main(int argc, char** argv) {
  using namespace meldpunt;
  intake::IntakeOptions options;
  intake::ZoneImportOptions import;
  server::ServiceSpec spec;
  spec.name = "intake";
  spec.default_grpc_port = 50061;
  spec.migrations = {{"events", migrations::events()},
                     {"idempotency", migrations::idempotency()},
                     {"intake", migrations::intake()}};
  spec.defaults = [&options](server::ServiceOptions& shared) {
    // Overload is answered SERVER_BUSY at once instead of queued until deadlines pass
    // (BENCHMARKS.md, run 4): a report holds a worker for a few milliseconds, so a call is only
    // refused when dozens are queued ahead of it or the queue has stopped draining.
    shared.common.max_queue_wait = std::chrono::milliseconds(200);
    // A photo of the default maximum must fit in one message.
    shared.common.max_message_bytes = intake::MinMessageBytes(options);
  };
  spec.register_flags = [&options](config::Flags& flags) {
    intake::RegisterIntakeFlags(flags, &options);
  };
  spec.validate = [&options](const server::ServiceOptions& shared) {
    return intake::ValidateIntakeOptions(options, shared.common.max_message_bytes);
  };
  spec.build = [&options](server::ServiceContext& context) {
    return intake::Build(options, context);
  };
  spec.commands = {intake::ImportZonesCommand(&import)};
  return server::ServiceMain(argc, argv, spec);
}
