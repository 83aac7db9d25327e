/* attack_diff.c: what changed for a technique between two ATT&CK versions (revoked and by
 * what, deprecated, renamed, moved to other tactics, new, gone), and the summary the importer
 * prints. */
#include <stdio.h>
#include <string.h>

#include "attack_diff.h"

static bool diff_same_tactics(const struct rg_attack *from, const struct attack_technique *a,
                              const struct rg_attack *to, const struct attack_technique *b)
{
	if (a->ntactics != b->ntactics)
		return false;
	for (size_t i = 0; i < a->ntactics; i++) {
		const struct attack_tactic *x = &from->tactics[a->tactics[i]];
		const struct attack_tactic *y = &to->tactics[b->tactics[i]];
		if (strcmp(x->id, y->id) != 0 || strcmp(x->shortname, y->shortname) != 0)
			return false;
	}
	return true;
}

unsigned attack_diff(const struct rg_attack *from, const struct rg_attack *to, const char *id,
                     struct attack_delta *d)
{
	memset(d, 0, sizeof(*d));
	d->old = attack_by_id(from, id);
	d->now = attack_by_id(to, id);
	if (d->old == NULL && d->now != NULL && !d->now->revoked && !d->now->deprecated)
		d->what |= ATTACK_DIFF_NEW;
	if (d->old == NULL || from == to)
		return d->what;
	if (d->now == NULL)
		return d->what |= ATTACK_DIFF_GONE;
	if (d->now->revoked && !d->old->revoked) {
		d->what |= ATTACK_DIFF_REVOKED;
		d->replacement = attack_follow_revoked(to, d->now);
		return d->what;
	}
	if (d->now->deprecated && !d->old->deprecated)
		d->what |= ATTACK_DIFF_DEPRECATED;
	if (d->now->revoked)
		return d->what;
	if (strcmp(d->old->full_name, d->now->full_name) != 0)
		d->what |= ATTACK_DIFF_RENAMED;
	if (!diff_same_tactics(from, d->old, to, d->now))
		d->what |= ATTACK_DIFF_MOVED;
	return d->what;
}

/* "Defense Evasion (TA0005), Privilege Escalation (TA0004)"; arena string. */
const char *attack_tactic_names(struct rg_arena *a, const struct rg_attack *db,
                                const struct attack_technique *t)
{
	const char *s = "";
	for (size_t i = 0; i < t->ntactics; i++) {
		const struct attack_tactic *ta = &db->tactics[t->tactics[i]];
		s = rg_arena_printf(a, "%s%s%s (%s)", s, i ? ", " : "", ta->name, ta->id);
	}
	return *s ? s : "no tactic";
}

void rg_attack_counts(const struct rg_attack *db, struct rg_attack_counts *c)
{
	memset(c, 0, sizeof(*c));
	c->tactics = db->ntactics;
	c->rows = db->ntechniques;
	for (size_t i = 0; i < db->ntechniques; i++) {
		const struct attack_technique *t = &db->techniques[i];
		if (t->revoked)
			c->revoked++;
		else if (t->deprecated)
			c->deprecated++;
		else if (t->subtechnique)
			c->subtechniques++;
		else
			c->techniques++;
	}
}

/* A list of items for the summary: the first DIFF_SHOWN written out, the rest counted. */
#define DIFF_SHOWN 16
struct diff_list {
	const char *text;
	size_t n;
};

static void diff_add(struct rg_arena *a, struct diff_list *l, const char *item)
{
	if (l->n < DIFF_SHOWN)
		l->text = rg_arena_printf(a, "%s%s%s", l->text ? l->text : "", l->n ? ", " : "",
		                          item);
	l->n++;
}

/* The same tactic ids (a tactic renamed keeps its id: that is in the tactics line). */
static bool diff_same_ids(const struct rg_attack *from, const struct attack_technique *a,
                          const struct rg_attack *to, const struct attack_technique *b)
{
	if (a->ntactics != b->ntactics)
		return false;
	for (size_t i = 0; i < a->ntactics; i++)
		if (strcmp(from->tactics[a->tactics[i]].id, to->tactics[b->tactics[i]].id) != 0)
			return false;
	return true;
}

