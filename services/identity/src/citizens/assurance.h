#pragma once
// A citizen's stored assurance level after another identification. Pure; the ranking itself is
// shared (libs/auth/assurance.h).

#include "meldpunt/common/v1/assurance.pb.h"

namespace meldpunt::identity {

// What a citizen's stored level becomes after an identification at `presented`: the stronger of
// the two (auth::AssuranceRank); at equal strength the newer one (it names how the citizen proves
// it now).
common::v1::AssuranceLevel BestAssurance(common::v1::AssuranceLevel stored,
                                         common::v1::AssuranceLevel presented);

}  // namespace meldpunt::identity
