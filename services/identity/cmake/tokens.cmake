# Signing keys (with rotation), access tokens, sessions and refresh-token families.
add_library(meldpunt_identity_tokens STATIC
  src/tokens/key_reloader.cc
  src/tokens/key_ring.cc
  src/tokens/pg_session_manager.cc
  src/tokens/pg_session_revoke.cc
  src/tokens/pg_signing_key_store.cc
  src/tokens/random_values.cc
  src/tokens/revocation_publisher.cc
  src/tokens/session_values.cc
  src/tokens/signing_key.cc
  src/tokens/time_values.cc
  src/tokens/token_issuer.cc
  src/tokens/token_settings.cc)
target_link_libraries(meldpunt_identity_tokens
  PUBLIC meldpunt_jwt meldpunt_identity_crypto meldpunt_proto_identity meldpunt_postgres
         meldpunt_redis meldpunt_tenant_scope meldpunt_auth meldpunt_events meldpunt_observability
         nlohmann_json::nlohmann_json absl::status absl::statusor absl::time absl::synchronization
  PRIVATE absl::strings OpenSSL::Crypto)

# No I/O: claims, key selection and rotation over an in-memory key store, settings, token shapes.
meldpunt_test(NAME identity_tokens_unit_test LABEL unit
  SOURCES tests/tokens/fake_key_store.cc
          tests/tokens/token_check.cc
          tests/tokens/key_ring_unit_test.cc
          tests/tokens/token_claims_test.cc
          tests/tokens/session_values_test.cc
  LIBS meldpunt_identity_tokens)

# Real PostgreSQL (as a non-superuser role, so row-level security applies) and Redis.
meldpunt_test(NAME identity_tokens_test LABEL integration
  SOURCES tests/tokens/tokens_fixture.cc
          tests/tokens/token_check.cc
          tests/tokens/session_manager_test.cc
          tests/tokens/revocation_test.cc
          tests/tokens/pg_key_ring_test.cc
  LIBS meldpunt_identity_tokens meldpunt_identity_migrations meldpunt_testing)
