#include "services/intake/tests/fakes/fake_media_repository.h"

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "libs/status/status.h"
#include "libs/time/conversions.h"
#include "meldpunt/intake/v1/intake_service.pb.h"

namespace meldpunt::intake::testing {
namespace {

constexpr char kMethod[] = "AddReportMedia";

}  // namespace

absl::StatusOr<AddMediaResult> FakeMediaRepository::Add(const AddMediaCommand& c) {
  std::lock_guard<std::mutex> lock(mu_);
  last_command_ = c;
  AddMediaResult result;
  auto prior = log_.Begin(c.tenant_id, kMethod, c.request_id, c.fingerprint);
  if (!prior.ok()) return prior.status();
  if (prior->has_value()) {
    v1::AddReportMediaResponse stored;
    stored.ParseFromString(**prior);
    result.media = stored.media();
    result.replayed = true;
    return result;
  }
  auto report = reports_->Find(c.tenant_id, c.report_id);
  if (!report || (!c.owner_citizen_id.empty() && report->reporter().citizen_id() != c.owner_citizen_id)) {
    return status::NotFound("REPORT_NOT_FOUND", "no report with that id");
  }
  int count = 0;
  for (const auto& [id, m] : media_) {
    if (m.tenant_id == c.tenant_id && m.report_id == c.report_id) ++count;
  }
  if (count >= c.max_per_report) {
    return status::Error(absl::StatusCode::kFailedPrecondition, "MEDIA_LIMIT_REACHED",
                         "the report already has the most photos allowed");
  }
  const std::string id = absl::StrFormat("00000000-0000-4000-9000-%012d", media_.size() + 1);
  media_[id] = {c.tenant_id, c.report_id, c.content};
  common::v1::MediaRef& m = result.media;
  m.set_media_id(id);
  m.set_content_type(c.content_type);
  m.set_sha256(c.sha256_hex);
  m.set_size_bytes(c.uploaded_size);
  m.set_filename(c.filename);
  *m.mutable_created_at() =
      time::ToProto(absl::Now());
  v1::AddReportMediaResponse response;
  *response.mutable_media() = m;
  log_.Record(c.tenant_id, kMethod, c.request_id, c.fingerprint, response.SerializeAsString());
  return result;
}

std::string FakeMediaRepository::StoredContent(const std::string& media_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = media_.find(media_id);
  return it == media_.end() ? std::string() : it->second.content;
}

AddMediaCommand FakeMediaRepository::last_command() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_command_;
}

int FakeMediaRepository::stored() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(media_.size());
}

}  // namespace meldpunt::intake::testing
