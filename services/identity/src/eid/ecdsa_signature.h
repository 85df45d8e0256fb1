#pragma once
// ECDSA signature encodings met on cards: DER (newer cards store it in a fixed-size file, so it
// may carry trailing padding) and raw r‖s (what some readers return for a card's internal
// authenticate).

#include <optional>
#include <string>
#include <string_view>

namespace meldpunt::identity::eid {

// The length of the DER SEQUENCE that `data` starts with (header included), when it starts with
// one whose declared length fits in `data`; nullopt otherwise. Never reads past `data`.
std::optional<size_t> DerSequenceLength(std::string_view data);

// The DER ECDSA-Sig-Value that `signature` starts with, without what follows it.
std::optional<std::string_view> TrimDerSignature(std::string_view signature);

// DER encoding of a raw r‖s signature with `component_size`-byte halves (48 for P-384); nullopt
// when the size does not match.
std::optional<std::string> RawEcdsaToDer(std::string_view raw, size_t component_size);

}  // namespace meldpunt::identity::eid
