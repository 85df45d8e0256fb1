// AddReportMedia: the upload is checked (size, type by content), cleaned of location metadata,
// and stored with the SHA-256 of what was uploaded.
#include "absl/strings/str_cat.h"
#include "libs/auth/roles.h"
#include "libs/events/uuid.h"
#include "libs/idempotency/request_log.h"
#include "libs/status/status.h"
#include "libs/text/text.h"
#include "services/intake/src/api/caller_rules.h"
#include "services/intake/src/api/intake_service.h"
#include "services/intake/src/media/media_content.h"
#include "services/intake/src/reports/request_fingerprint.h"

namespace meldpunt::intake {
namespace {

constexpr std::size_t kMaxFilenameChars = 255;

// The name without any directory part a browser or phone put in front of it.
absl::StatusOr<std::string> CleanFilename(const std::string& given) {
  const std::size_t slash = given.find_last_of("/\\");
  std::string name = slash == std::string::npos ? given : given.substr(slash + 1);
  if (text::Utf8Length(name) > kMaxFilenameChars || text::HasControlCharacters(name, false)) {
    return status::InvalidArgument("FILENAME_INVALID",
                                   "filename: at most 255 characters on one line");
  }
  return name;
}

}  // namespace

absl::Status IntakeServiceImpl::HandleAddReportMedia(const server::AuthorizedCall& call,
                                                     const v1::AddReportMediaRequest* req,
                                                     v1::AddReportMediaResponse* resp) const {
  if (absl::Status s = idempotency::ValidateRequestId(req->request_id()); !s.ok()) return s;
  if (!events::IsUuid(req->report_id())) {
    return status::InvalidArgument("REPORT_ID_INVALID", "report_id must be a UUID");
  }
  const std::string& content = req->content();
  if (static_cast<std::int64_t>(content.size()) > deps_.settings.max_media_bytes) {
    return status::Error(
        absl::StatusCode::kInvalidArgument, "MEDIA_TOO_LARGE",
        absl::StrCat("a photo may be at most ", deps_.settings.max_media_bytes, " bytes"), {},
        {{"max_bytes", absl::StrCat(deps_.settings.max_media_bytes)}});
  }
  auto filename = CleanFilename(req->filename());
  if (!filename.ok()) return filename.status();
  auto image = SanitizeImage(content, req->content_type());
  if (!image.ok()) return image.status();

  AddMediaCommand command;
  command.tenant_id = call.principal.tenant_id();
  command.request_id = req->request_id();
  command.fingerprint = CallerBoundFingerprint(*req, call.principal);
  command.correlation_id = call.info.request_id;
  command.report_id = req->report_id();
  command.owner_citizen_id = auth::IsCitizenCaller(call.principal) ? call.principal.subject() : "";
  command.content_type = image->content_type;
  command.sha256_hex = Sha256Hex(content);
  command.uploaded_size = static_cast<std::int64_t>(content.size());
  command.filename = std::move(*filename);
  command.content = std::move(image->content);
  command.max_per_report = deps_.settings.max_media_per_report;
  auto result = deps_.media->Add(command);
  if (!result.ok()) return result.status();
  *resp->mutable_media() = std::move(result->media);
  if (!result->replayed) EventsWritten();
  return absl::OkStatus();
}

}  // namespace meldpunt::intake
