/* attack_tsv.c: an ATT&CK version's tables as the TSV files the importer installs (and
 * data/attack holds): enterprise-info.tsv, enterprise-tactics.tsv, enterprise-techniques.tsv.
 * Columns are found by their header name, so a column added later is ignored by older code. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attack_tsv.h"

#define TSV_MAX_COLS 32
#define TSV_MAX_BYTES (64u * 1024 * 1024)

static bool tsv_fail(char err[ATTACK_ERR], const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
static bool tsv_fail(char err[ATTACK_ERR], const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, ATTACK_ERR, fmt, ap);
	va_end(ap);
	return false;
}

/* One file read whole into the arena, cut into lines and fields. */
struct tsv {
	const char *path;
	char **cells; /* nrows * ncols, row 0 the header */
	size_t nrows, ncols;
};

static char *tsv_slurp(struct rg_arena *a, const char *path, char err[ATTACK_ERR])
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return tsv_fail(err, "cannot open %s: %s", path, strerror(errno)), NULL;
	size_t cap = 65536, len = 0, n;
	char *buf = rg_xmalloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, fp)) > 0 && len < TSV_MAX_BYTES) {
		len += n;
		if (len + 1 == cap)
			buf = rg_xrealloc(buf, cap *= 2);
	}
	bool bad = ferror(fp) || len >= TSV_MAX_BYTES;
	fclose(fp);
	char *s = bad ? NULL : rg_arena_strndup(a, buf, len);
	free(buf);
	if (bad)
		tsv_fail(err, "cannot read %s", path);
	return s;
}

static bool tsv_read(struct rg_arena *a, const char *dir, const char *name, struct tsv *t,
                     char err[ATTACK_ERR])
{
	t->path = rg_arena_printf(a, "%s/%s", dir, name);
	char *s = tsv_slurp(a, t->path, err);
	if (s == NULL)
		return false;
	size_t lines = 1;
	for (const char *p = s; *p; p++)
		lines += *p == '\n';
	t->ncols = 1;
	for (const char *p = s; *p && *p != '\n'; p++)
		t->ncols += *p == '\t';
	if (t->ncols > TSV_MAX_COLS)
		return tsv_fail(err, "%s: more than %d columns", t->path, TSV_MAX_COLS);
	t->cells = rg_arena_alloc(a, lines * t->ncols * sizeof(*t->cells));
	t->nrows = 0;
	while (*s != '\0') {
		char *end = s + strcspn(s, "\n");
		bool last = *end == '\0';
		*end = '\0';
		if (end > s && end[-1] == '\r')
			end[-1] = '\0';
		char **row = &t->cells[t->nrows * t->ncols];
		size_t n = 0;
		for (char *f = s;; n++) {
			char *tab = strchr(f, '\t');
			if (n < t->ncols)
				row[n] = f;
			if (tab == NULL)
				break;
			*tab = '\0';
			f = tab + 1;
		}
		if (n + 1 != t->ncols)
			return tsv_fail(err, "%s:%zu: %zu fields, the header has %zu", t->path,
			                t->nrows + 1, n + 1, t->ncols);
		t->nrows++;
		if (last)
			break;
		s = end + 1;
	}
	if (t->nrows < 2)
		return tsv_fail(err, "%s: no rows", t->path);
	return true;
}

/* The index of the column named `name`, or -1 when the header lacks it. */
static int tsv_find(const struct tsv *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (strcmp(t->cells[i], name) == 0)
			return (int)i;
	return -1;
}

/* The index of the column named `name`, or -1 (reported) when the header lacks it. */
static int tsv_col(const struct tsv *t, const char *name, char err[ATTACK_ERR])
{
	int i = tsv_find(t, name);
	if (i < 0)
		tsv_fail(err, "%s: no column '%s'", t->path, name);
	return i;
}

static const char *tsv_cell(const struct tsv *t, size_t row, int col)
{
	return t->cells[row * t->ncols + (size_t)col];
}

