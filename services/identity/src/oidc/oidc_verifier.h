#pragma once
// LoginWithOidc's verification: an ID token from a configured FAS or itsme issuer, checked
// (id_token.h) and mapped onto a VerifiedIdentity (claim_mapping.h).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "meldpunt/identity/v1/identity_service.pb.h"
#include "services/identity/src/citizens/verified_identity.h"
#include "services/identity/src/oidc/issuer_config.h"

namespace meldpunt::identity::oidc {

// The largest ID token accepted (LoginWithOidcRequest.id_token).
inline constexpr std::size_t kMaxIdTokenBytes = 16 * 1024;
// The longest nonce accepted; app backends send a few dozen random characters.
inline constexpr std::size_t kMaxNonceBytes = 512;

// The interface the service's handlers hold, so their tests can inject a fake.
class IdTokenVerifier {
 public:
  virtual ~IdTokenVerifier() = default;

  // issuer: a configured issuer of the provider, or "" for the provider's default.
  // UNAUTHENTICATED OIDC_* reasons (ISSUER_UNKNOWN, TOKEN_MALFORMED, KEY_UNKNOWN,
  // SIGNATURE_INVALID, WRONG_ISSUER, WRONG_AUDIENCE, TOKEN_EXPIRED, TOKEN_NOT_YET_VALID,
  // NONCE_MISMATCH, CLAIM_MISSING, CLAIM_INVALID, NATIONAL_NUMBER_INVALID, DATA_INCONSISTENT);
  // INVALID_ARGUMENT OIDC_PROVIDER_MISSING, OIDC_TOKEN_MISSING, OIDC_TOKEN_TOO_LARGE (over
  // 16 KiB), OIDC_NONCE_MISSING, OIDC_NONCE_INVALID (over 512 bytes).
  virtual absl::StatusOr<VerifiedIdentity> Verify(v1::OidcProvider provider, std::string_view issuer,
                                                  std::string_view id_token, std::string_view nonce,
                                                  absl::Time now) const = 0;
};

class OidcVerifier final : public IdTokenVerifier {
 public:
  // The issuers file (issuer_config.h). INVALID_ARGUMENT OIDC_CONFIG_INVALID (or the JWKS
  // library's reason) when it or a JWKS file is unusable: a start-up error.
  static absl::StatusOr<std::unique_ptr<OidcVerifier>> FromFile(const std::string& path);
  static absl::StatusOr<std::unique_ptr<OidcVerifier>> Create(std::vector<OidcIssuer> issuers);

  absl::StatusOr<VerifiedIdentity> Verify(v1::OidcProvider provider, std::string_view issuer,
                                          std::string_view id_token, std::string_view nonce,
                                          absl::Time now) const override;

  const std::vector<OidcIssuer>& issuers() const { return issuers_; }

 private:
  explicit OidcVerifier(std::vector<OidcIssuer> issuers) : issuers_(std::move(issuers)) {}

  const OidcIssuer* Find(v1::OidcProvider provider, std::string_view issuer) const;

  std::vector<OidcIssuer> issuers_;
};

}  // namespace meldpunt::identity::oidc
