#pragma once

namespace meldpunt::identity::eid {

// Gender as the card (tag 13) or the national number's counter parity states it.
enum class Gender { kUnknown, kMale, kFemale };

}  // namespace meldpunt::identity::eid
