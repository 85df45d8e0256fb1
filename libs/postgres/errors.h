#pragma once
// Maps libpqxx exceptions to absl::Status with an ErrorInfo reason, so callers branch on a
// code and a reason instead of on library types. Messages carry PostgreSQL's primary message and
// SQLSTATE only: never the query text, and never the DETAIL line, which quotes row values
// (personal data) for key violations.

#include <exception>

#include "absl/status/status.h"

namespace meldpunt::pg {

// ErrorInfo reasons produced by this library.
inline constexpr char kReasonUniqueViolation[] = "DB_UNIQUE_VIOLATION";          // ALREADY_EXISTS
inline constexpr char kReasonForeignKeyViolation[] = "DB_FOREIGN_KEY_VIOLATION";  // FAILED_PRECONDITION
inline constexpr char kReasonRestrictViolation[] = "DB_RESTRICT_VIOLATION";      // FAILED_PRECONDITION
inline constexpr char kReasonExclusionViolation[] = "DB_EXCLUSION_VIOLATION";    // FAILED_PRECONDITION
inline constexpr char kReasonConstraintViolation[] = "DB_CONSTRAINT_VIOLATION";  // FAILED_PRECONDITION
inline constexpr char kReasonNotNullViolation[] = "DB_NOT_NULL_VIOLATION";       // INVALID_ARGUMENT
inline constexpr char kReasonCheckViolation[] = "DB_CHECK_VIOLATION";            // INVALID_ARGUMENT
inline constexpr char kReasonInvalidValue[] = "DB_INVALID_VALUE";                // INVALID_ARGUMENT
inline constexpr char kReasonStatementTimeout[] = "DB_STATEMENT_TIMEOUT";        // DEADLINE_EXCEEDED
inline constexpr char kReasonLockTimeout[] = "DB_LOCK_TIMEOUT";                  // DEADLINE_EXCEEDED
inline constexpr char kReasonConflict[] = "DB_CONFLICT";                         // ABORTED: retry the transaction
inline constexpr char kReasonPermissionDenied[] = "DB_PERMISSION_DENIED";        // PERMISSION_DENIED (incl. RLS)
inline constexpr char kReasonConnectionLost[] = "DB_CONNECTION_LOST";            // UNAVAILABLE
inline constexpr char kReasonConnectFailed[] = "DB_CONNECT_FAILED";              // UNAVAILABLE
inline constexpr char kReasonTooManyConnections[] = "DB_TOO_MANY_CONNECTIONS";   // UNAVAILABLE
inline constexpr char kReasonInsufficientResources[] = "DB_INSUFFICIENT_RESOURCES";  // UNAVAILABLE
inline constexpr char kReasonCommitInDoubt[] = "DB_COMMIT_IN_DOUBT";             // UNAVAILABLE: do not blindly retry
inline constexpr char kReasonPoolExhausted[] = "DB_POOL_EXHAUSTED";              // UNAVAILABLE
inline constexpr char kReasonError[] = "DB_ERROR";                               // INTERNAL
inline constexpr char kReasonUnexpectedException[] = "UNEXPECTED_EXCEPTION";     // INTERNAL

// Any exception caught around libpqxx work → a non-OK status (see the reasons above).
absl::Status MapException(const std::exception& e);

}  // namespace meldpunt::pg
