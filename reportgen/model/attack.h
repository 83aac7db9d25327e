/* attack.h: the MITRE ATT&CK Enterprise table (generated from data/attack) and its lookups. */
#ifndef RG_ATTACK_H
#define RG_ATTACK_H

#include <stdbool.h>
#include <stddef.h>

#define ATTACK_MAX_TACTICS 8

struct attack_tactic {
	const char *id;        /* "TA0043" */
	const char *shortname; /* "reconnaissance" */
	const char *name;      /* "Reconnaissance" */
	int order;             /* kill-chain (matrix) order, 1..14 */
	const char *url;       /* https://attack.mitre.org/tactics/TA0043 */
};

struct attack_technique {
	const char *id;   /* "T1598.003" */
	const char *name; /* "Spearphishing Link" */
	const char *
	        full_name; /* "Phishing for Information: Spearphishing Link" (= name for parents) */
	const char *url;   /* https://attack.mitre.org/techniques/T1598/003 */
	const char *revoked_by; /* id of the replacement when revoked, else NULL */
	unsigned char
	        tactics[ATTACK_MAX_TACTICS]; /* indexes into attack_tactics, kill-chain order */
	unsigned char ntactics;
	bool subtechnique, deprecated, revoked;
};

/* A name under which a technique is known: its own name, or "Parent: Sub". */
struct attack_name {
	const char *name;
	unsigned short technique; /* index into attack_techniques */
};

/* The generated tables: techniques sorted by id (byte order), tactics in kill-chain order,
 * names sorted by ASCII-case-folded text, then by id. */
extern const struct attack_name attack_names[];
extern const size_t attack_nnames;
extern const struct attack_technique attack_techniques[];
extern const size_t attack_ntechniques;
extern const struct attack_tactic attack_tactics[];
extern const size_t attack_ntactics;

/* True when id has the form T#### or T####.### (the 'T' in either case). */
bool attack_id_wellformed(const char *id);
/* Exact lookup by id (case-insensitive 't'); NULL when absent. Binary search. */
const struct attack_technique *attack_by_id(const char *id);
/* True when name (case-insensitive, surrounding blanks ignored) is the technique's own name
 * or its "Parent: Sub" form. */
bool attack_name_matches(const struct attack_technique *, const char *name);
/* Lookup by name, "Sub" or "Parent: Sub". Active techniques are preferred over revoked or
 * deprecated ones; when several match and `tactic` is not NULL, those under that tactic are
 * preferred. Returns the first match in id order (NULL if none) and stores in *nmatch how
 * many techniques were equally good candidates (so > 1 means ambiguous). */
const struct attack_technique *attack_by_name(const char *name, const struct attack_tactic *tactic,
                                              size_t *nmatch);
/* The nth equally good candidate of the same query as attack_by_name (for messages). */
const struct attack_technique *attack_by_name_nth(const char *name,
                                                  const struct attack_tactic *tactic, size_t nth);
/* Tactic by name ("Initial Access"), shortname ("initial-access") or id ("TA0001"),
 * case-insensitive, blanks, '-' and '_' treated alike. NULL when unknown. */
const struct attack_tactic *attack_tactic_find(const char *s);
/* The technique's ith tactic (i < ntactics). */
const struct attack_tactic *attack_tactic_of(const struct attack_technique *, size_t i);
bool attack_has_tactic(const struct attack_technique *, const struct attack_tactic *);
/* Follows revoked_by to the first technique that is not revoked. Returns t itself when it is
 * not revoked, NULL when the chain is broken or loops. */
const struct attack_technique *attack_follow_revoked(const struct attack_technique *t);

#endif
