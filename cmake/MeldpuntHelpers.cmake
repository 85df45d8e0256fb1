include(GoogleTest)

# meldpunt_test(NAME <name> LABEL unit|integration|e2e SOURCES ... LIBS ...)
# One test binary; each of its GoogleTest cases becomes a ctest test carrying the label.
function(meldpunt_test)
  cmake_parse_arguments(T "" "NAME;LABEL" "SOURCES;LIBS" ${ARGN})
  if(NOT T_LABEL MATCHES "^(unit|integration|e2e)$")
    message(FATAL_ERROR "meldpunt_test(${T_NAME}): LABEL must be unit, integration or e2e")
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gmock GTest::gtest_main)
  set(timeout 120)
  if(T_LABEL STREQUAL "unit")
    set(timeout 60)
  endif()
  gtest_discover_tests(${T_NAME}
    PROPERTIES LABELS ${T_LABEL} TIMEOUT ${timeout}
    DISCOVERY_TIMEOUT 60)
endfunction()

# meldpunt_embed_migrations(<target> <component> <dir>)
# Embeds every <dir>/NNNN_name.sql into <target> as the migration set of <component>, callable
# as meldpunt::migrations::<component>() from "migrations/<component>.h". The binary then carries
# its schema with it: the same image migrates locally and as a Kubernetes Job.
function(meldpunt_embed_migrations target component dir)
  file(GLOB files CONFIGURE_DEPENDS "${dir}/*.sql")
  list(SORT files)
  string(MAKE_C_IDENTIFIER "${component}" ident)
  set(gen "${CMAKE_BINARY_DIR}/generated")
  set(out_cc "${gen}/migrations/${ident}.cc")
  set(out_h "${gen}/migrations/${ident}.h")
  # The file list travels '|'-separated: a ';' would end the shell command that runs the script
  # (every component had a single file until intake's second migration showed it).
  string(REPLACE ";" "|" files_arg "${files}")
  add_custom_command(
    OUTPUT "${out_cc}" "${out_h}"
    COMMAND ${CMAKE_COMMAND} -DCOMPONENT=${component} -DOUT_CC=${out_cc} -DOUT_H=${out_h}
            "-DFILES=${files_arg}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    COMMENT "Embedding ${component} migrations"
    VERBATIM)
  target_sources(${target} PRIVATE "${out_cc}")
  target_include_directories(${target} PUBLIC "${gen}")
  target_link_libraries(${target} PUBLIC meldpunt_postgres)
endfunction()