static bool tsv_bool(const struct tsv *t, size_t row, int col, bool *out, char err[ATTACK_ERR])
{
	const char *s = tsv_cell(t, row, col);
	if (strcmp(s, "true") != 0 && strcmp(s, "false") != 0)
		return tsv_fail(err, "%s:%zu: %s is '%s', expected true or false", t->path, row + 1,
		                t->cells[col], s);
	*out = s[0] == 't';
	return true;
}

static bool tsv_info(struct rg_arena *a, const char *dir, struct attack_src *src,
                     char err[ATTACK_ERR])
{
	struct tsv t;
	if (!tsv_read(a, dir, ATTACK_TSV_INFO, &t, err))
		return false;
	int k = tsv_col(&t, "key", err), v = k < 0 ? -1 : tsv_col(&t, "value", err);
	if (v < 0)
		return false;
	for (size_t r = 1; r < t.nrows; r++) {
		const char *key = tsv_cell(&t, r, k), *val = tsv_cell(&t, r, v);
		if (strcmp(key, "version") == 0)
			src->version = val;
		else if (strcmp(key, "attribution") == 0)
			src->attribution = val;
		else if (strcmp(key, "source") == 0)
			src->source = val;
	}
	if (src->version == NULL)
		return tsv_fail(err, "%s: no version", t.path);
	return true;
}

static bool tsv_tactics(struct rg_arena *a, const char *dir, struct attack_src *src,
                        char err[ATTACK_ERR])
{
	struct tsv t;
	if (!tsv_read(a, dir, ATTACK_TSV_TACTICS, &t, err))
		return false;
	int c[5];
	static const char *const cols[5] = {"id", "shortname", "name", "order", "url"};
	for (int i = 0; i < 5; i++)
		if ((c[i] = tsv_col(&t, cols[i], err)) < 0)
			return false;
	src->ntactics = t.nrows - 1;
	src->tactics = rg_arena_alloc(a, src->ntactics * sizeof(*src->tactics));
	for (size_t r = 1; r < t.nrows; r++) {
		struct attack_tactic *ta = &src->tactics[r - 1];
		*ta = (struct attack_tactic){tsv_cell(&t, r, c[0]), tsv_cell(&t, r, c[1]),
		                             tsv_cell(&t, r, c[2]), 0, tsv_cell(&t, r, c[4])};
		if (atoi(tsv_cell(&t, r, c[3])) != (int)r)
			return tsv_fail(err, "%s:%zu: tactics must be listed in matrix order",
			                t.path, r + 1);
	}
	return true;
}

static bool tsv_techniques(struct rg_arena *a, const char *dir, struct attack_src *src,
                           char err[ATTACK_ERR])
{
	struct tsv t;
	if (!tsv_read(a, dir, ATTACK_TSV_TECHNIQUES, &t, err))
		return false;
	int c[8];
	static const char *const cols[8] = {
	        "id",         "name",    "tactics",    "is_subtechnique",
	        "deprecated", "revoked", "revoked_by", "url"};
	for (int i = 0; i < 8; i++)
		if ((c[i] = tsv_col(&t, cols[i], err)) < 0)
			return false;
	/* MITRE's STIX id and times: later columns, absent from older tables */
	int sid = tsv_find(&t, "stix_id"), cre = tsv_find(&t, "created"),
	    mod = tsv_find(&t, "modified");
	src->ntechs = t.nrows - 1;
	src->techs = rg_arena_alloc(a, src->ntechs * sizeof(*src->techs));
	for (size_t r = 1; r < t.nrows; r++) {
		struct attack_src_tech *s = &src->techs[r - 1];
		s->id = tsv_cell(&t, r, c[0]);
		s->name = tsv_cell(&t, r, c[1]);
		s->tactics = tsv_cell(&t, r, c[2]);
		s->revoked_by = tsv_cell(&t, r, c[6]);
		s->url = tsv_cell(&t, r, c[7]);
		s->stix_id = sid < 0 ? NULL : tsv_cell(&t, r, sid);
		s->created = cre < 0 ? NULL : tsv_cell(&t, r, cre);
		s->modified = mod < 0 ? NULL : tsv_cell(&t, r, mod);
		if (!tsv_bool(&t, r, c[3], &s->sub, err) ||
		    !tsv_bool(&t, r, c[4], &s->deprecated, err) ||
		    !tsv_bool(&t, r, c[5], &s->revoked, err))
			return false;
	}
	return true;
}

