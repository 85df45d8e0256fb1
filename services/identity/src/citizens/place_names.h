#pragma once
// Placing a domicile in one of the tenant's zones by name: the address's municipality (as on the
// card: "Sint-Truiden", "Brustem") is compared with the zones' published names ("Sint-Truiden
// (Dg.)", "Brustem (Sint-Truiden)") after both are reduced to a match key. Pure.

#include <string>
#include <string_view>

namespace meldpunt::identity {

// Lower case, accents removed (Latin-1 letters and œ), a trailing bracketed part dropped
// (" (Dg.)", " (Sint-Truiden)"), hyphens, apostrophes and runs of white space made one space,
// trimmed: "Kerkom-bij-Sint-Truiden" → "kerkom bij sint truiden", "Sint-Truiden (Dg.)" →
// "sint truiden", "Liège" → "liege".
std::string PlaceMatchKey(std::string_view name);

// The published name without its trailing bracketed part, for showing: "Brustem" from "Brustem
// (Sint-Truiden)".
std::string DisplayZoneName(std::string_view published_name);

}  // namespace meldpunt::identity
