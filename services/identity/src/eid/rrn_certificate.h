#pragma once
// The National Register's (RRN) certificate from the card (3F00/DF00/503C): the key that signed
// the identity and address files.

#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/identity/src/eid/openssl_ptr.h"
#include "services/identity/src/eid/trusted_roots.h"

namespace meldpunt::identity::eid {

// Checks the DER certificate (trailing 0x00 padding allowed) and returns its public key: issued
// directly by one of `roots` (no intermediate), valid at `now`, subject exactly CN=RRN, O=RRN,
// C=BE, key usage with digitalSignature and nonRepudiation, key RSA (2048 bits or more) or EC
// P-384. Reasons: EID_CERT_MALFORMED (INVALID_ARGUMENT); EID_CERT_UNTRUSTED, EID_CERT_EXPIRED,
// EID_CERT_NOT_YET_VALID, EID_CERT_SUBJECT, EID_CERT_KEY_USAGE, EID_CERT_KEY_UNSUPPORTED
// (UNAUTHENTICATED).
absl::StatusOr<EvpPkeyPtr> CheckRrnCertificate(std::string_view der, const TrustedRoots& roots,
                                               absl::Time now);

}  // namespace meldpunt::identity::eid
