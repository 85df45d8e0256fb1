#include "services/identity/src/citizens/assurance.h"

namespace meldpunt::identity {

int AssuranceRank(v1::AssuranceLevel level) {
  switch (level) {
    case v1::ASSURANCE_LEVEL_FAS_LOW: return 1;
    case v1::ASSURANCE_LEVEL_EID_DATA: return 2;
    case v1::ASSURANCE_LEVEL_ITSME:
    case v1::ASSURANCE_LEVEL_FAS_ITSME:
    case v1::ASSURANCE_LEVEL_EID_CHALLENGE:
    case v1::ASSURANCE_LEVEL_FAS_EID: return 3;
    default: return 0;
  }
}

v1::AssuranceLevel BestAssurance(v1::AssuranceLevel stored, v1::AssuranceLevel presented) {
  return AssuranceRank(presented) >= AssuranceRank(stored) ? presented : stored;
}

}  // namespace meldpunt::identity
