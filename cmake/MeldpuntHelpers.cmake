include(GoogleTest)

# meldpunt_test(NAME <name> LABEL unit|integration [READS_SOURCE_TREE] SOURCES ... LIBS ...)
# One test binary; each of its GoogleTest cases becomes a ctest test carrying the label.
# File names say what a test needs, and the label must agree (the configure step fails when
# they disagree): *_integration_test.cc needs PostgreSQL or Redis and goes into a binary labelled
# integration whose name ends in _integration_test; any other *_test.cc needs nothing and goes
# into a unit binary. Helper sources (fixtures, fakes) do not end in _test.cc. Tests that start
# binaries are e2e and live under tests/e2e. READS_SOURCE_TREE: the test reads files of the
# repository (the real zone boundaries, sample data) below MELDPUNT_SOURCE_DIR.
function(meldpunt_test)
  cmake_parse_arguments(T "READS_SOURCE_TREE" "NAME;LABEL" "SOURCES;LIBS" ${ARGN})
  if(NOT T_LABEL MATCHES "^(unit|integration)$")
    message(FATAL_ERROR "meldpunt_test(${T_NAME}): LABEL must be unit or integration")
  endif()
  set(has_test_source FALSE)
  foreach(src IN LISTS T_SOURCES)
    get_filename_component(file "${src}" NAME)
    if(file MATCHES "_integration_test\\.cc$")
      set(kind integration)
    elseif(file MATCHES "_test\\.cc$")
      set(kind unit)
    else()
      continue()
    endif()
    set(has_test_source TRUE)
    if(NOT kind STREQUAL T_LABEL)
      message(FATAL_ERROR "meldpunt_test(${T_NAME}): ${src} is a ${kind} test by its name but "
                          "the binary is labelled ${T_LABEL}; rename the file or move it")
    endif()
  endforeach()
  if(NOT has_test_source)
    message(FATAL_ERROR "meldpunt_test(${T_NAME}): no *_test.cc among its sources")
  endif()
  if(T_LABEL STREQUAL "integration" AND NOT T_NAME MATCHES "_integration_test$")
    message(FATAL_ERROR "meldpunt_test(${T_NAME}): an integration binary's name ends in _integration_test")
  endif()
  if(T_LABEL STREQUAL "unit" AND T_NAME MATCHES "_integration_test$")
    message(FATAL_ERROR "meldpunt_test(${T_NAME}): a unit binary's name must not end in _integration_test")
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gmock GTest::gtest_main)
  if(T_READS_SOURCE_TREE)
    target_compile_definitions(${T_NAME} PRIVATE MELDPUNT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  endif()
  set(timeout 120)
  if(T_LABEL STREQUAL "unit")
    set(timeout 60)
  endif()
  # Named <binary>.<Suite>.<Test>, so `ctest -R intake` selects a service's tests.
  gtest_discover_tests(${T_NAME} TEST_PREFIX "${T_NAME}."
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
  _meldpunt_embed(migrations "${component}" "${dir}" "${gen}/migrations/${ident}.h"
                  "${gen}/migrations/${ident}.cc" "${files}")
  target_sources(${target} PRIVATE "${gen}/migrations/${ident}.cc")
  target_include_directories(${target} PUBLIC "${gen}")
  target_link_libraries(${target} PUBLIC meldpunt_postgres)
endfunction()

# meldpunt_embed_sql(<target> <component> <dir>)
# Embeds every <dir>/<area>/<stem>.sql as the constant meldpunt::sql::<component>::<stem> (a
# pg::Statement whose name, the stem, is also its prepared statement's name) in the header
# "sql/<component>.h". Queries then live as SQL files that psql and pgbench can run as they are.
function(meldpunt_embed_sql target component dir)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS "${dir}/*.sql")
  list(SORT files)
  string(MAKE_C_IDENTIFIER "${component}" ident)
  set(gen "${CMAKE_BINARY_DIR}/generated")
  _meldpunt_embed(statements "${component}" "${dir}" "${gen}/sql/${ident}.h" "" "${files}")
  # A header-only output needs a target that makes it before anything that includes it compiles.
  add_custom_target(${target}_sql DEPENDS "${gen}/sql/${ident}.h")
  add_dependencies(${target} ${target}_sql)
  target_include_directories(${target} PUBLIC "${gen}")
  target_link_libraries(${target} PUBLIC meldpunt_postgres)
endfunction()

function(_meldpunt_embed mode component base out_h out_cc files)
  # The file list travels '|'-separated: a ';' would end the shell command that runs the script.
  string(REPLACE ";" "|" files_arg "${files}")
  set(outputs "${out_h}")
  if(out_cc)
    list(APPEND outputs "${out_cc}")
  endif()
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${CMAKE_COMMAND} -DMODE=${mode} -DCOMPONENT=${component} -DBASE=${base}
            -DOUT_CC=${out_cc} -DOUT_H=${out_h} "-DFILES=${files_arg}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    COMMENT "Embedding ${component} ${mode}"
    VERBATIM)
endfunction()
