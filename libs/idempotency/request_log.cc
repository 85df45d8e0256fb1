#include "libs/idempotency/request_log.h"

#include <openssl/sha.h>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <pqxx/pqxx>

#include "libs/postgres/errors.h"
#include "libs/status/status.h"

namespace meldpunt::idempotency {

std::string Fingerprint(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  if (const auto* field = copy->GetDescriptor()->FindFieldByName("request_id")) {
    copy->GetReflection()->ClearField(copy.get(), field);
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    copy->SerializeToCodedStream(&coded);
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

absl::Status ValidateRequestId(std::string_view request_id) {
  if (request_id.empty() || request_id.size() > 128) {
    return status::InvalidArgument(kReasonRequestIdInvalid,
                                   "request_id must be 1 to 128 printable ASCII characters");
  }
  for (char c : request_id) {
    if (c < 0x21 || c > 0x7e) {
      return status::InvalidArgument(kReasonRequestIdInvalid,
                                     "request_id must be 1 to 128 printable ASCII characters");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> BeginRequest(pqxx::work& tx, std::string_view tenant_id,
                                                        std::string_view method,
                                                        std::string_view request_id,
                                                        std::string_view fingerprint) {
  if (absl::Status s = ValidateRequestId(request_id); !s.ok()) return s;
  try {
    const std::string tenant(tenant_id), m(method), id(request_id);
    // Two retries racing: the second waits here until the first commits, then finds its row.
    tx.exec_params("SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2 || '/' || $3, 0))",
                   tenant, m, id);
    pqxx::result r = tx.exec_params(
        "SELECT fingerprint, response FROM meldpunt_request_log "
        "WHERE tenant_id = $1 AND method = $2 AND request_id = $3",
        tenant, m, id);
    if (r.empty()) return std::optional<std::string>();
    pqxx::binarystring stored_fp(r[0][0]);
    if (stored_fp.str() != fingerprint) {
      return status::Error(absl::StatusCode::kAlreadyExists, kReasonRequestIdReused,
                           "this request_id was already used for a request with other content");
    }
    pqxx::binarystring response(r[0][1]);
    return std::optional<std::string>(response.str());
  } catch (const std::exception& e) {
    return pg::MapException(e);
  }
}

absl::Status RecordResponse(pqxx::work& tx, std::string_view tenant_id, std::string_view method,
                            std::string_view request_id, std::string_view fingerprint,
                            std::string_view response) {
  try {
    tx.exec_params(
        "INSERT INTO meldpunt_request_log (tenant_id, method, request_id, fingerprint, response) "
        "VALUES ($1, $2, $3, $4, $5)",
        std::string(tenant_id), std::string(method), std::string(request_id),
        pqxx::binarystring(fingerprint.data(), fingerprint.size()),
        pqxx::binarystring(response.data(), response.size()));
  } catch (const std::exception& e) {
    return pg::MapException(e);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::int64_t> PruneRequestLog(pg::Pool& pool, int batch) {
  std::int64_t deleted = 0;
  absl::Status s = pg::Transact(pool, [&](pqxx::work& tx) -> absl::Status {
    tx.exec("SELECT set_config('meldpunt.request_log_prune', 'on', true)");
    // Oldest first through the created_at index; the policy repeats the age bound.
    const pqxx::result r = tx.exec_params(
        "DELETE FROM meldpunt_request_log WHERE ctid IN ("
        " SELECT ctid FROM meldpunt_request_log"
        " WHERE created_at < now() - $1::bigint * interval '1 second'"
        " ORDER BY created_at LIMIT $2)",
        absl::ToInt64Seconds(kRetention), batch);
    deleted = r.affected_rows();
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return deleted;
}

}  // namespace meldpunt::idempotency
