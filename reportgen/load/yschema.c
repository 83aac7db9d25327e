/* yschema.c: schema helpers over the YAML node tree: key tables, typed getters, hints, paths. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "suggest.h"
#include "utf8.h"
#include "ytree.h"

#define YS_PATH_MAX 512
#define YS_LIST_MAX 1024

static int ys_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static bool ys_iequal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (ys_lower((unsigned char)*a) != ys_lower((unsigned char)*b))
			return false;
	return *a == *b;
}

bool ynode_is_null(const struct ynode *n)
{
	if (n == NULL)
		return true;
	if (n->kind != YN_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->s, "~") == 0 || strcmp(n->s, "null") == 0 ||
	       strcmp(n->s, "Null") == 0 || strcmp(n->s, "NULL") == 0;
}

const char *ynode_kind_name(const struct ynode *n)
{
	switch (n->kind) {
	case YN_SEQ:
		return "a list";
	case YN_MAP:
		return "a mapping";
	default:
		return ynode_is_null(n) ? "an empty value" : "a string";
	}
}

const struct ynode *ynode_get(const struct ynode *m, const char *key)
{
	if (m == NULL || m->kind != YN_MAP)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->pairs[i].key->s, key) == 0)
			return m->pairs[i].value;
	return NULL;
}

char *ypath_format(const struct ypath *p, char *buf, size_t sz)
{
	if (sz == 0)
		return buf;
	buf[0] = '\0';
	if (p == NULL)
		return buf;
	ypath_format(p->up, buf, sz);
	size_t used = strlen(buf);
	if (p->key != NULL)
		snprintf(buf + used, sz - used, "%s%s", used ? "." : "", p->key);
	else
		snprintf(buf + used, sz - used, "[%zu]", p->index);
	return buf;
}

static void ys_vreport(struct yctx *c, struct rg_pos pos, const struct ypath *p,
                       enum rg_diag_code code, const char *fmt, va_list ap)
{
	char path[YS_PATH_MAX], msg[4096];
	size_t k = c->diags->n - (c->first <= c->diags->n ? c->first : 0);
	if (k > YTREE_MAX_DIAGS)
		return;
	if (k == YTREE_MAX_DIAGS) {
		rg_diag(c->diags, c->file, pos, RG_E_OTHER, "",
		        "too many errors (%d); fix these and run again", YTREE_MAX_DIAGS);
		return;
	}
	vsnprintf(msg, sizeof(msg), fmt, ap);
	rg_diag(c->diags, c->file, pos, code, ypath_format(p, path, sizeof(path)), "%s", msg);
}

void yreport(struct yctx *c, const struct ynode *n, const struct ypath *p, enum rg_diag_code code,
             const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ys_vreport(c, n ? n->pos : (struct rg_pos){0, 0}, p, code, fmt, ap);
	va_end(ap);
}

void yreport_at(struct yctx *c, struct rg_pos pos, const struct ypath *p, enum rg_diag_code code,
                const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ys_vreport(c, pos, p, code, fmt, ap);
	va_end(ap);
}

/* A value shortened for a message: at most 60 bytes, cut on a character boundary. */
static const char *ys_short(const char *s, char *buf, size_t sz)
{
	size_t n = strlen(s);
	if (n <= 60 || sz < 70)
		return s;
	n = 57;
	while (n > 0 && utf8_is_cont((unsigned char)s[n]))
		n--;
	snprintf(buf, sz, "%.*s...", (int)n, s);
	return buf;
}
#define YS_SHORT(s) ys_short((s), (char[80]){0}, 80)

/* Joins names with ", " into buf (truncated with "..."). */
static const char *ys_join(char *buf, size_t sz, const char *const *names, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (names[i] == NULL)
			continue;
		int k = snprintf(buf + used, sz - used, "%s%s", used ? ", " : "", names[i]);
		if (k < 0 || (size_t)k >= sz - used) {
			snprintf(buf + (sz > 5 ? sz - 5 : 0), sz > 5 ? 5 : sz, "...");
			break;
		}
		used += (size_t)k;
	}
	return buf;
}

/* Reports the unknown key k of mapping m: "did you mean" a known key not already written in
 * m, else the required key m lacks, else the list of keys. */
