# attack.cmake: generates the bundled ATT&CK tables (build/generated/attack_table.c) from
# data/attack, with the code that reads an installed version (model/attack_tsv.c).
set(RG_ATTACK_GEN_SRC
  ${CMAKE_SOURCE_DIR}/reportgen/model/gen/attack_gen.c
  ${CMAKE_SOURCE_DIR}/reportgen/model/attack_tsv.c
  ${CMAKE_SOURCE_DIR}/reportgen/model/attack_build.c
  ${CMAKE_SOURCE_DIR}/reportgen/model/attack.c
  ${CMAKE_SOURCE_DIR}/reportgen/core/arena.c)
add_executable(attack_gen ${RG_ATTACK_GEN_SRC})
target_include_directories(attack_gen PRIVATE ${CMAKE_SOURCE_DIR}/reportgen
  ${CMAKE_SOURCE_DIR}/reportgen/model)
set(RG_ATTACK_DATA
  ${CMAKE_SOURCE_DIR}/data/attack/enterprise-info.tsv
  ${CMAKE_SOURCE_DIR}/data/attack/enterprise-techniques.tsv
  ${CMAKE_SOURCE_DIR}/data/attack/enterprise-tactics.tsv)
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/generated)
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/generated/attack_table.c
  COMMAND attack_gen ${CMAKE_SOURCE_DIR}/data/attack ${CMAKE_BINARY_DIR}/generated/attack_table.c
  DEPENDS attack_gen ${RG_ATTACK_DATA}
  COMMENT "Generating the ATT&CK table from data/attack"
  VERBATIM)
list(APPEND RG_GENERATED ${CMAKE_BINARY_DIR}/generated/attack_table.c)
