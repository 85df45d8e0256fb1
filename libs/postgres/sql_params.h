#pragma once
// Numbered parameters for SQL assembled from fixed fragments: every value travels as a
// parameter, never as SQL text.
//
//   pg::SqlParams p;
//   std::string sql = "... WHERE tenant_id = " + p.Add(tenant);
//   tx.exec_params(sql, pqxx::prepare::make_dynamic_params(p.values()));

#include <string>
#include <vector>

namespace meldpunt::pg {

class SqlParams {
 public:
  // "$n" for the value, numbered in the order added.
  std::string Add(std::string value) {
    values_.push_back(std::move(value));
    return "$" + std::to_string(values_.size());
  }
  const std::vector<std::string>& values() const { return values_; }

 private:
  std::vector<std::string> values_;
};

// A PostgreSQL array literal of text, e.g. {"a","b\"c"}, for libpqxx 6, which binds no arrays:
// bind it as one parameter and cast, $n::text[] (or ::uuid[]).
std::string TextArray(const std::vector<std::string>& values);

// Enough digits that PostgreSQL reads back exactly the same double.
std::string ExactDouble(double value);

// A timestamptz from the bigint parameter param ("$7"), microseconds since the epoch (libs/time
// converts the values). The other way, a column as microseconds, is written out in each query:
// (extract(epoch from created_at) * 1000000)::bigint.
std::string SqlFromMicros(const std::string& param);

}  // namespace meldpunt::pg