/* The tactics' changes: new, gone, renamed (same id). */
static const char *diff_tactics(struct rg_arena *a, const struct rg_attack *from,
                                const struct rg_attack *to)
{
	struct diff_list l = {NULL, 0};
	for (size_t i = 0; i < to->ntactics; i++) {
		const struct attack_tactic *t = &to->tactics[i],
		                           *o = attack_tactic_find(from, t->id);
		if (o == NULL)
			diff_add(a, &l,
			         rg_arena_printf(a, "new %s (%s, %s)", t->name, t->id,
			                         t->shortname));
		else if (strcmp(o->name, t->name) != 0 || strcmp(o->shortname, t->shortname) != 0)
			diff_add(a, &l,
			         rg_arena_printf(a, "%s renamed from %s (%s) to %s (%s)", t->id,
			                         o->name, o->shortname, t->name, t->shortname));
	}
	for (size_t i = 0; i < from->ntactics; i++)
		if (attack_tactic_find(to, from->tactics[i].id) == NULL)
			diff_add(a, &l,
			         rg_arena_printf(a, "gone %s (%s)", from->tactics[i].name,
			                         from->tactics[i].id));
	return l.n ? rg_arena_printf(a, "tactics: %s", l.text) : NULL;
}

size_t rg_attack_changes(struct rg_arena *a, const struct rg_attack *from,
                         const struct rg_attack *to, const char ***lines)
{
	enum { NEW, GONE, REVOKED, DEPRECATED, RENAMED, MOVED, NKINDS };
	static const char *const what[NKINDS] = {"new",        "no longer listed", "revoked",
	                                         "deprecated", "renamed",          "moved tactic"};
	struct diff_list l[NKINDS];
	memset(l, 0, sizeof(l));
	struct attack_delta d;
	for (size_t i = 0; i < to->ntechniques; i++) {
		const struct attack_technique *t = &to->techniques[i];
		unsigned w = attack_diff(from, to, t->id, &d);
		if (w & ATTACK_DIFF_NEW)
			diff_add(a, &l[NEW], t->id);
		if (w & ATTACK_DIFF_REVOKED)
			diff_add(a, &l[REVOKED],
			         rg_arena_printf(a, "%s -> %s", t->id,
			                         d.replacement ? d.replacement->id : "?"));
		if (w & ATTACK_DIFF_DEPRECATED)
			diff_add(a, &l[DEPRECATED], t->id);
		if (w & ATTACK_DIFF_RENAMED)
			diff_add(a, &l[RENAMED],
			         rg_arena_printf(a, "%s \"%s\" -> \"%s\"", t->id, d.old->full_name,
			                         t->full_name));
		if ((w & ATTACK_DIFF_MOVED) && !diff_same_ids(from, d.old, to, t))
			diff_add(a, &l[MOVED],
			         rg_arena_printf(a, "%s %s -> %s", t->id,
			                         attack_tactic_names(a, from, d.old),
			                         attack_tactic_names(a, to, t)));
	}
	for (size_t i = 0; i < from->ntechniques; i++)
		if (attack_by_id(to, from->techniques[i].id) == NULL)
			diff_add(a, &l[GONE], from->techniques[i].id);
	const char **out = rg_arena_alloc(a, (NKINDS + 2) * sizeof(*out));
	size_t n = 0;
	const char *tactics = diff_tactics(a, from, to);
	if (tactics != NULL)
		out[n++] = tactics;
	for (int k = 0; k < NKINDS; k++)
		if (l[k].n > 0)
			out[n++] = rg_arena_printf(
			        a, "%zu %s: %s%s", l[k].n, what[k], l[k].text,
			        l[k].n > DIFF_SHOWN
			                ? rg_arena_printf(a, " and %zu more", l[k].n - DIFF_SHOWN)
			                : "");
	*lines = out;
	return n;
}
