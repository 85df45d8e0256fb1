#include <stdexcept>

#include <gtest/gtest.h>
#include <pqxx/except>

#include "libs/postgres/errors.h"
#include "libs/status/status.h"

namespace meldpunt::pg {
namespace {

using absl::StatusCode;

// What libpqxx 6 puts in what(): PostgreSQL's full error text, DETAIL line included.
constexpr char kUniqueText[] =
    "ERROR:  duplicate key value violates unique constraint \"citizens_email_key\"\n"
    "DETAIL:  Key (email)=(jan@example.be) already exists.\n";

void ExpectMapped(const std::exception& e, StatusCode code, const std::string& reason) {
  absl::Status s = MapException(e);
  EXPECT_EQ(s.code(), code) << s;
  EXPECT_EQ(status::Reason(s), reason) << s;
}

TEST(MapException, UniqueViolationIsAlreadyExistsWithoutRowValues) {
  pqxx::unique_violation e(kUniqueText, "INSERT INTO citizens VALUES ($1)", "23505");
  absl::Status s = MapException(e);
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(status::Reason(s), kReasonUniqueViolation);
  EXPECT_NE(s.message().find("citizens_email_key"), std::string::npos) << s;
  EXPECT_NE(s.message().find("23505"), std::string::npos) << s;
  EXPECT_EQ(s.message().find("jan@example.be"), std::string::npos) << s;
  EXPECT_EQ(s.message().find("INSERT"), std::string::npos) << s;
  EXPECT_EQ(s.message().find("ERROR:"), std::string::npos) << s;
}

TEST(MapException, UniqueViolationWithoutSqlStateStillMapsByClass) {
  ExpectMapped(pqxx::unique_violation("ERROR:  duplicate key"), StatusCode::kAlreadyExists,
               kReasonUniqueViolation);
}

TEST(MapException, IntegrityViolations) {
  ExpectMapped(pqxx::foreign_key_violation("fk", "", "23503"), StatusCode::kFailedPrecondition,
               kReasonForeignKeyViolation);
  ExpectMapped(pqxx::check_violation("check", "", "23514"), StatusCode::kInvalidArgument,
               kReasonCheckViolation);
  ExpectMapped(pqxx::not_null_violation("not null", "", "23502"), StatusCode::kInvalidArgument,
               kReasonNotNullViolation);
  ExpectMapped(pqxx::restrict_violation("restrict", "", "23001"), StatusCode::kFailedPrecondition,
               kReasonRestrictViolation);
  ExpectMapped(pqxx::integrity_constraint_violation("exclusion", "", "23P01"),
               StatusCode::kFailedPrecondition, kReasonExclusionViolation);
}

TEST(MapException, DataExceptionDropsTheEchoedInput) {
  pqxx::data_exception e("ERROR:  invalid input syntax for type integer: \"0470 12 34 56\"\n", "",
                         "22P02");
  absl::Status s = MapException(e);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status::Reason(s), kReasonInvalidValue);
  EXPECT_EQ(s.message().find("0470"), std::string::npos) << s;
  EXPECT_NE(s.message().find("invalid input syntax for type integer"), std::string::npos) << s;
}

TEST(MapException, BrokenConnectionIsUnavailable) {
  ExpectMapped(pqxx::broken_connection("server closed the connection unexpectedly"),
               StatusCode::kUnavailable, kReasonConnectionLost);
  ExpectMapped(pqxx::too_many_connections("sorry, too many clients already"),
               StatusCode::kUnavailable, kReasonTooManyConnections);
  ExpectMapped(pqxx::sql_error("FATAL:  terminating connection", "", "57P01"),
               StatusCode::kUnavailable, kReasonConnectionLost);
}

TEST(MapException, StatementTimeoutIsDeadlineExceeded) {
  ExpectMapped(pqxx::sql_error("ERROR:  canceling statement due to statement timeout\n",
                               "SELECT pg_sleep(10)", "57014"),
               StatusCode::kDeadlineExceeded, kReasonStatementTimeout);
  ExpectMapped(pqxx::sql_error("ERROR:  canceling statement due to lock timeout", "", "55P03"),
               StatusCode::kDeadlineExceeded, kReasonLockTimeout);
}

TEST(MapException, SerializationAndDeadlockAreAbortedConflicts) {
  ExpectMapped(pqxx::serialization_failure("could not serialize access"), StatusCode::kAborted,
               kReasonConflict);
  ExpectMapped(pqxx::deadlock_detected("deadlock detected"), StatusCode::kAborted, kReasonConflict);
  // As a plain sql_error with the state only (how newer libpqxx versions report them).
  ExpectMapped(pqxx::sql_error("could not serialize", "", "40001"), StatusCode::kAborted,
               kReasonConflict);
  ExpectMapped(pqxx::sql_error("deadlock", "", "40P01"), StatusCode::kAborted, kReasonConflict);
}

TEST(MapException, PrivilegeAndRowSecurityArePermissionDenied) {
  // libpqxx 6.4 drops the SQLSTATE for this class; the class alone must do.
  ExpectMapped(pqxx::insufficient_privilege("ERROR:  permission denied for table reports"),
               StatusCode::kPermissionDenied, kReasonPermissionDenied);
  ExpectMapped(
      pqxx::sql_error("ERROR:  new row violates row-level security policy for table \"reports\"",
                      "", "42501"),
      StatusCode::kPermissionDenied, kReasonPermissionDenied);
}

TEST(MapException, InDoubtCommitIsUnavailable) {
  ExpectMapped(pqxx::in_doubt_error("connection lost during commit"), StatusCode::kUnavailable,
               kReasonCommitInDoubt);
  ExpectMapped(pqxx::statement_completion_unknown("unknown"), StatusCode::kUnavailable,
               kReasonCommitInDoubt);
}

TEST(MapException, OtherSqlErrorIsInternalWithSqlStateButNoQuery) {
  pqxx::undefined_table e("ERROR:  relation \"nope\" does not exist\n",
                          "SELECT * FROM nope WHERE secret = 'x'", "42P01");
  absl::Status s = MapException(e);
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_EQ(status::Reason(s), kReasonError);
  EXPECT_NE(s.message().find("42P01"), std::string::npos) << s;
  EXPECT_EQ(s.message().find("secret"), std::string::npos) << s;
}

TEST(MapException, NonDatabaseExceptionsAreInternal) {
  ExpectMapped(pqxx::conversion_error("could not convert"), StatusCode::kInternal, kReasonError);
  ExpectMapped(std::runtime_error("boom"), StatusCode::kInternal, kReasonUnexpectedException);
}

}  // namespace
}  // namespace meldpunt::pg
