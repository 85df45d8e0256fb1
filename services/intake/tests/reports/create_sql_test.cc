// tools/bench/pgbench_create_report.sql stands for CreateReport's transaction in the benchmark;
// this keeps it from drifting away from the statements the service runs. Only the insert's
// values differ on purpose (the script's header says how), so of the insert the column list and
// the RETURNING clause are compared.
#include "services/intake/src/reports/pg_report_create_sql.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace meldpunt::intake {
namespace {

using ::testing::HasSubstr;

std::string BenchScript() {
  std::ifstream in(std::string(MELDPUNT_SOURCE_DIR) + "/tools/bench/pgbench_create_report.sql");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs of white space as one space: line breaks and indentation differ between the two.
std::string Normalize(const std::string& sql) {
  std::string out;
  for (char c : sql) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

// $1..$n → the script's variables (highest number first, so $1 does not eat into $10).
std::string Bind(std::string sql, const std::vector<std::string>& variables) {
  for (std::size_t n = variables.size(); n >= 1; --n) {
    const std::string param = "$" + std::to_string(n);
    for (std::size_t at = sql.find(param); at != std::string::npos; at = sql.find(param, at)) {
      sql.replace(at, param.size(), variables[n - 1]);
      at += variables[n - 1].size();
    }
  }
  return Normalize(sql);
}

TEST(CreateSqlTest, TheBenchScriptRunsTheServicesStatements) {
  const std::string script = Normalize(BenchScript());
  ASSERT_FALSE(script.empty());
  EXPECT_THAT(script, HasSubstr(Bind(create_sql::kLookup.sql,
                                     {":tenant", ":category", ":located", ":lon", ":lat"})));
  EXPECT_THAT(script, HasSubstr(Bind(create_sql::kDuplicates.sql,
                                     {":tenant", ":category", ":lon", ":lat", ":coarse",
                                      ":window_us", ":distance_m", ":duplicate_limit"})));
  EXPECT_THAT(script, HasSubstr(Bind(create_sql::kNextNumber.sql, {":tenant", ":found_year"})));
  const std::string insert = Normalize(create_sql::kInsert.sql);
  EXPECT_THAT(script, HasSubstr(insert.substr(0, insert.find(" VALUES"))));
  EXPECT_THAT(script, HasSubstr(insert.substr(insert.find(" RETURNING"))));
}

}  // namespace
}  // namespace meldpunt::intake
