/* attack.c: lookups in one ATT&CK version's tables (ids, names, tactics, revocations). */
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

bool attack_id_wellformed(const char *id)
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
	const struct attack_technique *t = elem;
	/* ids differ only after the first character, which is 'T' in the table */
	return strcmp(k + 1, t->id + 1);
}

const struct attack_technique *attack_by_id(const struct rg_attack *db, const char *id)
{
	if (!attack_id_wellformed(id))
		return NULL;
	return bsearch(id, db->techniques, db->ntechniques, sizeof(db->techniques[0]),
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

bool attack_name_matches(const struct attack_technique *t, const char *name)
{
	return name != NULL &&
	       (attack_eq(name, t->name, false) || attack_eq(name, t->full_name, false));
}

static int attack_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Compares key[0..n) with name, ASCII case folded, in the order of attack_names. */
static int attack_fold_cmp(const char *key, size_t n, const char *name)
{
	for (size_t i = 0;; i++) {
		int x = i < n ? attack_fold((unsigned char)key[i]) : 0;
		int y = attack_fold((unsigned char)name[i]);
		if (x != y || x == 0)
			return x - y;
	}
}

/* The range [*lo, *hi) of the names equal to name (surrounding blanks ignored). */
static void attack_name_range(const struct rg_attack *db, const char *name, size_t *lo, size_t *hi)
{
	while (*name == ' ' || *name == '\t')
		name++;
	size_t n = strlen(name);
	while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
		n--;
	size_t a = 0, b = db->nnames;
	while (a < b) { /* first entry not below the key */
		size_t mid = a + (b - a) / 2;
		if (attack_fold_cmp(name, n, db->names[mid].name) > 0)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	for (b = a; b < db->nnames && attack_fold_cmp(name, n, db->names[b].name) == 0; b++)
		;
	*hi = b;
}

/* Rank of a technique as a candidate: higher is better. */
static int attack_rank(const struct rg_attack *db, const struct attack_technique *t,
                       const struct attack_tactic *tactic)
{
	int rank = 1;
	if (!t->revoked && !t->deprecated)
		rank += 2;
	if (tactic != NULL && attack_has_tactic(db, t, tactic))
		rank += 1;
	return rank;
}

/* Counts the best candidates for name (in id order) and stores the nth in *found. */
static size_t attack_candidates(const struct rg_attack *db, const char *name,
                                const struct attack_tactic *tactic, size_t nth,
                                const struct attack_technique **found)
{
	size_t lo, hi, n = 0;
	int best = 0;
	*found = NULL;
	if (name == NULL)
		return 0;
	attack_name_range(db, name, &lo, &hi);
	for (size_t i = lo; i < hi; i++) {
		int r = attack_rank(db, &db->techniques[db->names[i].technique], tactic);
		best = r > best ? r : best;
	}
	for (size_t i = lo; i < hi; i++) {
		const struct attack_technique *t = &db->techniques[db->names[i].technique];
		if (attack_rank(db, t, tactic) == best && n++ == nth)
			*found = t;
	}
	return n;
}

const struct attack_technique *attack_by_name_nth(const struct rg_attack *db, const char *name,
                                                  const struct attack_tactic *tactic, size_t nth)
{
	const struct attack_technique *t;
	attack_candidates(db, name, tactic, nth, &t);
	return t;
}

const struct attack_technique *attack_by_name(const struct rg_attack *db, const char *name,
                                              const struct attack_tactic *tactic, size_t *nmatch)
{
	const struct attack_technique *t;
	size_t n = attack_candidates(db, name, tactic, 0, &t);
	if (nmatch != NULL)
		*nmatch = n;
	return t;
}

const struct attack_tactic *attack_tactic_find(const struct rg_attack *db, const char *s)
{
	if (s == NULL)
		return NULL;
	for (size_t i = 0; i < db->ntactics; i++) {
		const struct attack_tactic *t = &db->tactics[i];
		if (attack_eq(s, t->id, false) || attack_eq(s, t->shortname, true) ||
		    attack_eq(s, t->name, true))
			return t;
	}
	return NULL;
}

const struct attack_tactic *attack_tactic_of(const struct rg_attack *db,
                                             const struct attack_technique *t, size_t i)
{
	return i < t->ntactics ? &db->tactics[t->tactics[i]] : NULL;
}

bool attack_has_tactic(const struct rg_attack *db, const struct attack_technique *t,
                       const struct attack_tactic *tactic)
{
	for (size_t i = 0; i < t->ntactics; i++)
		if (&db->tactics[t->tactics[i]] == tactic)
			return true;
	return false;
}

const struct attack_technique *attack_follow_revoked(const struct rg_attack *db,
                                                     const struct attack_technique *t)
{
	/* a chain longer than the table must loop */
	for (size_t steps = 0; t != NULL && t->revoked; steps++) {
		if (steps >= db->ntechniques || t->revoked_by == NULL)
			return NULL;
		t = attack_by_id(db, t->revoked_by);
	}
	return t;
}

const struct attack_technique *attack_parent(const struct rg_attack *db,
                                             const struct attack_technique *t)
{
	char id[8];
	if (!t->subtechnique || strlen(t->id) != 9)
		return NULL;
	memcpy(id, t->id, 5);
	id[5] = '\0';
	return attack_by_id(db, id);
}
