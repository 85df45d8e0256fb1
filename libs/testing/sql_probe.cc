#include "libs/testing/sql_probe.h"

#include <pqxx/pqxx>

#include "absl/strings/numbers.h"


namespace meldpunt::testing {

absl::StatusOr<std::optional<std::string>> QueryText(pg::Pool& pool, const std::string& sql) {
  std::optional<std::string> value;
  absl::Status s = pool.WithConnection([&](pqxx::connection& c) -> absl::Status {
    pqxx::nontransaction tx(c);
    pqxx::row row = tx.exec1(sql);
    if (!row[0].is_null()) value = row[0].as<std::string>();
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return value;
}

absl::StatusOr<std::int64_t> QueryInt(pg::Pool& pool, const std::string& sql) {
  auto text = QueryText(pool, sql);
  if (!text.ok()) return text.status();
  std::int64_t value = 0;
  if (text->has_value() && !absl::SimpleAtoi(**text, &value)) {
    return absl::InvalidArgumentError("not an integer: " + **text);
  }
  return value;
}

absl::Status ExecSql(pg::Pool& pool, const std::string& sql) {
  return pool.WithConnection([&](pqxx::connection& c) -> absl::Status {
    pqxx::nontransaction tx(c);
    tx.exec(sql);
    return absl::OkStatus();
  });
}

}  // namespace meldpunt::testing
