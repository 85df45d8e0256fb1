#pragma once
// The OpenID Connect issuers identity trusts, from a JSON file (flag --oidc-issuers):
//
//   [{"provider": "fas" | "itsme",
//     "issuer":   "https://idp.iamfas.belgium.be/fas/oauth2",   // the tokens' "iss", exactly
//     "audience": "<our client id at that provider>",
//     "jwks_file": "fas-jwks.json",   // the provider's JWK Set; relative to the issuers file
//     "default":  true}]              // optional
//
// Keys come from files the operator updates (no fetching at run time: the service has no
// outbound internet access, and a key set is reviewed before it is trusted). A provider may have
// several issuers (e.g. FAS production and integration); a lone issuer is its provider's default,
// among several at most one may be marked default.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/jwt/keys.h"
#include "meldpunt/identity/v1/identity_service.pb.h"

namespace meldpunt::identity::oidc {

struct OidcIssuer {
  v1::OidcProvider provider = v1::OIDC_PROVIDER_UNSPECIFIED;
  std::string issuer;
  std::string audience;
  std::vector<jwt::PublicKey> keys;
  bool is_default = false;
};

// Parses the file's text; jwks_file paths that are relative are taken from base_dir.
// INVALID_ARGUMENT OIDC_CONFIG_INVALID naming the entry and what is wrong (JWKS errors keep
// their own reason, annotated with the file).
absl::StatusOr<std::vector<OidcIssuer>> ParseIssuers(std::string_view json_text,
                                                     const std::string& base_dir);

// Reads and parses the file at path.
absl::StatusOr<std::vector<OidcIssuer>> LoadIssuers(const std::string& path);

}  // namespace meldpunt::identity::oidc
