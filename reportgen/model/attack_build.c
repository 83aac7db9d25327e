/* attack_build.c: turns an ATT&CK version's data (attack_src) into its lookup tables. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attack_build.h"

static struct rg_attack *ab_fail(char err[ATTACK_ERR], const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
static struct rg_attack *ab_fail(char err[ATTACK_ERR], const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, ATTACK_ERR, fmt, ap);
	va_end(ap);
	return NULL;
}

bool attack_version_ok(const char *v)
{
	size_t parts = 0;
	if (v == NULL)
		return false;
	for (;;) {
		size_t n = strspn(v, "0123456789");
		if (n == 0 || n > 4 || ++parts > 3)
			return false;
		v += n;
		if (*v == '\0')
			return true;
		if (*v++ != '.')
			return false;
	}
}

int attack_version_cmp(const char *a, const char *b)
{
	while (*a != '\0' || *b != '\0') {
		long x = strtol(a, (char **)&a, 10), y = strtol(b, (char **)&b, 10);
		if (x != y)
			return x < y ? -1 : 1;
		a += *a == '.';
		b += *b == '.';
	}
	return 0;
}

static int ab_src_cmp(const void *x, const void *y)
{
	const struct attack_src_tech *const *a = x, *const *b = y;
	return strcmp((*a)->id, (*b)->id);
}

static int ab_fold_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = *a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : (unsigned char)*a;
		int y = *b >= 'A' && *b <= 'Z' ? *b - 'A' + 'a' : (unsigned char)*b;
		if (x != y || x == 0)
			return x - y;
	}
}

static int ab_name_cmp(const void *x, const void *y)
{
	const struct attack_name *a = x, *b = y;
	int c = ab_fold_cmp(a->name, b->name);
	return c != 0 ? c : (a->technique < b->technique ? -1 : a->technique > b->technique);
}

static int ab_uchar_cmp(const void *x, const void *y)
{
	return *(const unsigned char *)x - *(const unsigned char *)y;
}

static bool ab_text(const char *s)
{
	return s != NULL && *s != '\0' && strpbrk(s, "\t\r\n") == NULL;
}

/* Checks the tactics and copies them, numbered in matrix order. */
static struct attack_tactic *ab_tactics(struct rg_arena *a, const struct attack_src *src,
                                        char err[ATTACK_ERR])
{
	if (src->ntactics == 0 || src->ntactics > 255)
		return ab_fail(err, "%zu tactics (expected 1 to 255)", src->ntactics), NULL;
	struct attack_tactic *t = rg_arena_alloc(a, src->ntactics * sizeof(*t));
	for (size_t i = 0; i < src->ntactics; i++) {
		t[i] = src->tactics[i];
		t[i].order = (int)i + 1;
		if (!ab_text(t[i].id) || !ab_text(t[i].shortname) || !ab_text(t[i].name) ||
		    !ab_text(t[i].url))
			return ab_fail(err, "tactic %zu has no id, shortname, name or url", i + 1),
			       NULL;
		for (size_t k = 0; k < i; k++)
			if (strcmp(t[k].id, t[i].id) == 0 ||
			    strcmp(t[k].shortname, t[i].shortname) == 0)
				return ab_fail(err, "tactic %s (%s) is listed twice", t[i].id,
				               t[i].shortname),
				       NULL;
	}
	return t;
}

/* Resolves the comma-separated tactic shortnames of s into t. */
static bool ab_tech_tactics(const struct attack_src *src, const struct attack_src_tech *s,
                            struct attack_technique *t, char err[ATTACK_ERR])
{
	for (const char *p = s->tactics ? s->tactics : ""; *p != '\0';) {
		size_t len = strcspn(p, ",");
		size_t k = 0;
		while (k < src->ntactics && (strlen(src->tactics[k].shortname) != len ||
		                             strncmp(src->tactics[k].shortname, p, len) != 0))
			k++;
		if (k == src->ntactics)
			return ab_fail(err, "%s is under the tactic '%.*s', which the matrix lacks",
			               s->id, (int)len, p),
			       false;
		bool dup = false;
		for (size_t j = 0; j < t->ntactics; j++)
			dup = dup || t->tactics[j] == k;
		if (!dup && t->ntactics == ATTACK_MAX_TACTICS)
			return ab_fail(err, "%s is under more than %d tactics", s->id,
			               ATTACK_MAX_TACTICS),
			       false;
		if (!dup)
			t->tactics[t->ntactics++] = (unsigned char)k;
		p += len + (p[len] == ',');
	}
	qsort(t->tactics, t->ntactics, 1, ab_uchar_cmp);
	return true;
}

