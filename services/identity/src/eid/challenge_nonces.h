#pragma once
// Single use of card-challenge nonces (EidCardChallenge). While the app chooses the nonce, single
// use is what stops a recorded challenge from being played back (the age check alone does not:
// nonce_created_at is not signed); see the freshness note in eid.proto for what it does not stop.
// Single use is global: a nonce spent in one tenant is a replay in every other.

#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/postgres/pool.h"

namespace meldpunt::identity {

// How old a nonce may be, and how far ahead of our clock the app's may run.
inline constexpr absl::Duration kChallengeMaxAge = absl::Minutes(5);
inline constexpr absl::Duration kChallengeClockSkew = absl::Seconds(60);

class ChallengeNonces {
 public:
  virtual ~ChallengeNonces() = default;
  // OK the first time a nonce is presented (in any tenant) within its age; UNAUTHENTICATED with
  // reason EID_CHALLENGE_STALE (too old, from the future, or no time) or EID_CHALLENGE_REPLAYED.
  virtual absl::Status Consume(std::string_view tenant_id, std::string_view nonce,
                               absl::Time created_at, absl::Time now) = 0;
};

// The age check alone, pure: UNAUTHENTICATED EID_CHALLENGE_STALE or OK.
absl::Status CheckChallengeAge(absl::Time created_at, absl::Time now);

class PgChallengeNonces final : public ChallengeNonces {
 public:
  explicit PgChallengeNonces(pg::Pool* pool) : pool_(pool) {}
  absl::Status Consume(std::string_view tenant_id, std::string_view nonce, absl::Time created_at,
                       absl::Time now) override;

 private:
  pg::Pool* pool_;
};

}  // namespace meldpunt::identity
