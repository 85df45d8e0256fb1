#pragma once
// Where report photos live. The gRPC layer sees only this interface; PgMediaRepository is the
// PostgreSQL implementation.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "meldpunt/common/v1/media.pb.h"

namespace meldpunt::intake {

struct AddMediaCommand {
  std::string tenant_id;
  std::string request_id;
  std::string fingerprint;  // of the request and its caller (idempotency)
  std::string correlation_id;  // the call's x-request-id, carried by the event
  std::string report_id;
  // Not empty: the report must be this citizen's (else NOT_FOUND, as for a report of another
  // tenant).
  std::string owner_citizen_id;
  std::string content_type;
  std::string sha256_hex;         // of the upload
  std::int64_t uploaded_size = 0;  // of the upload
  std::string filename;
  std::string content;  // what is stored: the upload without location metadata
  int max_per_report = 10;
};

struct AddMediaResult {
  common::v1::MediaRef media;
  bool replayed = false;
};

class MediaRepository {
 public:
  virtual ~MediaRepository() = default;

  // Stores the photo and its ReportMediaAdded event in one transaction; idempotent on
  // request_id. NOT_FOUND (REPORT_NOT_FOUND), FAILED_PRECONDITION (MEDIA_LIMIT_REACHED),
  // ALREADY_EXISTS (REQUEST_ID_REUSED).
  virtual absl::StatusOr<AddMediaResult> Add(const AddMediaCommand& command) = 0;
};

}  // namespace meldpunt::intake