/* The technique of the sorted array with this id prefix (the parent of a sub-technique). */
static const struct attack_technique *ab_find(const struct attack_technique *t, size_t n,
                                              const char *id, size_t len)
{
	for (size_t lo = 0, hi = n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(t[mid].id, id, len);
		if (c == 0 && t[mid].id[len] != '\0')
			c = 1;
		if (c == 0)
			return &t[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct rg_attack *attack_build(struct rg_arena *a, const struct attack_src *src,
                               char err[ATTACK_ERR])
{
	err[0] = '\0';
	if (!attack_version_ok(src->version))
		return ab_fail(err, "'%s' is not a version number like 18.1",
		               src->version ? src->version : "");
	if (src->ntechs == 0 || src->ntechs > 65535)
		return ab_fail(err, "%zu techniques (expected 1 to 65535)", src->ntechs);
	struct attack_tactic *tactics = ab_tactics(a, src, err);
	if (tactics == NULL)
		return NULL;
	const struct attack_src_tech **order = rg_arena_alloc(a, src->ntechs * sizeof(*order));
	for (size_t i = 0; i < src->ntechs; i++)
		order[i] = &src->techs[i];
	qsort(order, src->ntechs, sizeof(*order), ab_src_cmp);
	struct attack_technique *t = rg_arena_alloc(a, src->ntechs * sizeof(*t));
	for (size_t i = 0; i < src->ntechs; i++) {
		const struct attack_src_tech *s = order[i];
		if (!attack_id_wellformed(s->id) || s->id[0] != 'T')
			return ab_fail(err, "'%s' is not a technique id like T1566 or T1598.003",
			               s->id ? s->id : "");
		if (i > 0 && strcmp(order[i - 1]->id, s->id) == 0)
			return ab_fail(err, "%s is listed twice", s->id);
		if (!ab_text(s->name) || !ab_text(s->url))
			return ab_fail(err, "%s has no name or url", s->id);
		if (s->sub != (strchr(s->id, '.') != NULL))
			return ab_fail(err, "%s is %sa sub-technique, but its id says otherwise",
			               s->id, s->sub ? "" : "not ");
		bool revoked_by = s->revoked_by != NULL && s->revoked_by[0] != '\0';
		if (revoked_by && !attack_id_wellformed(s->revoked_by))
			return ab_fail(err, "%s is revoked by '%s', which is not a technique id",
			               s->id, s->revoked_by);
		t[i] = (struct attack_technique){
		        .id = s->id,
		        .name = s->name,
		        .full_name = s->name,
		        .url = s->url,
		        .revoked_by = revoked_by ? s->revoked_by : NULL,
		        .subtechnique = s->sub,
		        .deprecated = s->deprecated,
		        .revoked = s->revoked,
		        .stix_id = ab_text(s->stix_id) ? s->stix_id : NULL,
		        .created = ab_text(s->created) ? s->created : NULL,
		        .modified = ab_text(s->modified) ? s->modified : NULL,
		};
		if (!ab_tech_tactics(src, s, &t[i], err))
			return NULL;
	}
	/* full names "Parent: Sub" and the name index */
	struct attack_name *names = rg_arena_alloc(a, 2 * src->ntechs * sizeof(*names));
	size_t nnames = 0;
	for (size_t i = 0; i < src->ntechs; i++) {
		if (t[i].subtechnique) {
			const struct attack_technique *p = ab_find(t, src->ntechs, t[i].id, 5);
			if (p == NULL)
				return ab_fail(err, "sub-technique %s has no parent %.5s", t[i].id,
				               t[i].id);
			t[i].full_name = rg_arena_printf(a, "%s: %s", p->name, t[i].name);
			names[nnames++] = (struct attack_name){t[i].full_name, (unsigned short)i};
		}
		names[nnames++] = (struct attack_name){t[i].name, (unsigned short)i};
	}
	qsort(names, nnames, sizeof(*names), ab_name_cmp);
	struct rg_attack *db = rg_arena_alloc(a, sizeof(*db));
	*db = (struct rg_attack){
	        .version = src->version,
	        .attribution = src->attribution ? src->attribution : "",
	        .source = src->source ? src->source : "",
	        .techniques = t,
	        .ntechniques = src->ntechs,
	        .tactics = tactics,
	        .ntactics = src->ntactics,
	        .names = names,
	        .nnames = nnames,
	        .arena = a,
	};
	return db;
}
