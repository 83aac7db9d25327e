/* attack_diff.h: what became of a technique from one ATT&CK version to another. */
#ifndef RG_ATTACK_DIFF_H
#define RG_ATTACK_DIFF_H

#include "attack.h"

enum {
	ATTACK_DIFF_NEW = 1,        /* absent before, current now */
	ATTACK_DIFF_GONE = 2,       /* listed before, absent now */
	ATTACK_DIFF_REVOKED = 4,    /* revoked now, not before (see replacement) */
	ATTACK_DIFF_DEPRECATED = 8, /* deprecated now, not before */
	ATTACK_DIFF_RENAMED = 16,   /* full name differs */
	ATTACK_DIFF_MOVED = 32,     /* tactics differ (by id or shortname) */
};

struct attack_delta {
	const struct attack_technique *old, *now;   /* in from, in to; NULL when absent */
	const struct attack_technique *replacement; /* REVOKED: the end of the revoked-by chain */
	unsigned what;
};

/* The changes of technique `id` from `from` to `to` (ATTACK_DIFF_* bits, also in d->what). */
unsigned attack_diff(const struct rg_attack *from, const struct rg_attack *to, const char *id,
                     struct attack_delta *d);
/* "Defense Evasion (TA0005), Privilege Escalation (TA0004)" ("no tactic"); arena string. */
const char *attack_tactic_names(struct rg_arena *, const struct rg_attack *,
                                const struct attack_technique *);

#endif
