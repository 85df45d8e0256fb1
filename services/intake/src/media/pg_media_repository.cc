#include "services/intake/src/media/pg_media_repository.h"

#include <pqxx/pqxx>

#include "libs/auth/tenant_scope.h"
#include "libs/events/outbox.h"
#include "libs/events/uuid.h"
#include "libs/idempotency/request_log.h"
#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "libs/time/conversions.h"
#include "meldpunt/intake/v1/intake_service.pb.h"
#include "services/intake/src/events/report_events.h"
#include "libs/postgres/sql_params.h"
#include "sql/intake.h"

namespace meldpunt::intake {
namespace {

constexpr char kMethod[] = "AddReportMedia";

}  // namespace

absl::StatusOr<AddMediaResult> PgMediaRepository::Add(const AddMediaCommand& c) {
  AddMediaResult result;
  absl::Status s = auth::TransactInTenant(*pool_, c.tenant_id, [&](pqxx::work& tx) -> absl::Status {
    result = AddMediaResult{};
    auto prior = idempotency::BeginRequest(tx, c.tenant_id, kMethod, c.request_id, c.fingerprint);
    if (!prior.ok()) return prior.status();
    if (prior->has_value()) {
      v1::AddReportMediaResponse stored;
      if (!stored.ParseFromString(**prior)) {
        return status::Internal("REQUEST_LOG_CORRUPT", "a stored response cannot be read");
      }
      result.media = stored.media();
      result.replayed = true;
      return absl::OkStatus();
    }
    pqxx::result report = pg::ExecUnnamed(tx, sql::intake::lock_report_for_media, c.tenant_id,
                                          c.report_id, c.owner_citizen_id);
    if (report.empty()) return status::NotFound("REPORT_NOT_FOUND", "no report with that id");
    const std::string reference = report[0][0].as<std::string>();
    const std::int64_t count =
        pg::ExecUnnamed1(tx, sql::intake::count_report_media, c.tenant_id, c.report_id)[0]
            .as<std::int64_t>();
    if (count >= c.max_per_report) {
      return status::Error(absl::StatusCode::kFailedPrecondition, "MEDIA_LIMIT_REACHED",
                           "the report already has the most photos allowed");
    }
    auto id = events::NewUuidV4();
    if (!id.ok()) return id.status();
    pqxx::row row = pg::ExecUnnamed1(
        tx, sql::intake::insert_media, c.tenant_id, *id, c.report_id, c.content_type, c.sha256_hex, c.uploaded_size,
        static_cast<std::int64_t>(c.content.size()), c.filename,
        pqxx::binarystring(c.content.data(), c.content.size()));
    common::v1::MediaRef& m = result.media;
    m.set_media_id(*id);
    m.set_content_type(c.content_type);
    m.set_sha256(c.sha256_hex);
    m.set_size_bytes(c.uploaded_size);
    m.set_filename(c.filename);
    *m.mutable_created_at() = time::ToProto(time::FromMicros(row[0].as<std::int64_t>()));

    auto event = events::NewEvent(*clock_, c.tenant_id, c.report_id, "intake");
    if (!event.ok()) return event.status();
    event->set_correlation_id(c.correlation_id);
    *event->mutable_report_media_added() = ReportMediaAddedFor(c.report_id, reference, m);
    if (absl::Status appended = events::AppendToOutbox(tx, events::StreamName("intake"), *event);
        !appended.ok()) {
      return appended;
    }
    v1::AddReportMediaResponse response;
    *response.mutable_media() = m;
    return idempotency::RecordResponse(tx, c.tenant_id, kMethod, c.request_id, c.fingerprint,
                                       response.SerializeAsString());
  });
  if (!s.ok()) return s;
  return result;
}

}  // namespace meldpunt::intake
