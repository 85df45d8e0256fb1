#include "services/intake/tests/fakes/fake_report_repository.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "libs/status/status.h"
#include "libs/time/conversions.h"
#include "services/intake/src/reports/reference.h"
#include "services/intake/src/reports/report_privacy.h"
#include "libs/postgres/sql_params.h"
#include "services/intake/src/zones/geo.h"

namespace meldpunt::intake::testing {
namespace {

constexpr char kMethod[] = "CreateReport";

using google::protobuf::util::TimeUtil;

absl::Status NotFound() { return status::NotFound("REPORT_NOT_FOUND", "no report with that key"); }

template <typename T>
bool Contains(const std::vector<T>& values, const T& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool InArea(const common::v1::GeoArea& area, const common::v1::GeoPoint& p) {
  if (area.has_circle()) return DistanceMeters(area.circle().center(), p) <= area.circle().radius_m();
  const auto& box = area.bounding_box();
  return p.latitude() >= box.south_west().latitude() && p.latitude() <= box.north_east().latitude() &&
         p.longitude() >= box.south_west().longitude() &&
         p.longitude() <= box.north_east().longitude();
}

}  // namespace

absl::StatusOr<v1::CreateReportResponse> FakeReportRepository::Create(
    const CreateReportCommand& command, const CategoryCheck& check) {
  std::lock_guard<std::mutex> lock(mu_);
  last_command_ = command;
  const std::string& tenant = command.tenant_id;
  auto prior = log_.Begin(tenant, kMethod, command.request_id, command.fingerprint);
  if (!prior.ok()) return prior.status();
  if (prior->has_value()) {
    v1::CreateReportResponse stored;
    stored.ParseFromString(**prior);
    stored.set_replayed(true);
    return stored;
  }
  auto prefix = prefixes_.find(tenant);
  if (prefix == prefixes_.end()) {
    return status::Error(absl::StatusCode::kFailedPrecondition, "TENANT_NOT_CONFIGURED",
                         "this municipality has no territory loaded yet");
  }
  v1::Report report = command.draft;
  auto category = categories_->Get(tenant, report.category_code());
  if (!category.ok()) return category.status();
  if (!category->active()) {
    return status::Error(absl::StatusCode::kFailedPrecondition, "CATEGORY_INACTIVE",
                         "the category no longer takes new reports");
  }
  if (absl::Status checked = check(*category, report); !checked.ok()) return checked;

  const absl::Time now = absl::Now();
  const int year = absl::ToCivilYear(now, absl::UTCTimeZone()).year();
  const std::int64_t number = ++counters_[tenant];
  report.set_id(absl::StrFormat("00000000-0000-4000-8000-%012d", reports_.size() + 1));
  report.set_reference(FormatReference(prefix->second, year, number));
  report.set_tenant_id(tenant);
  report.set_status(v1::REPORT_STATUS_RECEIVED);
  const auto stamp = time::ToProto(now);
  *report.mutable_created_at() = stamp;
  *report.mutable_status_updated_at() = stamp;
  *report.mutable_updated_at() = stamp;
  reports_.push_back(report);

  v1::CreateReportResponse response;
  *response.mutable_report() = report;
  log_.Record(tenant, kMethod, command.request_id, command.fingerprint, response.SerializeAsString());
  return response;
}

absl::StatusOr<v1::Report> FakeReportRepository::Get(const std::string& tenant_id,
                                                     const ReportKey& key,
                                                     const std::string& citizen_id,
                                                     const AccessAudit* audit) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const v1::Report& r : reports_) {
    if (r.tenant_id() != tenant_id) continue;
    if (key.id.empty() ? r.reference() != key.reference : r.id() != key.id) continue;
    if (!citizen_id.empty() && r.reporter().citizen_id() != citizen_id) return NotFound();
    Record(audit, r);
    return r;
  }
  return NotFound();
}

