#pragma once
// The verified principal: who calls, in which municipality, with which roles, until when. The
// gateway signs it (Ed25519) into the call metadata after authenticating the caller; every
// service verifies the signature on every call, so a call that bypasses the gateway, or alters
// the principal, is refused.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/evp.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "meldpunt/common/v1/principal.pb.h"

namespace meldpunt::auth {

using Principal = meldpunt::common::v1::Principal;
using Role = meldpunt::common::v1::Role;

// Binary metadata (the -bin suffix makes gRPC base64 it on the wire).
inline constexpr char kPrincipalMetadataKey[] = "x-meldpunt-principal-bin";

// Who signs what. A key id may name its owner after '@' ("svc1@notification"); a key id without
// one is the gateway's. The gateway vouches for people and API clients (and for itself); a
// service's key only for that service's own calls (kind SERVICE, subject = the owner). So a
// service's key, were it stolen, cannot make a coordinator, and a service can tell the
// gateway's principals from another service's.
inline constexpr char kGatewayIssuer[] = "gateway";
std::string KeyOwner(std::string_view key_id);

struct VerifierOptions {
  // The verifying service's name: a principal whose audience differs is refused. Empty: not
  // checked (only for the gateway's check of its own signing key).
  std::string audience;
  // A principal may not claim to live longer than this from now: signers give seconds (the
  // gateway 15 at most), so a leaked one is soon useless; the margin is for clock differences.
  absl::Duration max_lifetime = absl::Seconds(60);
};

struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;

class PrincipalSigner {
 public:
  // pem: an Ed25519 private key ("openssl genpkey -algorithm ed25519").
  static absl::StatusOr<std::unique_ptr<PrincipalSigner>> Create(std::string key_id,
                                                                 std::string_view private_pem);
  static absl::StatusOr<std::unique_ptr<PrincipalSigner>> FromFile(std::string key_id,
                                                                   const std::string& path);

  // The metadata value: a serialized SignedPrincipal.
  absl::StatusOr<std::string> Sign(const Principal& principal) const;

  const std::string& key_id() const { return key_id_; }

 private:
  PrincipalSigner(std::string key_id, EvpPkeyPtr key) : key_id_(std::move(key_id)), key_(std::move(key)) {}
  std::string key_id_;
  EvpPkeyPtr key_;
};

class PrincipalVerifier {
 public:
  // public_pems: key id → Ed25519 public key PEM. Several keys are accepted at once so a key can
  // be rotated without a moment where calls fail.
  static absl::StatusOr<std::unique_ptr<PrincipalVerifier>> Create(
      const std::map<std::string, std::string>& public_pems, VerifierOptions options = {});
  // spec: "kid:/path/pub.pem[,kid2@owner:/path2.pem]" (the MELDPUNT_PRINCIPAL_PUBLIC_KEYS format).
  static absl::StatusOr<std::unique_ptr<PrincipalVerifier>> FromSpec(const std::string& spec,
                                                                      VerifierOptions options = {});

  // UNAUTHENTICATED with reason PRINCIPAL_MALFORMED, PRINCIPAL_UNKNOWN_KEY,
  // PRINCIPAL_BAD_SIGNATURE, PRINCIPAL_EXPIRED, PRINCIPAL_INCOMPLETE, PRINCIPAL_ISSUER_MISMATCH
  // (the issuer is not the key's owner, or the owner may not vouch for this kind of principal),
  // PRINCIPAL_WRONG_AUDIENCE or PRINCIPAL_LIFETIME_TOO_LONG.
  absl::StatusOr<Principal> Verify(std::string_view signed_principal, absl::Time now) const;

 private:
  std::map<std::string, EvpPkeyPtr> keys_;
  VerifierOptions options_;
};

// Parses "kid:/path[,kid:/path]" into key id → path. INVALID_ARGUMENT naming the bad entry.
absl::StatusOr<std::map<std::string, std::string>> ParseKeySpec(const std::string& spec);

// A PEM key file's content; INVALID_ARGUMENT (KEY_FILE_UNREADABLE) naming the path otherwise.
absl::StatusOr<std::string> ReadKeyFile(const std::string& path);

}  // namespace meldpunt::auth
