# OpenID Connect ID tokens from FAS and itsme: configured issuers, token checks, claim mapping.
# Included from services/identity/CMakeLists.txt.
add_library(meldpunt_identity_oidc STATIC
  src/oidc/claim_mapping.cc
  src/oidc/id_token.cc
  src/oidc/issuer_config.cc
  src/oidc/oidc_verifier.cc)
target_link_libraries(meldpunt_identity_oidc
  PUBLIC meldpunt_jwt meldpunt_identity_eid meldpunt_proto_identity meldpunt_status
         nlohmann_json::nlohmann_json absl::status absl::statusor absl::time
  PRIVATE absl::strings OpenSSL::Crypto)

meldpunt_test(NAME identity_oidc_test LABEL unit
  SOURCES
    tests/oidc/test_issuer.cc
    tests/oidc/issuer_config_test.cc
    tests/oidc/oidc_verifier_test.cc
    tests/oidc/claim_mapping_test.cc
  LIBS meldpunt_identity_oidc OpenSSL::Crypto)
