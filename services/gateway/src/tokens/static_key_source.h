#pragma once
// A fixed set of token keys from PEM files (--token-public-keys): for tests and development, where
// no identity service signs tokens. The keys never expire.

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/gateway/src/tokens/token_key_source.h"

namespace meldpunt::gateway {

class StaticKeySource final : public TokenKeySource {
 public:
  // public_pems: key id → PEM public key, Ed25519 or EC P-256 (the algorithms identity signs
  // with). INVALID_ARGUMENT for none, RSA or anything else.
  static absl::StatusOr<std::unique_ptr<StaticKeySource>> Create(
      const std::map<std::string, std::string>& public_pems);
  // spec: "kid:/path/pub.pem[,kid2:/path2.pem]".
  static absl::StatusOr<std::unique_ptr<StaticKeySource>> FromSpec(const std::string& spec);

  absl::StatusOr<TokenKey> Find(std::string_view key_id) override;

 private:
  StaticKeySource() = default;
  std::map<std::string, TokenKey, std::less<>> keys_;
};

// Identity's tokens are EdDSA or ES256; an RSA key among the token keys is a configuration error.
absl::Status CheckTokenKeyAlgorithm(const jwt::PublicKey& key);

}  // namespace meldpunt::gateway
