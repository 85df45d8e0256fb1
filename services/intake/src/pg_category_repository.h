#pragma once
// Old path, kept only so services/gateway/tests/gateway_fixture.h compiles until it includes
// services/intake/src/categories/pg_category_repository.h. Delete with that change.
#include "services/intake/src/categories/pg_category_repository.h"
