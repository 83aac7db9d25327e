# attack.cmake: generates the ATT&CK table (build/generated/attack_table.c) from data/attack.
add_executable(attack_gen ${CMAKE_SOURCE_DIR}/reportgen/model/gen/attack_gen.c)
set(RG_ATTACK_TSV
  ${CMAKE_SOURCE_DIR}/data/attack/enterprise-techniques.tsv
  ${CMAKE_SOURCE_DIR}/data/attack/enterprise-tactics.tsv)
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/generated)
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/generated/attack_table.c
  COMMAND attack_gen ${RG_ATTACK_TSV} ${CMAKE_BINARY_DIR}/generated/attack_table.c
  DEPENDS attack_gen ${RG_ATTACK_TSV}
  COMMENT "Generating the ATT&CK table from data/attack"
  VERBATIM)
list(APPEND RG_GENERATED ${CMAKE_BINARY_DIR}/generated/attack_table.c)
