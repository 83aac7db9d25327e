# embed.cmake: files the binary prints or writes (the editor schema, the init skeletons)
# become C byte arrays in build/generated/embedded.c, so an installed binary needs no data file.
set(RG_EMBED_FILES
  ${CMAKE_SOURCE_DIR}/docs/incident.schema.json
  ${CMAKE_SOURCE_DIR}/reportgen/cli/skeletons/generic.yaml
  ${CMAKE_SOURCE_DIR}/reportgen/cli/skeletons/phishing.yaml
  ${CMAKE_SOURCE_DIR}/reportgen/cli/skeletons/malware.yaml
  ${CMAKE_SOURCE_DIR}/reportgen/cli/skeletons/web.yaml
  ${CMAKE_SOURCE_DIR}/reportgen/cli/skeletons/false-positive.yaml)
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/generated/embedded.c
  COMMAND ${CMAKE_COMMAND} -DOUT=${CMAKE_BINARY_DIR}/generated/embedded.c
          "-DFILES=${RG_EMBED_FILES}" -P ${CMAKE_SOURCE_DIR}/cmake/scripts/embed-run.cmake
  DEPENDS ${RG_EMBED_FILES} ${CMAKE_SOURCE_DIR}/cmake/scripts/embed-run.cmake
  COMMENT "Embedding the editor schema and the init skeletons"
  VERBATIM)
set(RG_EMBEDDED ${CMAKE_BINARY_DIR}/generated/embedded.c)
