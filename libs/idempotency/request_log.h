#pragma once
// Idempotent creates (AIP-155): a request carrying a client request_id is answered once; a retry
// with the same id and the same content gets the stored answer, the same id with other content
// is refused (ALREADY_EXISTS, reason REQUEST_ID_REUSED). Both steps run inside the caller's
// transaction, so the stored answer commits with the state change it describes.
//
//   auto prior = BeginRequest(tx, tenant, "CreateReport", req.request_id(), Fingerprint(req));
//   if (!prior.ok()) return prior.status();
//   if (*prior) { response.ParseFromString(**prior); replayed = true; return OK; }
//   ... do the work ...
//   return RecordResponse(tx, tenant, "CreateReport", req.request_id(), Fingerprint(req),
//                         response.SerializeAsString());

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <google/protobuf/message.h>
#include <pqxx/transaction>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/postgres/pool.h"

namespace meldpunt::idempotency {

inline constexpr char kReasonRequestIdReused[] = "REQUEST_ID_REUSED";
inline constexpr char kReasonRequestIdInvalid[] = "REQUEST_ID_INVALID";

// SHA-256 of the request's deterministic serialization with its request_id field cleared.
std::string Fingerprint(const google::protobuf::Message& request);

// 1–128 printable ASCII characters; INVALID_ARGUMENT (REQUEST_ID_INVALID) otherwise.
absl::Status ValidateRequestId(std::string_view request_id);

// Serialises concurrent requests with the same id (a transaction-scoped advisory lock), then
// looks the id up: nullopt when new, the stored response when replayed.
absl::StatusOr<std::optional<std::string>> BeginRequest(pqxx::work& tx, std::string_view tenant_id,
                                                        std::string_view method,
                                                        std::string_view request_id,
                                                        std::string_view fingerprint);

absl::Status RecordResponse(pqxx::work& tx, std::string_view tenant_id, std::string_view method,
                            std::string_view request_id, std::string_view fingerprint,
                            std::string_view response);

// How long an answer is kept for retries (CreateReportRequest.request_id: 24 hours); the
// migration's pruning policy holds the same bound.
inline constexpr absl::Duration kRetention = absl::Hours(24);

// Deletes up to batch entries older than kRetention, of every tenant; how many it deleted.
// Services call it in the background (RequestLogPruner) so the log never keeps answers longer
// than a retry can use them.
absl::StatusOr<std::int64_t> PruneRequestLog(pg::Pool& pool, int batch);

}  // namespace meldpunt::idempotency
