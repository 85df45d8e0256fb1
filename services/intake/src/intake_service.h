#pragma once
// Old path, kept only so services/gateway/tests/gateway_fixture.h compiles until it includes
// services/intake/src/api/intake_service.h. Delete with that change.
#include "services/intake/src/api/intake_service.h"
