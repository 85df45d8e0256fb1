// tools/bench/pgbench_create_report.sql stands for CreateReport's transaction in the benchmark;
// this keeps it from drifting away from the statements the service runs. Only the insert's
// values differ on purpose (the script's header says how), so of the insert the column list and
// the RETURNING clause are compared.
#include "sql/intake.h"

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

// Runs of white space as one space: line breaks and indentation differ between the two. The
// statement files' -- comments and final ';' are left out (the script has its own).
std::string Normalize(const std::string& sql) {
  std::string text;
  for (std::size_t at = 0; at < sql.size();) {
    const std::size_t comment = sql.find("--", at);
    text += sql.substr(at, comment == std::string::npos ? std::string::npos : comment - at);
    if (comment == std::string::npos) break;
    at = sql.find('\n', comment);
    if (at == std::string::npos) break;
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == ';')) {
    text.pop_back();
  }
  std::string out;
  for (char c : text) {
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
  EXPECT_THAT(script, HasSubstr(Bind(sql::intake::create_report_lookup.text,
                                     {":tenant", ":category", ":located", ":lon", ":lat"})));
  EXPECT_THAT(script, HasSubstr(Bind(sql::intake::find_duplicates.text,
                                     {":tenant", ":category", ":lon", ":lat", ":coarse",
                                      ":window_us", ":distance_m", ":duplicate_limit"})));
  EXPECT_THAT(script, HasSubstr(Bind(sql::intake::take_report_number.text, {":tenant", ":found_year"})));
  const std::string insert = Normalize(sql::intake::insert_report.text);
  EXPECT_THAT(script, HasSubstr(insert.substr(0, insert.find(" VALUES"))));
  EXPECT_THAT(script, HasSubstr(insert.substr(insert.find(" RETURNING"))));
}

}  // namespace
}  // namespace meldpunt::intake
