#pragma once
// ReportRepository in memory, for the handler tests. Keeps PgReportRepository's contract where it
// does not need PostGIS: reports per tenant (another tenant's are NOT_FOUND), a configured tenant
// needed to create (TENANT_NOT_CONFIGURED), the category read from a FakeCategoryRepository
// (CATEGORY_NOT_FOUND, CATEGORY_INACTIVE, then the handler's CategoryCheck), references
// "<prefix>-<year>-<counter>" counting per tenant, idempotency on request_id bound to the
// fingerprint, citizens limited to their own reports, keyset pages of at most limit + 1, and the
// public feed at coarsened points for sensitive categories. Not modelled: the territory and zones
// (every point is inside, no zone) and duplicate suggestions (none).

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "services/intake/src/reports/report_repository.h"
#include "services/intake/tests/fakes/fake_category_repository.h"
#include "services/intake/tests/fakes/fake_request_log.h"

namespace meldpunt::intake::testing {

class FakeReportRepository final : public ReportRepository {
 public:
  // categories must outlive the repository.
  explicit FakeReportRepository(CategoryRepository* categories) : categories_(categories) {}

  absl::StatusOr<v1::CreateReportResponse> Create(const CreateReportCommand& command,
                                                  const CategoryCheck& check) override;
  absl::StatusOr<v1::Report> Get(const std::string& tenant_id, const ReportKey& key,
                                 const std::string& citizen_id, const AccessAudit* audit) override;
  absl::StatusOr<std::vector<v1::Report>> List(const std::string& tenant_id,
                                               const ReportQuery& query,
                                               const AccessAudit* audit) override;
  absl::StatusOr<std::vector<v1::PublicReport>> Nearby(const std::string& tenant_id,
                                                       const NearbyQuery& query) override;

  // A tenant whose territory is loaded (what import-zones does), with its reference prefix.
  void AddTenant(const std::string& tenant_id, const std::string& reference_prefix);

  // The stored report of the tenant with that id, or nullopt.
  std::optional<v1::Report> Find(const std::string& tenant_id, const std::string& report_id) const;

  // What the last Create was asked to store, and how many reports were stored in all.
  CreateReportCommand last_command() const;
  int stored() const;

  // The reads that were recorded, as the PostgreSQL store records them: one per returned report
  // with personal data, in order.
  struct RecordedAccess {
    AccessAudit audit;
    std::string report_id;
  };
  std::vector<RecordedAccess> accesses() const;

 private:
  CategoryRepository* categories_;
  mutable std::mutex mu_;
  std::map<std::string, std::string> prefixes_;  // tenant → reference prefix
  std::map<std::string, std::int64_t> counters_;  // tenant → last reference counter
  std::vector<v1::Report> reports_;               // in creation order
  FakeRequestLog log_;
  CreateReportCommand last_command_;
  std::vector<RecordedAccess> accesses_;

  void Record(const AccessAudit* audit, const v1::Report& report);  // mu_ held
};

}  // namespace meldpunt::intake::testing