static void ys_unknown_key(struct yctx *c, const struct ynode *m, const struct ynode *k,
                           const struct ypath *p, const struct ykey *keys, size_t nkeys)
{
	const char *names[128] = {NULL}, *absent[128] = {NULL}, *missing = NULL;
	size_t n = nkeys < 128 ? nkeys : 128;
	for (size_t i = 0; i < n; i++) {
		names[i] = keys[i].name;
		absent[i] = ynode_get(m, keys[i].name) == NULL ? keys[i].name : NULL;
		if (missing == NULL && keys[i].required && absent[i] != NULL)
			missing = keys[i].name;
	}
	struct ypath kp = YPATH_KEY(p, k->s);
	const char *hint = suggest_name(k->s, absent, n);
	char list[YS_LIST_MAX];
	if (hint != NULL)
		yreport(c, k, &kp, RG_E_UNKNOWN_KEY, "unknown key \"%s\" (did you mean \"%s\"?)",
		        YS_SHORT(k->s), hint);
	else if (missing != NULL)
		yreport(c, k, &kp, RG_E_UNKNOWN_KEY,
		        "unknown key \"%s\" (did you mean \"%s\"? this mapping lacks that "
		        "required key)",
		        YS_SHORT(k->s), missing);
	else
		yreport(c, k, &kp, RG_E_UNKNOWN_KEY, "unknown key \"%s\"; expected one of %s",
		        YS_SHORT(k->s), ys_join(list, sizeof(list), names, n));
}

bool ykeys(struct yctx *c, const struct ynode *m, const struct ypath *p, const struct ykey *keys,
           size_t nkeys, const struct ynode **found)
{
	for (size_t i = 0; i < nkeys; i++)
		found[i] = NULL;
	if (m->kind != YN_MAP) {
		yreport(c, m, p, RG_E_TYPE, "expected a mapping (key: value lines), not %s",
		        ynode_kind_name(m));
		return false;
	}
	bool own[64] = {false}; /* every key table of the schema fits: no allocation per mapping */
	bool *seen = nkeys <= 64 ? own : rg_xcalloc(nkeys, sizeof(bool));
	for (size_t j = 0; j < m->n; j++) {
		const struct ynode *k = m->pairs[j].key, *v = m->pairs[j].value;
		size_t i = 0;
		while (i < nkeys && strcmp(keys[i].name, k->s) != 0)
			i++;
		if (i == nkeys) {
			ys_unknown_key(c, m, k, p, keys, nkeys);
			continue;
		}
		seen[i] = true;
		if (!ynode_is_null(v)) {
			found[i] = v;
		} else if (keys[i].required) {
			struct ypath kp = YPATH_KEY(p, k->s);
			yreport(c, k, &kp, RG_E_EMPTY_REQUIRED,
			        "required value is empty; write a value (\"\" for an empty "
			        "string)");
		}
	}
	for (size_t i = 0; i < nkeys; i++) {
		if (!keys[i].required || seen[i])
			continue;
		if (keys[i].example != NULL)
			yreport(c, m, p, RG_E_MISSING_KEY,
			        "missing required key \"%s\"; add \"%s\"", keys[i].name,
			        keys[i].example);
		else
			yreport(c, m, p, RG_E_MISSING_KEY, "missing required key \"%s\"",
			        keys[i].name);
	}
	if (seen != own)
		free(seen);
	return true;
}

bool yget_text(struct yctx *c, const struct ynode *v, const struct ypath *p, struct rg_text *out)
{
	if (v->kind != YN_SCALAR) {
		yreport(c, v, p, RG_E_TYPE,
		        "expected a string, not %s; quote the value if it is meant "
		        "as text",
		        ynode_kind_name(v));
		return false;
	}
	out->s = v->s;
	out->pos = v->pos;
	return true;
}

/* Parses an optional sign and decimal digits; false on anything else or overflow. */
static bool ys_parse_int(const char *s, long long *out)
{
	const char *d = s + (*s == '+' || *s == '-');
	if (*d < '0' || *d > '9')
		return false;
	for (const char *q = d; *q; q++)
		if (*q < '0' || *q > '9')
			return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*out = v;
	return true;
}

