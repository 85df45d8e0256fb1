// PgReportRepository::Create: one transaction that checks the request against stored state
// (tenant, category, territory: one statement), finds possible duplicates, takes the next
// reference number, stores the report and its ReportSubmitted event, and remembers the answer
// for retries. Its statements are services/intake/sql/reports/: the lookup, the number and the
// insert prepared per connection, the duplicate search unnamed (find_duplicates.sql says why).
// tools/bench/create_report_bench.py runs the same files as a pgbench script.
#include <optional>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/api/enum_names.h"
#include "libs/auth/assurance.h"
#include "libs/auth/tenant_scope.h"
#include "libs/events/outbox.h"
#include "libs/events/uuid.h"
#include "libs/idempotency/request_log.h"
#include "libs/postgres/sql_params.h"
#include "libs/postgres/statement.h"
#include "libs/status/status.h"
#include "services/intake/src/reports/report_row.h"
#include "libs/time/conversions.h"
#include "services/intake/src/categories/pg_category_repository.h"
#include "services/intake/src/events/report_events.h"
#include "services/intake/src/reports/pg_report_repository.h"
#include "services/intake/src/reports/reference.h"
#include "services/intake/src/reports/report_json.h"
#include "services/intake/src/zones/geo.h"
#include "sql/intake.h"

