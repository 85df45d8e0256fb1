#include "services/identity/src/oidc/oidc_verifier.h"

#include "libs/status/status.h"
#include "services/identity/src/oidc/claim_mapping.h"
#include "services/identity/src/oidc/id_token.h"
#include "services/identity/src/oidc/reasons.h"

namespace meldpunt::identity::oidc {

absl::StatusOr<std::unique_ptr<OidcVerifier>> OidcVerifier::FromFile(const std::string& path) {
  auto issuers = LoadIssuers(path);
  if (!issuers.ok()) return issuers.status();
  return Create(std::move(*issuers));
}

absl::StatusOr<std::unique_ptr<OidcVerifier>> OidcVerifier::Create(std::vector<OidcIssuer> issuers) {
  for (const OidcIssuer& i : issuers) {
    if (i.provider == v1::OIDC_PROVIDER_UNSPECIFIED || i.issuer.empty() || i.audience.empty() ||
        i.keys.empty()) {
      return status::InvalidArgument(kConfigInvalid,
                                     "an OIDC issuer needs a provider, issuer, audience and keys");
    }
  }
  return std::unique_ptr<OidcVerifier>(new OidcVerifier(std::move(issuers)));
}

const OidcIssuer* OidcVerifier::Find(v1::OidcProvider provider, std::string_view issuer) const {
  for (const OidcIssuer& i : issuers_) {
    if (i.provider != provider) continue;
    if (issuer.empty() ? i.is_default : i.issuer == issuer) return &i;
  }
  return nullptr;
}

absl::StatusOr<VerifiedIdentity> OidcVerifier::Verify(v1::OidcProvider provider,
                                                      std::string_view issuer,
                                                      std::string_view id_token,
                                                      std::string_view nonce, absl::Time now) const {
  if (provider == v1::OIDC_PROVIDER_UNSPECIFIED) {
    return status::InvalidArgument(kProviderMissing, "provider is required");
  }
  if (id_token.empty()) return status::InvalidArgument(kTokenMissing, "id_token is required");
  if (id_token.size() > kMaxIdTokenBytes) {
    return status::InvalidArgument(kTokenTooLarge, "id_token is larger than 16 KiB");
  }
  if (nonce.empty()) return status::InvalidArgument(kNonceMissing, "nonce is required");
  if (nonce.size() > kMaxNonceBytes) {
    return status::InvalidArgument(kNonceInvalid, "nonce is longer than 512 bytes");
  }
  const OidcIssuer* configured = Find(provider, issuer);
  if (configured == nullptr) {
    return status::Unauthenticated(kIssuerUnknown, "no such OIDC issuer is configured for the provider");
  }
  auto claims = VerifyIdToken(*configured, id_token, nonce, now);
  if (!claims.ok()) return claims.status();
  switch (provider) {
    case v1::OIDC_PROVIDER_FAS:
      return MapFasClaims(*claims);
    case v1::OIDC_PROVIDER_ITSME:
      return MapItsmeClaims(*claims);
    default:
      break;
  }
  return status::InvalidArgument(kProviderMissing, "unknown provider");
}

}  // namespace meldpunt::identity::oidc