bool yget_int(struct yctx *c, const struct ynode *v, const struct ypath *p, long long min,
              long long max, long long *out)
{
	long long x;
	if (v->kind != YN_SCALAR || !ys_parse_int(v->s, &x)) {
		if (v->kind == YN_SCALAR)
			yreport(c, v, p, RG_E_TYPE, "expected an integer (digits only); got \"%s\"",
			        YS_SHORT(v->s));
		else
			yreport(c, v, p, RG_E_TYPE, "expected an integer, not %s",
			        ynode_kind_name(v));
		return false;
	}
	if (x < min || x > max) {
		yreport(c, v, p, RG_E_VALUE, "expected an integer from %lld to %lld; got %s", min,
		        max, YS_SHORT(v->s));
		return false;
	}
	*out = x;
	return true;
}

bool yget_fraction(struct yctx *c, const struct ynode *v, const struct ypath *p, double min,
                   double max, double *out)
{
	if (v->kind != YN_SCALAR) {
		yreport(c, v, p, RG_E_TYPE, "expected a number, not %s", ynode_kind_name(v));
		return false;
	}
	char *end;
	errno = 0;
	double x = strtod(v->s, &end);
	bool ok = v->len > 0 && *end == '\0' && errno == 0 && isfinite(x) &&
	          strspn(v->s, "+-.0123456789eE") == v->len;
	if (!ok || !(x > min && x <= max)) {
		yreport(c, v, p, ok ? RG_E_VALUE : RG_E_TYPE,
		        "expected a number greater than %g and at most %g (e.g. %g); got \"%s\"",
		        min, max, (min + max) / 2, YS_SHORT(v->s));
		return false;
	}
	*out = x;
	return true;
}

bool yget_bool(struct yctx *c, const struct ynode *v, const struct ypath *p, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no",
	                                                                       "off"};
	if (v->kind == YN_SCALAR) {
		for (size_t i = 0; i < 3; i++) {
			if (ys_iequal(v->s, yes[i]) || ys_iequal(v->s, no[i])) {
				*out = ys_iequal(v->s, yes[i]);
				return true;
			}
		}
		yreport(c, v, p, RG_E_TYPE, "expected true or false; got \"%s\"", YS_SHORT(v->s));
	} else {
		yreport(c, v, p, RG_E_TYPE, "expected true or false, not %s", ynode_kind_name(v));
	}
	return false;
}

/* The name s most likely means: a "TLP:" spelling (TLP:AMBER) of a TLP value, a synonym
 * (completed for done), a different case or spacing, else the closest name. */
static const char *ys_enum_hint(const char *s, const char *const *names, size_t n)
{
	bool tlp = false;
	for (size_t i = 0; i < n; i++)
		tlp = tlp || strcmp(names[i], "amber+strict") == 0;
	if (tlp && strncasecmp(s, "TLP:", 4) == 0)
		s += 4;
	const char *syn = suggest_synonym(s, names);
	if (syn != NULL)
		return syn;
	for (size_t i = 0; i < n; i++)
		if (ys_iequal(s, names[i]))
			return names[i];
	return suggest_name(s, names, n);
}

int yenum_index(const struct ynode *v, const char *const *names)
{
	if (v->kind != YN_SCALAR)
		return -1;
	for (size_t i = 0; names[i] != NULL; i++)
		if (ys_iequal(v->s, names[i]))
			return (int)i;
	return -1;
}

int yget_enum_hint(struct yctx *c, const struct ynode *v, const struct ypath *p,
                   const char *const *names, const char *hint, const char *why)
{
	size_t n = 0;
	while (names[n] != NULL)
		n++;
	char list[YS_LIST_MAX];
	if (v->kind != YN_SCALAR) {
		ys_join(list, sizeof(list), names, n);
		yreport(c, v, p, RG_E_TYPE, "expected one of %s; got %s", list, ynode_kind_name(v));
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (ys_iequal(v->s, names[i]))
			return (int)i;
	ys_join(list, sizeof(list), names, n);
	if (hint == NULL)
		hint = ys_enum_hint(v->s, names, n);
	if (hint != NULL)
		yreport(c, v, p, RG_E_ENUM,
		        "expected one of %s; got \"%s\" (did you mean \"%s\"?%s%s)", list,
		        YS_SHORT(v->s), hint, why != NULL ? " " : "", why != NULL ? why : "");
	else
		yreport(c, v, p, RG_E_ENUM, "expected one of %s; got \"%s\"", list, YS_SHORT(v->s));
	return -1;
}

int yget_enum(struct yctx *c, const struct ynode *v, const struct ypath *p,
              const char *const *names)
{
	return yget_enum_hint(c, v, p, names, NULL, NULL);
}
