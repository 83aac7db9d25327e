/* attack_build.h: an ATT&CK version's tables as read from MITRE's data (a release bundle, or
 * the TSV tables the importer writes), and the one function that turns them into lookup
 * tables. */
#ifndef RG_ATTACK_BUILD_H
#define RG_ATTACK_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "attack.h"

/* One technique or sub-technique as the data gives it. */
struct attack_src_tech {
	const char *id, *name, *url;
	const char *tactics;    /* tactic shortnames, comma-separated, any order */
	const char *revoked_by; /* NULL or "" when not revoked */
	bool sub, deprecated, revoked;
	/* MITRE's STIX object: its id, created and modified; NULL or "" when the data lacks
	 * them (tables written before these columns existed) */
	const char *stix_id, *created, *modified;
};

struct attack_src {
	const char *version, *attribution, *source;
	struct attack_tactic *tactics; /* matrix order; `order` is filled by attack_build */
	size_t ntactics;
	struct attack_src_tech *techs; /* any order */
	size_t ntechs;
};

#define ATTACK_ERR 512

/* Builds the lookup tables in arena a (the result's ->arena, which the caller frees): sorts
 * the techniques, resolves their tactics, full names and the name index. NULL with a
 * message in err when the data is inconsistent (duplicate or malformed id, unknown tactic,
 * sub-technique without parent...). */
struct rg_attack *attack_build(struct rg_arena *a, const struct attack_src *, char err[ATTACK_ERR]);
/* True when v is a version number like "18.1" (digits, one to three dot-separated parts). */
bool attack_version_ok(const char *v);
/* Orders version numbers numerically ("9.0" < "18.1"); both must be attack_version_ok. */
int attack_version_cmp(const char *a, const char *b);

#endif