namespace meldpunt::intake {
namespace {

constexpr char kMethod[] = "CreateReport";

std::string ReporterKind(const v1::Report& r) {
  switch (r.reporter().kind_case()) {
    case v1::Reporter::kCitizenId:
      return "citizen";
    case v1::Reporter::kGuest:
      return "guest";
    default:
      return "none";
  }
}

absl::Status ReadDuplicates(pqxx::work& tx, const CreateReportCommand& command, bool coarse,
                            const v1::Report& report, v1::CreateReportResponse& response) {
  const DuplicateSearch& search = command.duplicates;
  // A coarse search starts from the caller's cell, not their point (find_duplicates.sql).
  const common::v1::GeoPoint probe = coarse ? CoarsenPoint(report.location()) : report.location();
  // Unnamed: planned for this point each time (find_duplicates.sql says why).
  pqxx::result rows = pg::ExecUnnamed(
      tx, sql::intake::find_duplicates, command.tenant_id, report.category_code(),
      pg::ExactDouble(probe.longitude()), pg::ExactDouble(probe.latitude()), coarse,
      absl::ToInt64Microseconds(search.window), pg::ExactDouble(search.distance_m), search.limit,
      pg::ExactDouble(kCoarseCellMeters));
  for (const auto& row : rows) {
    v1::DuplicateCandidate* d = response.add_possible_duplicates();
    d->set_report_id(row[0].as<std::string>());
    d->set_reference(row[1].as<std::string>());
    d->set_category_code(row[2].as<std::string>());
    d->set_status(api::EnumFromDb<v1::ReportStatus>(row[3].as<std::string>()));
    d->mutable_location()->set_latitude(row[4].as<double>());
    d->mutable_location()->set_longitude(row[5].as<double>());
    *d->mutable_created_at() = time::ToProto(time::FromMicros(row[6].as<std::int64_t>()));
    d->set_distance_m(row[7].as<double>());
  }
  return absl::OkStatus();
}

// What the request log keeps of an answer: the report's id and the duplicate suggestions, not
// the report itself. The report (the reporter's name and contact details among it) lives in its
// row and nowhere else; a replay reads it from there (Replay).
v1::CreateReportResponse ForTheRequestLog(const v1::CreateReportResponse& response) {
  v1::CreateReportResponse kept = response;
  kept.mutable_report()->Clear();
  kept.mutable_report()->set_id(response.report().id());
  return kept;
}

// The answer to a retry: the stored suggestions and the report as its row has it now.
absl::Status Replay(pqxx::work& tx, const std::string& tenant, const std::string& stored,
                    v1::CreateReportResponse& response) {
  if (!response.ParseFromString(stored) || response.report().id().empty()) {
    return status::Internal("REQUEST_LOG_CORRUPT", "a stored response cannot be read");
  }
  auto report = ReadReport(tx, tenant, response.report().id());
  if (!report.ok()) return report.status();
  if (!report->has_value()) {
    return status::Internal("REQUEST_LOG_CORRUPT", "a stored response names no report");
  }
  *response.mutable_report() = std::move(**report);
  response.set_replayed(true);
  return absl::OkStatus();
}

// NULL when the report has no citizen's level (the column says "none", not an empty name).
std::optional<std::string> StoredAssurance(common::v1::AssuranceLevel level) {
  if (level == common::v1::ASSURANCE_LEVEL_UNSPECIFIED) return std::nullopt;
  return auth::AssuranceName(level);
}

absl::Status Insert(pqxx::work& tx, v1::Report& r) {
  const bool located = r.has_location();
  const common::v1::GeoPoint coarse = CoarsenPoint(r.location());
  const auto& contact = r.contact_preference();
  const auto& address = r.address();
  pqxx::row row = pg::ExecPrepared1(
      tx, sql::intake::insert_report, r.tenant_id(), r.id(), r.reference(), r.category_code(),
      api::EnumToDb(r.channel()), ReporterKind(r), r.reporter().citizen_id(),
      r.reporter().guest().first_name(), r.reporter().guest().last_name(),
      api::EnumToDb(contact.channel()),
      api::EnumToDb(contact.language()), contact.email(), contact.phone(),
      contact.has_postal_address() ? PostalAddressToJson(contact.postal_address()) : std::string(),
      api::EnumToDb(r.language()), located, pg::ExactDouble(r.location().longitude()),
      pg::ExactDouble(r.location().latitude()), pg::ExactDouble(coarse.longitude()),
      pg::ExactDouble(coarse.latitude()), address.street(), address.house_number(), address.box(),
      address.postal_code(), address.municipality(), address.country(), r.location_description(),
      r.zone_id(), r.description(), AttributeValuesToJson(r.attribute_values()),
      pg::TextArray({r.media_urls().begin(), r.media_urls().end()}), r.external_reference(),
      r.submitted_by(), StoredAssurance(r.reporter_assurance_level()), r.reporter_verified());
  *r.mutable_created_at() = time::ToProto(time::FromMicros(row[0].as<std::int64_t>()));
  *r.mutable_status_updated_at() = time::ToProto(time::FromMicros(row[1].as<std::int64_t>()));
  *r.mutable_updated_at() = time::ToProto(time::FromMicros(row[2].as<std::int64_t>()));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::CreateReportResponse> PgReportRepository::Create(
    const CreateReportCommand& command, const CategoryCheck& check) {
  v1::CreateReportResponse response;
  const std::string& tenant = command.tenant_id;
  absl::Status s = auth::TransactInTenant(*pool_, tenant, [&](pqxx::work& tx) -> absl::Status {
    response.Clear();
    auto prior = idempotency::BeginRequest(tx, tenant, kMethod, command.request_id, command.fingerprint);
    if (!prior.ok()) return prior.status();
    if (prior->has_value()) return Replay(tx, tenant, **prior, response);

    v1::Report report = command.draft;
    const bool located = report.has_location();
    // One row, or none when the tenant is not configured.
    pqxx::result looked_up = pg::ExecPrepared(
        tx, sql::intake::create_report_lookup, tenant, report.category_code(), located,
        pg::ExactDouble(report.location().longitude()), pg::ExactDouble(report.location().latitude()));
    if (looked_up.empty()) {
      return status::Error(absl::StatusCode::kFailedPrecondition, "TENANT_NOT_CONFIGURED",
                           "this municipality has no territory loaded yet (meldpunt-intake import-zones)");
    }
    const pqxx::row found = looked_up[0];
    const std::string prefix = found[0].as<std::string>();
    const int year = found[1].as<int>();
    report.set_reporter_verified(
        report.reporter_assurance_level() != common::v1::ASSURANCE_LEVEL_UNSPECIFIED &&
        auth::MeetsAssurance(report.reporter_assurance_level(),
                             auth::AssuranceFromName(found[8].as<std::string>())));

    // Read together, answered in the order the contract's errors always came: tenant, category,
    // active, attributes, territory.
    auto category = CategoryFromRow(found, 2, tenant);
    if (!category.ok()) return category.status();
    if (!category->active()) {
      return status::Error(absl::StatusCode::kFailedPrecondition, "CATEGORY_INACTIVE",
                           "the category no longer takes new reports");
    }
    if (absl::Status checked = check(*category, report); !checked.ok()) return checked;

    if (located) {
      if (!found[5].as<bool>()) {
        return status::Error(absl::StatusCode::kInvalidArgument, "LOCATION_OUTSIDE_TERRITORY",
                             "the point lies outside the municipality", {}, {{"field", "location"}});
      }
      report.set_zone_id(found[6].is_null() ? "" : found[6].as<std::string>());
      report.set_zone_name(found[7].is_null() ? "" : found[7].as<std::string>());
      const bool coarse = command.citizen_caller && category->sensitive();
      if (absl::Status d = ReadDuplicates(tx, command, coarse, report, response); !d.ok()) return d;
    }

    auto id = events::NewUuidV4();
    if (!id.ok()) return id.status();
    report.set_id(*id);
    const std::int64_t number =
        pg::ExecPrepared1(tx, sql::intake::take_report_number, tenant, year)[0].as<std::int64_t>();
    report.set_reference(FormatReference(prefix, year, number));
    report.set_tenant_id(tenant);
    report.set_status(v1::REPORT_STATUS_RECEIVED);
    if (absl::Status inserted = Insert(tx, report); !inserted.ok()) return inserted;

    auto event = events::NewEvent(*clock_, tenant, report.id(), "intake");
    if (!event.ok()) return event.status();
    event->set_correlation_id(command.correlation_id);
    *event->mutable_report_submitted() = ReportSubmittedFor(report, category->sensitive());
    if (absl::Status appended = events::AppendToOutbox(tx, events::StreamName("intake"), *event);
        !appended.ok()) {
      return appended;
    }

    *response.mutable_report() = std::move(report);
    return idempotency::RecordResponse(tx, tenant, kMethod, command.request_id, command.fingerprint,
                                       ForTheRequestLog(response).SerializeAsString());
  });
  if (!s.ok()) return s;
  return response;
}

}  // namespace meldpunt::intake
