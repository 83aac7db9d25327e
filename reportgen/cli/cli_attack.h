/* cli_attack.h: the `reportgen attack` command (import, list). */
#ifndef RG_CLI_ATTACK_H
#define RG_CLI_ATTACK_H

#include <stdio.h>

/* argv[0] is "attack". Returns the exit status. */
int cli_attack(int argc, char **argv);
void cli_attack_help(FILE *);
/* Its options as `help --options attack` lists them: "--long[=] [-s]" a line. */
void cli_attack_options(FILE *);

#endif
