#pragma once
// Turning values into libpqxx 6 parameters and back where the library has no conversion of its
// own: arrays, doubles at full precision, timestamps from microseconds (libs/time converts the values).

#include <cstdint>
#include <string>
#include <vector>


namespace meldpunt::intake {

// Enough digits that PostgreSQL reads back exactly the same double.
std::string ExactDouble(double value);


// A timestamptz from the bigint parameter param ("$7"), microseconds since the epoch. (The other
// way, a column as microseconds, is written out in each query:
// (extract(epoch from created_at) * 1000000)::bigint.)
std::string SqlFromMicros(const std::string& param);

}  // namespace meldpunt::intake
