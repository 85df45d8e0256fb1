# Staff accounts: argon2id password hashes (Debian's libargon2), lock-out, the CLI's account
# creation. Included from services/identity/CMakeLists.txt.
pkg_check_modules(ARGON2 REQUIRED IMPORTED_TARGET libargon2)

add_library(meldpunt_identity_staff STATIC
  src/staff/argon2id_hasher.cc
  src/staff/create_staff_account.cc
  src/staff/pg_staff_repository.cc
  src/staff/staff_login.cc
  src/staff/staff_roles.cc
  src/staff/staff_validation.cc)
target_link_libraries(meldpunt_identity_staff
  PUBLIC meldpunt_proto_identity meldpunt_postgres meldpunt_status absl::status absl::statusor
         absl::time
  PRIVATE meldpunt_auth meldpunt_tenant_scope meldpunt_identity_eid absl::strings PkgConfig::ARGON2
          OpenSSL::Crypto)

meldpunt_test(NAME identity_staff_unit_test LABEL unit
  SOURCES
    tests/staff/argon2id_hasher_test.cc
    tests/staff/staff_validation_test.cc
    tests/staff/staff_login_test.cc
  LIBS meldpunt_identity_staff)

meldpunt_test(NAME identity_staff_test LABEL integration
  SOURCES
    tests/staff/pg_staff_test.cc
  LIBS meldpunt_identity_staff meldpunt_identity_migrations meldpunt_events meldpunt_idempotency
       meldpunt_testing)
