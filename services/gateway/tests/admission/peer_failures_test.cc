// The per-peer budget of failed authentications, on a fake clock.
#include "services/gateway/src/admission/peer_failures.h"

#include <gtest/gtest.h>

#include "libs/status/status.h"

namespace meldpunt::gateway {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1800000000);

TEST(PeerFailuresTest, APeerIsRefusedOnceItsBudgetIsSpentAndServedAgainWhenItRefills) {
  PeerFailures failures(PeerFailureOptions{/*burst=*/3, /*per_second=*/1, /*max_peers=*/100});
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(failures.Check("10.0.0.7", kT0).ok()) << i;
    failures.RecordFailure("10.0.0.7", kT0);
  }
  absl::Status refused = failures.Check("10.0.0.7", kT0);
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(status::Reason(refused), "AUTHENTICATION_FAILURES");
  ASSERT_TRUE(status::Details(refused).retry_delay.has_value());
  EXPECT_EQ(*status::Details(refused).retry_delay, std::chrono::seconds(1));
  // Another address is not touched by it.
  EXPECT_TRUE(failures.Check("10.0.0.8", kT0).ok());
  // One failure is forgiven per second.
  EXPECT_FALSE(failures.Check("10.0.0.7", kT0 + absl::Milliseconds(900)).ok());
  EXPECT_TRUE(failures.Check("10.0.0.7", kT0 + absl::Seconds(1)).ok());
}

TEST(PeerFailuresTest, ForgivenPeersAreForgottenWhenTheTableIsFull) {
  PeerFailures failures(PeerFailureOptions{/*burst=*/1, /*per_second=*/1, /*max_peers=*/2});
  failures.RecordFailure("a", kT0);
  failures.RecordFailure("b", kT0);
  EXPECT_FALSE(failures.Check("a", kT0).ok());
  // Full table, a and b still failing: remembering c forgets everyone (fail open) ...
  failures.RecordFailure("c", kT0);
  EXPECT_TRUE(failures.Check("a", kT0).ok());
  EXPECT_FALSE(failures.Check("c", kT0).ok());
  // ... but once the table holds a forgiven peer, only that one goes: with c forgiven by now
  // and d failing, remembering e forgets c and keeps d.
  const absl::Time later = kT0 + absl::Seconds(5);
  failures.RecordFailure("d", later);
  failures.RecordFailure("e", later);
  EXPECT_FALSE(failures.Check("d", later).ok());
  EXPECT_FALSE(failures.Check("e", later).ok());
}

TEST(PeerFailuresTest, PeerHostDropsThePortAndTheFamily) {
  EXPECT_EQ(PeerHost("ipv4:10.0.0.7:51234"), "10.0.0.7");
  EXPECT_EQ(PeerHost("ipv6:[::1]:51234"), "::1");
  EXPECT_EQ(PeerHost("ipv6:[::ffff:127.0.0.1]:80"), "::ffff:127.0.0.1");
  EXPECT_EQ(PeerHost("unix:/tmp/sock"), "unix:/tmp/sock");
}

}  // namespace
}  // namespace meldpunt::gateway
