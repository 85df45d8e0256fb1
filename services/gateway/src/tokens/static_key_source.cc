#include "services/gateway/src/tokens/static_key_source.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/principal.h"
#include "libs/status/status.h"

namespace meldpunt::gateway {
absl::Status CheckTokenKeyAlgorithm(const jwt::PublicKey& key) {
  if (key.algorithm == jwt::Algorithm::kEdDsa || key.algorithm == jwt::Algorithm::kEs256) {
    return absl::OkStatus();
  }
  return status::InvalidArgument(
      "KEY_NOT_SUPPORTED", absl::StrCat("token key ", key.key_id, ": must be Ed25519 or EC P-256"));
}

absl::StatusOr<std::unique_ptr<StaticKeySource>> StaticKeySource::Create(
    const std::map<std::string, std::string>& public_pems) {
  if (public_pems.empty()) {
    return status::InvalidArgument("INVALID_CONFIGURATION", "no token public keys configured");
  }
  std::unique_ptr<StaticKeySource> source(new StaticKeySource());
  for (const auto& [kid, pem] : public_pems) {
    auto key = jwt::PublicKeyFromPem(kid, pem);
    if (!key.ok()) return key.status();
    if (absl::Status s = CheckTokenKeyAlgorithm(*key); !s.ok()) return s;
    source->keys_.emplace(kid, TokenKey{std::make_shared<const jwt::PublicKey>(std::move(*key))});
  }
  return source;
}

absl::StatusOr<std::unique_ptr<StaticKeySource>> StaticKeySource::FromSpec(const std::string& spec) {
  auto paths = auth::ParseKeySpec(spec);
  if (!paths.ok()) return paths.status();
  std::map<std::string, std::string> pems;
  for (const auto& [kid, path] : *paths) {
    auto pem = auth::ReadKeyFile(path);
    if (!pem.ok()) return pem.status();
    pems.emplace(kid, std::move(*pem));
  }
  return Create(pems);
}

absl::StatusOr<TokenKey> StaticKeySource::Find(std::string_view key_id) {
  auto it = keys_.find(key_id);
  if (it == keys_.end()) {
    return status::Unauthenticated("TOKEN_UNKNOWN_KEY", "the token is signed with an unknown key");
  }
  return it->second;
}

}  // namespace meldpunt::gateway