struct rg_attack *attack_tsv_read(struct rg_arena *a, const char *dir, char err[ATTACK_ERR])
{
	struct attack_src src;
	memset(&src, 0, sizeof(src));
	err[0] = '\0';
	if (!tsv_info(a, dir, &src, err) || !tsv_tactics(a, dir, &src, err) ||
	    !tsv_techniques(a, dir, &src, err))
		return NULL;
	char why[ATTACK_ERR];
	struct rg_attack *db = attack_build(a, &src, why);
	if (db == NULL) {
		tsv_fail(err, "%s: %s", dir, why);
		return NULL;
	}
	db->dir = rg_arena_strdup(a, dir);
	return db;
}

/* ---- writing ---- */

static bool tsv_close(FILE *fp, const char *path, char err[ATTACK_ERR])
{
	bool bad = ferror(fp);
	if (fclose(fp) != 0 || bad)
		return tsv_fail(err, "cannot write %s: %s", path, strerror(errno));
	return true;
}

static FILE *tsv_create(const char *dir, const char *name, char *path, size_t size,
                        char err[ATTACK_ERR])
{
	snprintf(path, size, "%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	if (fp == NULL)
		tsv_fail(err, "cannot create %s: %s", path, strerror(errno));
	return fp;
}

bool attack_tsv_write(const struct rg_attack *db, const char *dir, char err[ATTACK_ERR])
{
	char path[4096];
	FILE *fp = tsv_create(dir, ATTACK_TSV_INFO, path, sizeof(path), err);
	if (fp == NULL)
		return false;
	fprintf(fp, "key\tvalue\nversion\t%s\nattribution\t%s\nsource\t%s\n", db->version,
	        db->attribution, db->source);
	if (!tsv_close(fp, path, err))
		return false;
	if ((fp = tsv_create(dir, ATTACK_TSV_TACTICS, path, sizeof(path), err)) == NULL)
		return false;
	fputs("id\tshortname\tname\torder\turl\n", fp);
	for (size_t i = 0; i < db->ntactics; i++) {
		const struct attack_tactic *t = &db->tactics[i];
		fprintf(fp, "%s\t%s\t%s\t%d\t%s\n", t->id, t->shortname, t->name, t->order, t->url);
	}
	if (!tsv_close(fp, path, err))
		return false;
	if ((fp = tsv_create(dir, ATTACK_TSV_TECHNIQUES, path, sizeof(path), err)) == NULL)
		return false;
	fputs("id\tname\ttactics\tis_subtechnique\tdeprecated\trevoked\trevoked_by\turl\tstix_id\t"
	      "created\tmodified\n",
	      fp);
	for (size_t i = 0; i < db->ntechniques; i++) {
		const struct attack_technique *t = &db->techniques[i];
		fprintf(fp, "%s\t%s\t", t->id, t->name);
		for (size_t k = 0; k < t->ntactics; k++)
			fprintf(fp, "%s%s", k ? "," : "", db->tactics[t->tactics[k]].shortname);
		fprintf(fp, "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
		        t->subtechnique ? "true" : "false", t->deprecated ? "true" : "false",
		        t->revoked ? "true" : "false", t->revoked_by ? t->revoked_by : "", t->url,
		        t->stix_id ? t->stix_id : "", t->created ? t->created : "",
		        t->modified ? t->modified : "");
	}
	return tsv_close(fp, path, err);
}
