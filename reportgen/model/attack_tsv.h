/* attack_tsv.h: an ATT&CK version's tables as TSV files in one folder (data/attack, or an
 * installed version's folder). */
#ifndef RG_ATTACK_TSV_H
#define RG_ATTACK_TSV_H

#include "attack_build.h"

#define ATTACK_TSV_INFO "enterprise-info.tsv"
#define ATTACK_TSV_TACTICS "enterprise-tactics.tsv"
#define ATTACK_TSV_TECHNIQUES "enterprise-techniques.tsv"

/* Reads the three tables of dir into arena a; NULL with a message in err. */
struct rg_attack *attack_tsv_read(struct rg_arena *a, const char *dir, char err[ATTACK_ERR]);
/* Writes the three tables into dir (which exists); false with a message in err. */
bool attack_tsv_write(const struct rg_attack *, const char *dir, char err[ATTACK_ERR]);

#endif
