#pragma once
// Where reports live. The gRPC layer sees only this interface; PgReportRepository is the
// PostgreSQL + PostGIS implementation.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "meldpunt/common/v1/channel.pb.h"
#include "meldpunt/common/v1/geo.pb.h"
#include "meldpunt/intake/v1/category.pb.h"
#include "meldpunt/intake/v1/intake_service.pb.h"
#include "meldpunt/intake/v1/public_report.pb.h"
#include "meldpunt/intake/v1/report.pb.h"

namespace meldpunt::intake {

struct DuplicateSearch {
  double distance_m = 50;
  absl::Duration window = absl::Hours(24 * 14);
  int limit = 10;
};

struct CreateReportCommand {
  std::string tenant_id;
  std::string request_id;
  std::string fingerprint;  // of the request and its caller (idempotency)
  std::string correlation_id;  // the call's x-request-id, carried by the event
  v1::Report draft;         // from ValidateCreateReport
  // Duplicates in a sensitive category are shown to citizens with coarsened locations.
  bool citizen_caller = false;
  DuplicateSearch duplicates;
};

// Checks the draft against its category and completes it (attribute answers in canonical
// form). Runs inside the create transaction, after the category has been read and found active.
using CategoryCheck = std::function<absl::Status(const v1::Category& category, v1::Report& draft)>;

// A report by id or by reference (exactly one is set).
struct ReportKey {
  std::string id;
  std::string reference;
};

// A read of reporters' personal data by staff, an API client or a service: recorded in the same
// transaction as the read, one row per returned report that carries personal data
// (HasPersonalData in report_privacy.h).
struct AccessAudit {
  std::string accessor;       // Principal.subject
  std::string accessor_kind;  // "staff", "api_client" or "service"
  std::string issuer;         // Principal.issuer
  std::string method;         // the rpc's short name, e.g. "GetReport"
  std::string reason;         // as the caller stated it; may be empty
  std::string request_id;
};

// Position after the last item of a page: the order's timestamp (microseconds since the epoch)
// and the tie-breaker (report id for lists, reference for the public feed).
struct Cursor {
  std::int64_t micros = 0;
  std::string tie;
};

struct ReportQuery {
  std::vector<v1::ReportStatus> statuses;
  std::vector<std::string> category_codes;
  std::vector<std::string> zone_ids;
  std::vector<common::v1::Channel> channels;
  std::optional<std::int64_t> created_after_us;   // inclusive
  std::optional<std::int64_t> created_before_us;  // exclusive
  std::optional<common::v1::GeoArea> area;
  std::string citizen_id;  // empty: every reporter
  std::vector<std::string> references;
  v1::ReportOrder order = v1::REPORT_ORDER_CREATED_AT_DESC;
  std::optional<Cursor> after;
  int limit = 50;
};

struct NearbyQuery {
  common::v1::GeoArea area;
  std::int64_t since_us = 0;
  std::vector<std::string> category_codes;
  std::optional<Cursor> after;
  int limit = 50;
};

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;

  // Stores the report with a new id and reference and its ReportSubmitted event, in one
  // transaction; idempotent on request_id. Errors: NOT_FOUND CATEGORY_NOT_FOUND,
  // FAILED_PRECONDITION CATEGORY_INACTIVE / TENANT_NOT_CONFIGURED, INVALID_ARGUMENT
  // LOCATION_OUTSIDE_TERRITORY, whatever check returns, ALREADY_EXISTS REQUEST_ID_REUSED.
  virtual absl::StatusOr<v1::CreateReportResponse> Create(const CreateReportCommand& command,
                                                          const CategoryCheck& check) = 0;

  // NOT_FOUND (REPORT_NOT_FOUND) when the tenant has no such report, or when citizen_id is not
  // empty and the report is not that citizen's. audit (may be null): the read is recorded.
  virtual absl::StatusOr<v1::Report> Get(const std::string& tenant_id, const ReportKey& key,
                                         const std::string& citizen_id,
                                         const AccessAudit* audit) = 0;

  // In the query's order; at most limit + 1 so the caller knows whether more follow (audit
  // records only the first limit, the ones the caller returns).
  virtual absl::StatusOr<std::vector<v1::Report>> List(const std::string& tenant_id,
                                                       const ReportQuery& query,
                                                       const AccessAudit* audit) = 0;

  // The public feed, newest first (ties by reference); at most limit + 1.
  virtual absl::StatusOr<std::vector<v1::PublicReport>> Nearby(const std::string& tenant_id,
                                                               const NearbyQuery& query) = 0;
};

}  // namespace meldpunt::intake
