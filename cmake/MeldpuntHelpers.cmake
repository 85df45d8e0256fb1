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
