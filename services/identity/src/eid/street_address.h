#pragma once
// The card writes street, house number and box in one field; the Citizen message's
// PostalAddress wants them apart.

#include <string>
#include <string_view>

namespace meldpunt::identity::eid {

struct StreetParts {
  std::string street;
  std::string house_number;  // "" when none was recognised
  std::string box;           // "" when none
};

// Splits "Grote Markt 12", "Kerkstraat 12A bus 3", "Rue de la Loi 16 bte 2", "Dorp 5/101" and
// the like. The house number is the last word that starts with a digit, optionally followed by a
// box marker (bus, bte, boîte, bt, box, b) and the box, or by "/box". When that shape is not
// found, everything stays in `street`: nothing is guessed.
StreetParts SplitStreetAndNumber(std::string_view street_and_number);

}  // namespace meldpunt::identity::eid
