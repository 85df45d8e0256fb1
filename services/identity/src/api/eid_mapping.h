#pragma once
// Between the VerifyEid request/answer and the eID library: the card files out of the proto, and
// a verified card into the person-shaped VerifiedIdentity the citizen store takes. Pure.

#include "meldpunt/identity/v1/eid.pb.h"
#include "services/identity/src/citizens/verified_identity.h"
#include "services/identity/src/eid/card_files.h"
#include "services/identity/src/eid/eid_verifier.h"

namespace meldpunt::identity {

eid::CardFiles CardFilesFromProto(const v1::EidCardFiles& files);
eid::CardChallenge CardChallengeFromProto(const v1::EidCardChallenge& challenge);

// Names, birth date (the card's, more precise than the number's), gender, domicile and the
// assurance level. Nationality, birth place and card numbers are left behind on purpose: the
// profile keeps only what Meldpunt needs.
VerifiedIdentity IdentityFromCard(const eid::VerifiedCard& card);

}  // namespace meldpunt::identity
