#pragma once
// ReportRepository on PostgreSQL + PostGIS. Its methods are spread over pg_report_create.cc,
// pg_report_read.cc and pg_report_nearby.cc, one concern each.

#include "libs/time/clock.h"
#include "libs/postgres/pool.h"
#include "services/intake/src/reports/report_repository.h"

namespace meldpunt::intake {

class PgReportRepository : public ReportRepository {
 public:
  // pool and clock must outlive the repository. The clock stamps events' occurred_at.
  PgReportRepository(pg::Pool* pool, const time::Clock* clock) : pool_(pool), clock_(clock) {}

  absl::StatusOr<v1::CreateReportResponse> Create(const CreateReportCommand& command,
                                                  const CategoryCheck& check) override;
  absl::StatusOr<v1::Report> Get(const std::string& tenant_id, const ReportKey& key,
                                 const std::string& citizen_id, const AccessAudit* audit) override;
  absl::StatusOr<std::vector<v1::Report>> List(const std::string& tenant_id,
                                               const ReportQuery& query,
                                               const AccessAudit* audit) override;
  absl::StatusOr<std::vector<v1::PublicReport>> Nearby(const std::string& tenant_id,
                                                       const NearbyQuery& query) override;

 private:
  pg::Pool* pool_;
  const time::Clock* clock_;
};

}  // namespace meldpunt::intake
