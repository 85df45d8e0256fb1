// PgReportRepository::Create: one transaction that checks the request against stored state
// (tenant, category, territory), finds possible duplicates, takes the next reference number,
// stores the report and its ReportSubmitted event, and remembers the answer for retries.
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/auth/tenant_scope.h"
#include "libs/events/outbox.h"
#include "libs/events/uuid.h"
#include "libs/idempotency/request_log.h"
#include "libs/status/status.h"
#include "services/intake/src/enum_names.h"
#include "services/intake/src/geo.h"
#include "services/intake/src/pg_category_repository.h"
#include "services/intake/src/pg_report_repository.h"
#include "services/intake/src/pg_values.h"
#include "services/intake/src/reference.h"
#include "services/intake/src/report_events.h"
#include "services/intake/src/report_json.h"

namespace meldpunt::intake {
namespace {

constexpr char kMethod[] = "CreateReport";

#define POINT_SQL(lon, lat) "ST_SetSRID(ST_MakePoint(" lon "::float8, " lat "::float8), 4326)::geography"

// The reference year is the year in Belgium at the transaction's start, like created_at.
constexpr char kTenant[] =
    "SELECT reference_prefix, extract(year from now() AT TIME ZONE 'Europe/Brussels')::int"
    " FROM tenants WHERE tenant_id = $1";

// Whether the territory covers the point, and the zone that does (the first by id should the
// imported zones overlap).
constexpr char kPlace[] =
    "WITH p AS (SELECT " POINT_SQL("$2", "$3") " AS g),"
    " z AS (SELECT zone_id, name FROM zones, p WHERE tenant_id = $1 AND kind = 'zone'"
    "       AND ST_Covers(geom, p.g) ORDER BY zone_id LIMIT 1)"
    " SELECT EXISTS (SELECT 1 FROM zones, p WHERE tenant_id = $1 AND kind = 'territory'"
    "                AND ST_Covers(geom, p.g)),"
    "        (SELECT zone_id FROM z), (SELECT name FROM z)";

// Open reports of the category near the point. $5: show coarsened points (a citizen looking at a
// sensitive category); distances and order then use the shown point too, so nothing finer than
// the grid cell can be inferred.
constexpr char kDuplicates[] =
    "WITH p AS (SELECT " POINT_SQL("$3", "$4") " AS g)"
    " SELECT r.id::text, r.reference, r.category_code, r.status,"
    "        ST_Y(s.shown::geometry), ST_X(s.shown::geometry),"
    "        " MELDPUNT_SQL_MICROS("r.created_at") ", ST_Distance(s.shown, p.g) AS d"
    " FROM p, reports r"
    " CROSS JOIN LATERAL (SELECT CASE WHEN $5::boolean THEN r.coarse_location"
    "                                 ELSE r.location END AS shown) s"
    " WHERE r.tenant_id = $1 AND r.category_code = $2"
    "   AND r.status IN ('RECEIVED', 'IN_TREATMENT')"
    "   AND r.created_at >= now() - $6::bigint * interval '1 microsecond'"
    // The box test lets the GiST index serve the search under row-level security (see
    // pg_area_sql.cc); ST_DWithin then keeps what is really within reach.
    "   AND r.location && _ST_Expand(p.g, $7::float8)"
    "   AND ST_DWithin(r.location, p.g, $7::float8)"
    " ORDER BY d, r.id LIMIT $8";

// One sequence per tenant and year (migration 0005): unique, increasing, and no lock held until
// commit, so a tenant's reports are not serialised on one row.
constexpr char kNextNumber[] = "SELECT next_report_number($1, $2)";

constexpr char kInsert[] =
    "INSERT INTO reports (tenant_id, id, reference, category_code, channel, reporter_kind,"
    " citizen_id, guest_first_name, guest_last_name, contact_channel, contact_language,"
    " contact_email, contact_phone, contact_postal_address, language, location, coarse_location,"
    " address_street, address_house_number, address_box, address_postal_code,"
    " address_municipality, address_country, location_description, zone_id, description,"
    " attribute_values, media_urls, external_reference, submitted_by)"
    " VALUES ($1, $2::uuid, $3, $4, $5, $6, NULLIF($7, ''), $8, $9, $10, $11, $12, $13,"
    " NULLIF($14, '')::jsonb, $15,"
    " CASE WHEN $16::boolean THEN " POINT_SQL("$17", "$18") " END,"
    " CASE WHEN $16::boolean THEN " POINT_SQL("$19", "$20") " END,"
    " $21, $22, $23, $24, $25, $26, $27, $28, $29, $30::jsonb, $31::text[], $32, $33)"
    " RETURNING " MELDPUNT_SQL_MICROS("created_at") ", " MELDPUNT_SQL_MICROS("status_updated_at")
    ", " MELDPUNT_SQL_MICROS("updated_at");

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
  pqxx::result rows = tx.exec_params(
      kDuplicates, command.tenant_id, report.category_code(),
      ExactDouble(report.location().longitude()), ExactDouble(report.location().latitude()), coarse,
      absl::ToInt64Microseconds(search.window), ExactDouble(search.distance_m), search.limit);
  for (const auto& row : rows) {
    v1::DuplicateCandidate* d = response.add_possible_duplicates();
    d->set_report_id(row[0].as<std::string>());
    d->set_reference(row[1].as<std::string>());
    d->set_category_code(row[2].as<std::string>());
    d->set_status(StatusFromDb(row[3].as<std::string>()));
    d->mutable_location()->set_latitude(row[4].as<double>());
    d->mutable_location()->set_longitude(row[5].as<double>());
    *d->mutable_created_at() = TimestampFromMicros(row[6].as<std::int64_t>());
    d->set_distance_m(row[7].as<double>());
  }
  return absl::OkStatus();
}

absl::Status Insert(pqxx::work& tx, v1::Report& r) {
  const bool located = r.has_location();
  const common::v1::GeoPoint coarse = CoarsenPoint(r.location());
  const auto& contact = r.contact_preference();
  const auto& address = r.address();
  pqxx::row row = tx.exec_params1(
      kInsert, r.tenant_id(), r.id(), r.reference(), r.category_code(), ChannelToDb(r.channel()),
      ReporterKind(r), r.reporter().citizen_id(), r.reporter().guest().first_name(),
      r.reporter().guest().last_name(), ContactChannelToDb(contact.channel()),
      LanguageToDb(contact.language()), contact.email(), contact.phone(),
      contact.has_postal_address() ? PostalAddressToJson(contact.postal_address()) : std::string(),
      LanguageToDb(r.language()), located, ExactDouble(r.location().longitude()),
      ExactDouble(r.location().latitude()), ExactDouble(coarse.longitude()),
      ExactDouble(coarse.latitude()), address.street(), address.house_number(), address.box(),
      address.postal_code(), address.municipality(), address.country(), r.location_description(),
      r.zone_id(), r.description(), AttributeValuesToJson(r.attribute_values()),
      TextArray({r.media_urls().begin(), r.media_urls().end()}), r.external_reference(),
      r.submitted_by());
  *r.mutable_created_at() = TimestampFromMicros(row[0].as<std::int64_t>());
  *r.mutable_status_updated_at() = TimestampFromMicros(row[1].as<std::int64_t>());
  *r.mutable_updated_at() = TimestampFromMicros(row[2].as<std::int64_t>());
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::CreateReportResponse> PgReportRepository::Create(
    const CreateReportCommand& command, const CategoryCheck& check) {
  v1::CreateReportResponse response;
  const std::string& tenant = command.tenant_id;
  absl::Status s = pg::Transact(*pool_, [&](pqxx::work& tx) -> absl::Status {
    response.Clear();
    if (absl::Status scoped = auth::ScopeToTenant(tx, tenant); !scoped.ok()) return scoped;
    auto prior = idempotency::BeginRequest(tx, tenant, kMethod, command.request_id, command.fingerprint);
    if (!prior.ok()) return prior.status();
    if (prior->has_value()) {
      if (!response.ParseFromString(**prior)) {
        return status::Internal("REQUEST_LOG_CORRUPT", "a stored response cannot be read");
      }
      response.set_replayed(true);
      return absl::OkStatus();
    }

    pqxx::result tenant_row = tx.exec_params(kTenant, tenant);
    if (tenant_row.empty()) {
      return status::Error(absl::StatusCode::kFailedPrecondition, "TENANT_NOT_CONFIGURED",
                           "this municipality has no territory loaded yet (meldpunt-intake --import-zones)");
    }
    const std::string prefix = tenant_row[0][0].as<std::string>();
    const int year = tenant_row[0][1].as<int>();

    v1::Report report = command.draft;
    auto category = ReadCategory(tx, tenant, report.category_code());
    if (!category.ok()) return category.status();
    if (!category->active()) {
      return status::Error(absl::StatusCode::kFailedPrecondition, "CATEGORY_INACTIVE",
                           "the category no longer takes new reports");
    }
    if (absl::Status checked = check(*category, report); !checked.ok()) return checked;

    if (report.has_location()) {
      pqxx::row place = tx.exec_params1(kPlace, tenant, ExactDouble(report.location().longitude()),
                                        ExactDouble(report.location().latitude()));
      if (!place[0].as<bool>()) {
        return status::Error(absl::StatusCode::kInvalidArgument, "LOCATION_OUTSIDE_TERRITORY",
                             "the point lies outside the municipality", {}, {{"field", "location"}});
      }
      report.set_zone_id(place[1].is_null() ? "" : place[1].as<std::string>());
      report.set_zone_name(place[2].is_null() ? "" : place[2].as<std::string>());
      const bool coarse = command.citizen_caller && category->sensitive();
      if (absl::Status d = ReadDuplicates(tx, command, coarse, report, response); !d.ok()) return d;
    }

    auto id = events::NewUuidV4();
    if (!id.ok()) return id.status();
    report.set_id(*id);
    const std::int64_t number = tx.exec_params1(kNextNumber, tenant, year)[0].as<std::int64_t>();
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
                                       response.SerializeAsString());
  });
  if (!s.ok()) return s;
  return response;
}

}  // namespace meldpunt::intake
