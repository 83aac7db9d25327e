/* attack.c: lookups in the generated ATT&CK table (ids, names, tactics, revocations). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "attack.h"

static bool attack_isdigits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

bool rg_attack_id_wellformed(const char *id)
{
	if (id == NULL || (id[0] != 'T' && id[0] != 't') || !attack_isdigits(id + 1, 4))
		return false;
	if (id[5] == '\0')
		return true;
	return id[5] == '.' && attack_isdigits(id + 6, 3) && id[9] == '\0';
}

static int attack_id_cmp(const void *key, const void *elem)
{
	const char *k = key;
	const struct rg_attack_technique *t = elem;
	/* ids differ only after the first character, which is 'T' in the table */
	return strcmp(k + 1, t->id + 1);
}

const struct rg_attack_technique *rg_attack_by_id(const char *id)
{
	if (!rg_attack_id_wellformed(id))
		return NULL;
	return bsearch(id, rg_attack_techniques, rg_attack_ntechniques, sizeof(rg_attack_techniques[0]),
	               attack_id_cmp);
}

/* Compares a and b ignoring ASCII case and surrounding blanks of a; b is trimmed already.
 * With `loose`, blanks, '-' and '_' compare equal (for tactic names). */
static bool attack_eq(const char *a, const char *b, bool loose)
{
	while (*a == ' ' || *a == '\t')
		a++;
	size_t n = strlen(a);
	while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == '\t'))
		n--;
	if (strlen(b) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		int x = tolower((unsigned char)a[i]), y = tolower((unsigned char)b[i]);
		if (loose && (x == ' ' || x == '_'))
			x = '-';
		if (loose && (y == ' ' || y == '_'))
			y = '-';
		if (x != y)
			return false;
	}
	return true;
}

bool rg_attack_name_matches(const struct rg_attack_technique *t, const char *name)
{
	return name != NULL && (attack_eq(name, t->name, false) || attack_eq(name, t->full_name, false));
}

/* Rank of a technique as a candidate for a name query: 0 = no match, higher is better. */
static int attack_name_rank(const struct rg_attack_technique *t, const char *name,
                            const struct rg_attack_tactic *tactic)
{
	if (!rg_attack_name_matches(t, name))
		return 0;
	int rank = 1;
	if (!t->revoked && !t->deprecated)
		rank += 2;
	if (tactic != NULL && rg_attack_has_tactic(t, tactic))
		rank += 1;
	return rank;
}

static int attack_best_rank(const char *name, const struct rg_attack_tactic *tactic)
{
	int best = 0;
	for (size_t i = 0; i < rg_attack_ntechniques; i++) {
		int r = attack_name_rank(&rg_attack_techniques[i], name, tactic);
		if (r > best)
			best = r;
	}
	return best;
}

const struct rg_attack_technique *rg_attack_by_name_nth(const char *name,
                                                        const struct rg_attack_tactic *tactic,
                                                        size_t nth)
{
	if (name == NULL)
		return NULL;
	int best = attack_best_rank(name, tactic);
	if (best == 0)
		return NULL;
	for (size_t i = 0; i < rg_attack_ntechniques; i++)
		if (attack_name_rank(&rg_attack_techniques[i], name, tactic) == best && nth-- == 0)
			return &rg_attack_techniques[i];
	return NULL;
}

const struct rg_attack_technique *rg_attack_by_name(const char *name,
                                                    const struct rg_attack_tactic *tactic,
                                                    size_t *nmatch)
{
	size_t n = 0;
	const struct rg_attack_technique *first = NULL;
	int best = name != NULL ? attack_best_rank(name, tactic) : 0;
	for (size_t i = 0; best > 0 && i < rg_attack_ntechniques; i++) {
		if (attack_name_rank(&rg_attack_techniques[i], name, tactic) != best)
			continue;
		if (n++ == 0)
			first = &rg_attack_techniques[i];
	}
	if (nmatch != NULL)
		*nmatch = n;
	return first;
}

const struct rg_attack_tactic *rg_attack_tactic_find(const char *s)
{
	if (s == NULL)
		return NULL;
	for (size_t i = 0; i < rg_attack_ntactics; i++) {
		const struct rg_attack_tactic *t = &rg_attack_tactics[i];
		if (attack_eq(s, t->id, false) || attack_eq(s, t->shortname, true) ||
		    attack_eq(s, t->name, true))
			return t;
	}
	return NULL;
}

const struct rg_attack_tactic *rg_attack_tactic_of(const struct rg_attack_technique *t, size_t i)
{
	return i < t->ntactics ? &rg_attack_tactics[t->tactics[i]] : NULL;
}

bool rg_attack_has_tactic(const struct rg_attack_technique *t, const struct rg_attack_tactic *tactic)
{
	for (size_t i = 0; i < t->ntactics; i++)
		if (&rg_attack_tactics[t->tactics[i]] == tactic)
			return true;
	return false;
}

const struct rg_attack_technique *rg_attack_follow_revoked(const struct rg_attack_technique *t)
{
	/* a chain longer than the table must loop */
	for (size_t steps = 0; t != NULL && t->revoked; steps++) {
		if (steps >= rg_attack_ntechniques || t->revoked_by == NULL)
			return NULL;
		t = rg_attack_by_id(t->revoked_by);
	}
	return t;
}
