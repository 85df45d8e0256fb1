#pragma once
// The answer side of keyset paging: a repository returns up to limit + 1 rows, so the handler
// knows whether a next page exists without counting.

#include <utility>
#include <vector>

#include <google/protobuf/repeated_field.h>

namespace meldpunt::intake {

// Moves at most limit of rows into out and tells whether more followed (then the last item of
// out is where the next page token continues).
template <typename T>
bool TakePage(std::vector<T>& rows, int limit, google::protobuf::RepeatedPtrField<T>* out) {
  const bool more = static_cast<int>(rows.size()) > limit;
  if (more) rows.resize(limit);
  for (T& row : rows) *out->Add() = std::move(row);
  return more;
}

}  // namespace meldpunt::intake
