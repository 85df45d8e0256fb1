#pragma once
// Checks a category definition sent by a tenant admin before it is stored: syntax of codes,
// required Dutch name, text limits, attribute datatypes and list values. Pure: no I/O.

#include "absl/status/status.h"
#include "meldpunt/intake/v1/category.pb.h"

namespace meldpunt::intake {

// INVALID_ARGUMENT with a reason (CATEGORY_CODE_INVALID, CATEGORY_NAME_REQUIRED, TEXT_TOO_LONG,
// ATTRIBUTE_INVALID, …) and a message naming the offending field.
absl::Status ValidateCategory(const v1::Category& category);

// a-z, 0-9, '-' and '_', 2–64 characters, starting with a letter or digit.
bool IsValidCode(const std::string& code);

}  // namespace meldpunt::intake
