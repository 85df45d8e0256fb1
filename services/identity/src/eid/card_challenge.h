#pragma once
// Proof that the card itself was present (newer cards): the card's basic key signed a nonce. The
// basic key is bound to the signed identity file through tag 26, the SHA-384 of the basic key
// file (4040). Whether the nonce is fresh and unused is the caller's business: this only says
// that the card's key signed it.

#include <string_view>

#include "absl/status/status.h"
#include "services/identity/src/eid/card_files.h"

namespace meldpunt::identity::eid {

// `basic_key_hash` is identity-file tag 26 (48 bytes; empty on older cards).
// The basic key file is taken as a DER SubjectPublicKeyInfo or an uncompressed P-384 point
// (0x04‖X‖Y), with trailing 0x00 padding allowed; its hash is checked over the file as sent and,
// failing that, over its DER or point length.
// Reasons: EID_CHALLENGE_UNSUPPORTED, EID_CHALLENGE_MALFORMED (INVALID_ARGUMENT);
// EID_CHALLENGE_KEY_MISMATCH, EID_CHALLENGE_SIGNATURE_INVALID (UNAUTHENTICATED).
absl::Status VerifyCardChallenge(const CardChallenge& challenge,
                                 std::string_view basic_key_hash);

}  // namespace meldpunt::identity::eid
