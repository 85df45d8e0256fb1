#pragma once
// Maps libpqxx exceptions to absl::Status with an ErrorInfo reason, so callers branch on a
// code and a reason instead of on library types. Messages carry PostgreSQL's primary message and
// SQLSTATE only: never the query text, and never the DETAIL line, which quotes row values
// (personal data) for key violations.

#include <exception>

#include "absl/status/status.h"

namespace meldpunt::pg {

// ErrorInfo reasons produced by this library, grouped by the status code they come with.
// ALREADY_EXISTS
inline constexpr char kReasonUniqueViolation[] = "DB_UNIQUE_VIOLATION";
// FAILED_PRECONDITION
inline constexpr char kReasonForeignKeyViolation[] = "DB_FOREIGN_KEY_VIOLATION";
inline constexpr char kReasonRestrictViolation[] = "DB_RESTRICT_VIOLATION";
inline constexpr char kReasonExclusionViolation[] = "DB_EXCLUSION_VIOLATION";
inline constexpr char kReasonConstraintViolation[] = "DB_CONSTRAINT_VIOLATION";
// INVALID_ARGUMENT
inline constexpr char kReasonNotNullViolation[] = "DB_NOT_NULL_VIOLATION";
inline constexpr char kReasonCheckViolation[] = "DB_CHECK_VIOLATION";
inline constexpr char kReasonInvalidValue[] = "DB_INVALID_VALUE";  // SQLSTATE class 22
// DEADLINE_EXCEEDED
inline constexpr char kReasonStatementTimeout[] = "DB_STATEMENT_TIMEOUT";  // 57014
inline constexpr char kReasonLockTimeout[] = "DB_LOCK_TIMEOUT";            // 55P03
// ABORTED: serialization failure or deadlock; the whole transaction may be retried.
inline constexpr char kReasonConflict[] = "DB_CONFLICT";
// PERMISSION_DENIED: missing grant or a row-level security policy (42501).
inline constexpr char kReasonPermissionDenied[] = "DB_PERMISSION_DENIED";
// UNAVAILABLE
inline constexpr char kReasonConnectionLost[] = "DB_CONNECTION_LOST";
inline constexpr char kReasonConnectFailed[] = "DB_CONNECT_FAILED";
inline constexpr char kReasonTooManyConnections[] = "DB_TOO_MANY_CONNECTIONS";
inline constexpr char kReasonInsufficientResources[] = "DB_INSUFFICIENT_RESOURCES";
inline constexpr char kReasonPoolExhausted[] = "DB_POOL_EXHAUSTED";
// UNAVAILABLE, but the commit may have happened: retry only idempotent work.
inline constexpr char kReasonCommitInDoubt[] = "DB_COMMIT_IN_DOUBT";
// INTERNAL
inline constexpr char kReasonError[] = "DB_ERROR";
inline constexpr char kReasonUnexpectedException[] = "UNEXPECTED_EXCEPTION";

// Any exception caught around libpqxx work → a non-OK status (see the reasons above).
absl::Status MapException(const std::exception& e);

}  // namespace meldpunt::pg
