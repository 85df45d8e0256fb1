#include "services/identity/src/citizens/assurance.h"

#include "libs/auth/assurance.h"

namespace meldpunt::identity {

common::v1::AssuranceLevel BestAssurance(common::v1::AssuranceLevel stored,
                                         common::v1::AssuranceLevel presented) {
  return auth::AssuranceRank(presented) >= auth::AssuranceRank(stored) ? presented : stored;
}

}  // namespace meldpunt::identity