absl::StatusOr<std::vector<v1::Report>> FakeReportRepository::List(const std::string& tenant_id,
                                                                   const ReportQuery& q,
                                                                   const AccessAudit* audit) {
  std::lock_guard<std::mutex> lock(mu_);
  const bool by_status = q.order == v1::REPORT_ORDER_STATUS_UPDATED_AT_DESC;
  const bool ascending = q.order == v1::REPORT_ORDER_CREATED_AT_ASC;
  const auto micros = [by_status](const v1::Report& r) {
    return time::ToMicros(time::FromProto(by_status ? r.status_updated_at() : r.created_at()));
  };
  std::vector<v1::Report> out;
  for (const v1::Report& r : reports_) {
    if (r.tenant_id() != tenant_id) continue;
    if (!q.citizen_id.empty() && r.reporter().citizen_id() != q.citizen_id) continue;
    if (!q.statuses.empty() && !Contains(q.statuses, r.status())) continue;
    if (!q.category_codes.empty() && !Contains(q.category_codes, r.category_code())) continue;
    if (!q.zone_ids.empty() && !Contains(q.zone_ids, r.zone_id())) continue;
    if (!q.channels.empty() && !Contains(q.channels, r.channel())) continue;
    if (!q.references.empty() && !Contains(q.references, r.reference())) continue;
    const std::int64_t created = time::ToMicros(time::FromProto(r.created_at()));
    if (q.created_after_us && created < *q.created_after_us) continue;
    if (q.created_before_us && created >= *q.created_before_us) continue;
    if (q.area && (!r.has_location() || !InArea(*q.area, r.location()))) continue;
    if (q.after) {
      const auto key = std::make_pair(micros(r), r.id());
      const auto after = std::make_pair(q.after->micros, q.after->tie);
      if (ascending ? key <= after : key >= after) continue;
    }
    out.push_back(r);
  }
  std::sort(out.begin(), out.end(), [&](const v1::Report& a, const v1::Report& b) {
    const auto ka = std::make_pair(micros(a), a.id());
    const auto kb = std::make_pair(micros(b), b.id());
    return ascending ? ka < kb : ka > kb;
  });
  if (static_cast<int>(out.size()) > q.limit + 1) out.resize(q.limit + 1);
  for (int i = 0; i < static_cast<int>(out.size()) && i < q.limit; ++i) Record(audit, out[i]);
  return out;
}

void FakeReportRepository::Record(const AccessAudit* audit, const v1::Report& report) {
  if (audit != nullptr && HasPersonalData(report)) accesses_.push_back({*audit, report.id()});
}

std::vector<FakeReportRepository::RecordedAccess> FakeReportRepository::accesses() const {
  std::lock_guard<std::mutex> lock(mu_);
  return accesses_;
}

absl::StatusOr<std::vector<v1::PublicReport>> FakeReportRepository::Nearby(
    const std::string& tenant_id, const NearbyQuery& q) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<v1::PublicReport> out;
  for (const v1::Report& r : reports_) {
    if (r.tenant_id() != tenant_id || !r.has_location()) continue;
    if (r.status() == v1::REPORT_STATUS_REJECTED || r.status() == v1::REPORT_STATUS_MERGED) continue;
    if (time::ToMicros(time::FromProto(r.created_at())) < q.since_us) continue;
    if (!q.category_codes.empty() && !Contains(q.category_codes, r.category_code())) continue;
    // A category that cannot be found counts as sensitive: the safe side.
    auto category = categories_->Get(tenant_id, r.category_code());
    const bool sensitive = !category.ok() || category->sensitive();
    const common::v1::GeoPoint shown = sensitive ? CoarsenPoint(r.location()) : r.location();
    if (!InArea(q.area, shown)) continue;
    if (q.after && std::make_pair(time::ToMicros(time::FromProto(r.created_at())), r.reference()) >=
                       std::make_pair(q.after->micros, q.after->tie)) {
      continue;
    }
    v1::PublicReport p;
    p.set_reference(r.reference());
    p.set_category_code(r.category_code());
    p.set_status(r.status());
    *p.mutable_location() = shown;
    p.set_location_coarsened(sensitive);
    p.set_zone_id(r.zone_id());
    p.set_zone_name(r.zone_name());
    *p.mutable_created_at() = r.created_at();
    *p.mutable_status_updated_at() = r.status_updated_at();
    if (q.area.has_circle()) p.set_distance_m(DistanceMeters(q.area.circle().center(), shown));
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [](const v1::PublicReport& a, const v1::PublicReport& b) {
    return std::make_pair(time::ToMicros(time::FromProto(a.created_at())), a.reference()) >
           std::make_pair(time::ToMicros(time::FromProto(b.created_at())), b.reference());
  });
  if (static_cast<int>(out.size()) > q.limit + 1) out.resize(q.limit + 1);
  return out;
}

void FakeReportRepository::AddTenant(const std::string& tenant_id, const std::string& prefix) {
  std::lock_guard<std::mutex> lock(mu_);
  prefixes_[tenant_id] = prefix;
}

std::optional<v1::Report> FakeReportRepository::Find(const std::string& tenant_id,
                                                     const std::string& report_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const v1::Report& r : reports_) {
    if (r.tenant_id() == tenant_id && r.id() == report_id) return r;
  }
  return std::nullopt;
}

CreateReportCommand FakeReportRepository::last_command() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_command_;
}

int FakeReportRepository::stored() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(reports_.size());
}

}  // namespace meldpunt::intake::testing
