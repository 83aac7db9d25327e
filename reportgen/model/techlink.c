/* techlink.c: matching an artifact's or email's `techniques:` against the mitre list. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "techlink.h"

/* s equals w, ignoring case and the spaces around w. */
static bool techlink_eq(const char *s, const char *w)
{
	if (s == NULL || *s == '\0')
		return false;
	w += strspn(w, " \t");
	size_t n = strlen(w);
	while (n > 0 && (w[n - 1] == ' ' || w[n - 1] == '\t'))
		n--;
	return n > 0 && strlen(s) == n && strncasecmp(s, w, n) == 0;
}

bool techlink_names(const struct rg_technique *t, const char *written)
{
	if (written == NULL)
		return false;
	/* a sub-technique's own name is the part of ATT&CK's after "Parent: " */
	const char *sub = t->full_name != NULL ? strstr(t->full_name, ": ") : NULL;
	return techlink_eq(t->id, written) || techlink_eq(t->technique.s, written) ||
	       techlink_eq(t->full_name, written) || techlink_eq(t->name.s, written) ||
	       (sub != NULL && techlink_eq(sub + 2, written));
}

bool techlink_any(const struct rg_texts *techniques, const struct rg_technique *t)
{
	for (size_t i = 0; i < techniques->n; i++)
		if (techlink_names(t, techniques->v[i].s))
			return true;
	return false;
}

struct techlink_key {
	const char *name;
	size_t len;
	const struct rg_technique *t;
};

struct techlink_index {
	struct techlink_key *v;
	size_t n;
};

static int techlink_keycmp(const void *x, const void *y)
{
	const struct techlink_key *a = x, *b = y;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = strncasecmp(a->name, b->name, n);
	if (c != 0 || a->len != b->len)
		return c != 0 ? c : (a->len < b->len ? -1 : 1);
	return a->t < b->t ? -1 : a->t > b->t; /* the first entry first */
}

static void techlink_put(struct techlink_index *x, const char *name, const struct rg_technique *t)
{
	if (name != NULL && *name != '\0')
		x->v[x->n++] = (struct techlink_key){name, strlen(name), t};
}

const struct techlink_index *techlink_index(struct rg_arena *a, const struct rg_doc *d)
{
	struct techlink_index *x = rg_arena_alloc(a, sizeof(*x));
	x->v = rg_arena_alloc(a, (5 * d->nmitre + 1) * sizeof(*x->v));
	for (size_t i = 0; i < d->nmitre; i++) {
		const struct rg_technique *t = &d->mitre[i];
		const char *sub = t->full_name != NULL ? strstr(t->full_name, ": ") : NULL;
		techlink_put(x, t->id, t);
		techlink_put(x, t->technique.s, t);
		techlink_put(x, t->full_name, t);
		techlink_put(x, t->name.s, t);
		techlink_put(x, sub != NULL ? sub + 2 : NULL, t);
	}
	qsort(x->v, x->n, sizeof(*x->v), techlink_keycmp);
	return x;
}

const struct rg_technique *techlink_find(const struct techlink_index *x, const char *written)
{
	if (written == NULL)
		return NULL;
	written += strspn(written, " \t");
	size_t n = strlen(written);
	while (n > 0 && (written[n - 1] == ' ' || written[n - 1] == '\t'))
		n--;
	/* the lowest index among equal names: binary search for the first */
	size_t lo = 0, hi = x->n;
	struct techlink_key k = {written, n, NULL};
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (techlink_keycmp(&x->v[mid], &k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < x->n && x->v[lo].len == n && strncasecmp(x->v[lo].name, written, n) == 0)
		return x->v[lo].t;
	return NULL;
}

size_t techlink_count(const struct rg_doc *d, const struct rg_technique *t)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nartifacts; i++)
		n += techlink_any(&d->artifacts[i].techniques, t);
	for (size_t i = 0; i < d->nemails; i++)
		n += techlink_any(&d->emails[i].techniques, t);
	return n;
}
