#pragma once
// How the assurance levels compare. The enum's numbers do not rank them; this does. Pure.

#include "meldpunt/identity/v1/citizen.pb.h"

namespace meldpunt::identity {

// 0 for UNSPECIFIED; FAS_LOW (codes by app, SMS or e-mail) 1; EID_DATA (card files that may be
// copies) 2; every level that proves the person or their card was present (ITSME, FAS_ITSME,
// EID_CHALLENGE, FAS_EID) 3.
int AssuranceRank(v1::AssuranceLevel level);

// What a citizen's stored level becomes after an identification at `presented`: the stronger of
// the two; at equal strength the newer one (it names how the citizen proves it now).
v1::AssuranceLevel BestAssurance(v1::AssuranceLevel stored, v1::AssuranceLevel presented);

}  // namespace meldpunt::identity
