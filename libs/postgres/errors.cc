#include "libs/postgres/errors.h"

#include <string>
#include <string_view>

#include <pqxx/except>

#include "libs/status/status.h"

namespace meldpunt::pg {
namespace {

using absl::StatusCode;

// PostgreSQL's primary message: the first line of what(), without the "ERROR:  " severity
// prefix. Later lines (DETAIL, HINT, LINE n) can quote values and query text.
std::string PrimaryMessage(const std::exception& e) {
  std::string_view text = e.what();
  text = text.substr(0, text.find('\n'));
  for (std::string_view prefix : {"ERROR:", "FATAL:", "PANIC:"}) {
    if (text.substr(0, prefix.size()) == prefix) {
      text.remove_prefix(prefix.size());
      break;
    }
  }
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  return text.empty() ? std::string("database error") : std::string(text);
}

// libpqxx 6.4 does not keep the SQLSTATE for every class (insufficient_privilege drops it) and
// tests construct exceptions without one: fall back to the class.
std::string SqlState(const pqxx::sql_error& e) {
  if (!e.sqlstate().empty()) return e.sqlstate();
  if (dynamic_cast<const pqxx::unique_violation*>(&e)) return "23505";
  if (dynamic_cast<const pqxx::foreign_key_violation*>(&e)) return "23503";
  if (dynamic_cast<const pqxx::not_null_violation*>(&e)) return "23502";
  if (dynamic_cast<const pqxx::check_violation*>(&e)) return "23514";
  if (dynamic_cast<const pqxx::restrict_violation*>(&e)) return "23001";
  if (dynamic_cast<const pqxx::integrity_constraint_violation*>(&e)) return "23000";
  if (dynamic_cast<const pqxx::insufficient_privilege*>(&e)) return "42501";
  if (dynamic_cast<const pqxx::data_exception*>(&e)) return "22000";
  if (dynamic_cast<const pqxx::insufficient_resources*>(&e)) return "53000";
  return "";
}

absl::Status Make(StatusCode code, const char* reason, const std::string& message,
                  const std::string& state) {
  return status::Error(code, reason,
                       state.empty() ? message : message + " (SQLSTATE " + state + ")");
}

struct Rule {
  const char* state;  // a full SQLSTATE, or a two-character class
  StatusCode code;
  const char* reason;
};

// First match wins: full SQLSTATEs before their class. 57P01..03 mean the server is shutting
// down, killed this backend, or is still starting.
constexpr Rule kRules[] = {
    {"23505", StatusCode::kAlreadyExists, kReasonUniqueViolation},
    {"23503", StatusCode::kFailedPrecondition, kReasonForeignKeyViolation},
    {"23001", StatusCode::kFailedPrecondition, kReasonRestrictViolation},
    {"23P01", StatusCode::kFailedPrecondition, kReasonExclusionViolation},
    {"23502", StatusCode::kInvalidArgument, kReasonNotNullViolation},
    {"23514", StatusCode::kInvalidArgument, kReasonCheckViolation},
    {"23", StatusCode::kFailedPrecondition, kReasonConstraintViolation},
    {"22", StatusCode::kInvalidArgument, kReasonInvalidValue},
    {"57014", StatusCode::kDeadlineExceeded, kReasonStatementTimeout},
    {"55P03", StatusCode::kDeadlineExceeded, kReasonLockTimeout},
    {"40001", StatusCode::kAborted, kReasonConflict},
    {"40P01", StatusCode::kAborted, kReasonConflict},
    {"42501", StatusCode::kPermissionDenied, kReasonPermissionDenied},
    {"53300", StatusCode::kUnavailable, kReasonTooManyConnections},
    {"53", StatusCode::kUnavailable, kReasonInsufficientResources},
    {"08", StatusCode::kUnavailable, kReasonConnectionLost},
    {"57P01", StatusCode::kUnavailable, kReasonConnectionLost},
    {"57P02", StatusCode::kUnavailable, kReasonConnectionLost},
    {"57P03", StatusCode::kUnavailable, kReasonConnectionLost},
};

absl::Status MapSqlError(const pqxx::sql_error& e) {
  const std::string state = SqlState(e);
  std::string message = PrimaryMessage(e);
  for (const Rule& rule : kRules) {
    const std::string_view pattern = rule.state;
    if (state.size() != 5 || state.compare(0, pattern.size(), pattern) != 0) continue;
    if (pattern == "22") {
      // Data exceptions echo the offending input after ': "' (invalid input syntax for type
      // integer: "abc"); that input is a client value, so it is cut off.
      message = message.substr(0, message.find(": \""));
    }
    return Make(rule.code, rule.reason, message, state);
  }
  return Make(StatusCode::kInternal, kReasonError, message, state.empty() ? "unknown" : state);
}

}  // namespace

absl::Status MapException(const std::exception& e) {
  // Most derived classes first: too_many_connections is a broken_connection, the rollback
  // classes are not sql_errors in libpqxx 6.
  if (dynamic_cast<const pqxx::too_many_connections*>(&e)) {
    return Make(StatusCode::kUnavailable, kReasonTooManyConnections, PrimaryMessage(e), "53300");
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e)) {
    return Make(StatusCode::kUnavailable, kReasonConnectionLost, PrimaryMessage(e), "");
  }
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e)) {
    return Make(StatusCode::kUnavailable, kReasonCommitInDoubt, PrimaryMessage(e), "");
  }
  if (dynamic_cast<const pqxx::statement_completion_unknown*>(&e)) {
    return Make(StatusCode::kUnavailable, kReasonCommitInDoubt, PrimaryMessage(e), "40003");
  }
  if (dynamic_cast<const pqxx::serialization_failure*>(&e)) {
    return Make(StatusCode::kAborted, kReasonConflict, PrimaryMessage(e), "40001");
  }
  if (dynamic_cast<const pqxx::deadlock_detected*>(&e)) {
    return Make(StatusCode::kAborted, kReasonConflict, PrimaryMessage(e), "40P01");
  }
  if (dynamic_cast<const pqxx::transaction_rollback*>(&e)) {
    return Make(StatusCode::kAborted, kReasonConflict, PrimaryMessage(e), "40000");
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) return MapSqlError(*sql);
  if (dynamic_cast<const pqxx::pqxx_exception*>(&e)) {
    return Make(StatusCode::kInternal, kReasonError, PrimaryMessage(e), "");
  }
  return Make(StatusCode::kInternal, kReasonUnexpectedException, PrimaryMessage(e), "");
}

}  // namespace meldpunt::pg
