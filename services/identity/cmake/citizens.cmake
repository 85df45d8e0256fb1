# Citizens: profiles (personal data sealed), consents, staff access log, zones of the domicile,
# and the internal contact and count questions. Tables: migrations/0001_citizens.sql.
add_library(meldpunt_identity_citizens STATIC
  src/citizens/citizen_events.cc
  src/citizens/citizen_record.cc
  src/citizens/enum_names.cc
  src/citizens/national_number_display.cc
  src/citizens/pg_citizen_repository.cc
  src/citizens/pg_citizen_segments.cc
  src/citizens/place_names.cc
  src/citizens/profile_validation.cc
  src/citizens/segment_filter.cc
  src/citizens/zone_import.cc)
target_link_libraries(meldpunt_identity_citizens
  PUBLIC meldpunt_identity_crypto meldpunt_proto_identity meldpunt_proto_events meldpunt_events
         meldpunt_contact
         meldpunt_postgres meldpunt_tenant_scope meldpunt_api meldpunt_status absl::time
  PRIVATE nlohmann_json::nlohmann_json absl::strings)

meldpunt_test(NAME identity_citizens_unit_test LABEL unit
  SOURCES tests/citizens/profile_validation_test.cc
          tests/citizens/place_names_test.cc
          tests/citizens/national_number_display_test.cc
          tests/citizens/segment_filter_test.cc
          tests/citizens/citizen_events_test.cc
          tests/citizens/zone_names_test.cc
  LIBS meldpunt_identity_citizens)
target_compile_definitions(identity_citizens_unit_test PRIVATE
  MELDPUNT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
# Integration: a fresh PostgreSQL database per test, reached as a non-superuser role so row-level
# security applies as in production.
meldpunt_test(NAME identity_citizens_test LABEL integration
  SOURCES tests/citizens/citizens_fixture.cc
          tests/citizens/upsert_test.cc
          tests/citizens/profile_test.cc
          tests/citizens/tenant_isolation_test.cc
          tests/citizens/contacts_test.cc
          tests/citizens/zone_import_test.cc
  LIBS meldpunt_identity_citizens meldpunt_identity_migrations meldpunt_testing)
target_compile_definitions(identity_citizens_test PRIVATE
  MELDPUNT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
