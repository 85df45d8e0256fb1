# The service: gRPC handlers wiring the parts together, and the binary.
add_library(meldpunt_identity_lib STATIC
  src/service/challenge_nonces.cc
  src/service/citizen_handlers.cc
  src/service/eid_mapping.cc
  src/service/internal_handlers.cc
  src/service/login_handlers.cc
  src/service/session_handlers.cc)
target_link_libraries(meldpunt_identity_lib
  PUBLIC meldpunt_proto_identity meldpunt_server meldpunt_auth meldpunt_tenant_scope
         meldpunt_postgres meldpunt_identity_eid meldpunt_identity_citizens
         meldpunt_identity_tokens meldpunt_identity_oidc meldpunt_identity_staff
         meldpunt_identity_migrations
  PRIVATE OpenSSL::Crypto)

add_executable(meldpunt-identity src/service/main.cc)
target_link_libraries(meldpunt-identity PRIVATE meldpunt_identity_lib meldpunt_service_metrics
                                                meldpunt_events meldpunt_redis)

# Test cards signed by the self-made test roots, for demo data and end-to-end tests.
add_executable(meldpunt-eid-test-card tools/eid_test_card.cc)
target_link_libraries(meldpunt-eid-test-card PRIVATE meldpunt_identity_eid_fixture
                                                     nlohmann_json::nlohmann_json absl::strings)

meldpunt_test(NAME identity_service_unit_test LABEL unit
  SOURCES tests/service/eid_mapping_test.cc
  LIBS meldpunt_identity_lib meldpunt_identity_eid_fixture)

# The real service in-process over gRPC with every real part: PostgreSQL as a non-superuser role
# (row-level security applies), Redis, the eID verifier with the fixture's roots, a self-made
# FAS issuer, argon2id with cheap parameters.
meldpunt_test(NAME identity_service_test LABEL integration
  SOURCES tests/service/service_fixture.cc
          tests/oidc/test_issuer.cc
          tests/service/authentication_test.cc
          tests/service/roles_test.cc
          tests/service/tenant_isolation_test.cc
          tests/service/verify_eid_test.cc
          tests/service/citizen_profile_test.cc
          tests/service/oidc_login_test.cc
          tests/service/sessions_test.cc
          tests/service/log_capture_test.cc
  LIBS meldpunt_identity_lib meldpunt_identity_eid_fixture meldpunt_testing
       meldpunt_auth_test_keys meldpunt_redis OpenSSL::Crypto)
