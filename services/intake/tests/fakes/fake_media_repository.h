#pragma once
// MediaRepository in memory, for the handler tests. Keeps PgMediaRepository's contract: the
// report must be the tenant's (and the citizen's, when owner_citizen_id is set), else NOT_FOUND
// (REPORT_NOT_FOUND); at most max_per_report photos (MEDIA_LIMIT_REACHED); idempotent on
// request_id bound to the fingerprint. Reports are looked up in a FakeReportRepository.

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "services/intake/src/media/media_repository.h"
#include "services/intake/tests/fakes/fake_report_repository.h"
#include "services/intake/tests/fakes/fake_request_log.h"

namespace meldpunt::intake::testing {

class FakeMediaRepository final : public MediaRepository {
 public:
  // reports must outlive the repository.
  explicit FakeMediaRepository(const FakeReportRepository* reports) : reports_(reports) {}

  absl::StatusOr<AddMediaResult> Add(const AddMediaCommand& command) override;

  // What was stored (the cleaned file), by media id; empty when there is no such photo.
  std::string StoredContent(const std::string& media_id) const;
  // The last command Add was given, and how many photos are stored in all.
  AddMediaCommand last_command() const;
  int stored() const;

 private:
  struct Stored {
    std::string tenant_id;
    std::string report_id;
    std::string content;
  };
  const FakeReportRepository* reports_;
  mutable std::mutex mu_;
  std::map<std::string, Stored> media_;  // by media id
  FakeRequestLog log_;
  AddMediaCommand last_command_;
};

}  // namespace meldpunt::intake::testing
