/* diag.c: the diagnostic table, the one reporting function, sorting and printing. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "reportgen.h"

struct diag_row {
	const char *name;
	enum rg_severity sev;
	bool strict; /* a warning that --strict turns into an error */
};

/* One row per enum rg_diag_code, in enum order. */
static const struct diag_row diag_table[RG_DIAG__MAX] = {
        [RG_W_DUP_ARTIFACT] = {"duplicate-artifact", RG_SEV_WARNING, false},
        [RG_W_HIDDEN_CHARS] = {"hidden-characters", RG_SEV_WARNING, false},
        [RG_W_MALFORMED_INDICATOR] = {"malformed-indicator", RG_SEV_WARNING, false},
        [RG_W_UNKNOWN_EVENT_ASSET] = {"unknown-event-asset", RG_SEV_WARNING, false},
        [RG_W_TIMELINE_UNSORTED] = {"timeline-unsorted", RG_SEV_WARNING, false},
        [RG_W_MILESTONE_ORDER] = {"milestone-order", RG_SEV_WARNING, false},
        [RG_W_MILESTONE_UNTIMED] = {"milestone-untimed", RG_SEV_WARNING, false},
        [RG_W_SEEN_ORDER] = {"seen-order", RG_SEV_WARNING, false},
        [RG_W_EMPTY_SECTION] = {"empty-section", RG_SEV_WARNING, false},
        [RG_W_ATTACK_UNKNOWN_ID] = {"attack-unknown-id", RG_SEV_WARNING, true},
        [RG_W_ATTACK_NAME_MISMATCH] = {"attack-name-mismatch", RG_SEV_WARNING, true},
        [RG_W_ATTACK_UNKNOWN_NAME] = {"attack-unknown-name", RG_SEV_WARNING, true},
        [RG_W_ATTACK_BAD_TACTIC] = {"attack-wrong-tactic", RG_SEV_WARNING, true},
        [RG_W_ATTACK_UNKNOWN_TACTIC] = {"attack-unknown-tactic", RG_SEV_WARNING, true},
        [RG_W_ATTACK_DEPRECATED] = {"attack-deprecated", RG_SEV_WARNING, true},
        [RG_W_ATTACK_REVOKED] = {"attack-revoked", RG_SEV_WARNING, true},
        [RG_W_ATTACK_CHANGED] = {"attack-changed", RG_SEV_WARNING, true},
        [RG_W_MISSING_GLYPH] = {"missing-glyph", RG_SEV_WARNING, false},
        [RG_W_TLP_NO_EFFECT] = {"tlp-no-effect", RG_SEV_WARNING, false},
        [RG_W_LEAK] = {"leak-allowed", RG_SEV_WARNING, false},
        [RG_W_SIGNOFF] = {"signoff", RG_SEV_WARNING, false},
        [RG_W_EVIDENCE_MISSING] = {"evidence-missing", RG_SEV_WARNING, false},
        [RG_W_OTHER] = {"warning", RG_SEV_WARNING, false},
        [RG_E_SYNTAX] = {"syntax", RG_SEV_ERROR, false},
        [RG_E_UTF8] = {"invalid-utf8", RG_SEV_ERROR, false},
        [RG_E_EMPTY] = {"empty-file", RG_SEV_ERROR, false},
        [RG_E_ROOT] = {"not-a-mapping", RG_SEV_ERROR, false},
        [RG_E_VERSION] = {"version", RG_SEV_ERROR, false},
        [RG_E_UNKNOWN_KEY] = {"unknown-key", RG_SEV_ERROR, false},
        [RG_E_DUP_KEY] = {"duplicate-key", RG_SEV_ERROR, false},
        [RG_E_MISSING_KEY] = {"missing-key", RG_SEV_ERROR, false},
        [RG_E_TYPE] = {"type", RG_SEV_ERROR, false},
        [RG_E_ENUM] = {"enum", RG_SEV_ERROR, false},
        [RG_E_TIME] = {"time", RG_SEV_ERROR, false},
        [RG_E_TIMEZONE] = {"timezone", RG_SEV_ERROR, false},
        [RG_E_EMPTY_REQUIRED] = {"empty-required", RG_SEV_ERROR, false},
        [RG_E_SINGLE_PAIR] = {"single-pair", RG_SEV_ERROR, false},
        [RG_E_BLOCK_CONTENT] = {"block-content", RG_SEV_ERROR, false},
        [RG_E_NESTING] = {"nesting", RG_SEV_ERROR, false},
        [RG_E_TABLE_ROW] = {"table-row", RG_SEV_ERROR, false},
        [RG_E_TABLE_COLUMN] = {"table-column", RG_SEV_ERROR, false},
        [RG_E_MERGE_KEY] = {"merge-key", RG_SEV_ERROR, false},
        [RG_E_LIMIT_SIZE] = {"limit-size", RG_SEV_ERROR, false},
        [RG_E_LIMIT_DEPTH] = {"limit-depth", RG_SEV_ERROR, false},
        [RG_E_LIMIT_ALIAS] = {"limit-alias", RG_SEV_ERROR, false},
        [RG_E_DUP_ASSET] = {"duplicate-asset", RG_SEV_ERROR, false},
        [RG_E_UNKNOWN_ASSET] = {"unknown-asset", RG_SEV_ERROR, false},
        [RG_E_UNKNOWN_EMAIL] = {"unknown-email", RG_SEV_ERROR, false},
        [RG_E_ARTIFACT_VALUE] = {"artifact-value", RG_SEV_ERROR, false},
        [RG_E_UNKNOWN_RELATED] = {"unknown-related", RG_SEV_ERROR, false},
        [RG_E_UNKNOWN_TECHNIQUE] = {"unknown-technique", RG_SEV_ERROR, false},
        [RG_E_IMAGE] = {"image", RG_SEV_ERROR, false},
        [RG_E_VALUE] = {"value", RG_SEV_ERROR, false},
        [RG_E_TEMPLATE] = {"template", RG_SEV_ERROR, false},
        [RG_E_EDITION_EMPTY] = {"edition-empty", RG_SEV_ERROR, false},
        [RG_E_LEAK] = {"leak", RG_SEV_ERROR, false},
        [RG_E_HASH_MISMATCH] = {"hash-mismatch", RG_SEV_ERROR, false},
        [RG_E_EVIDENCE] = {"evidence-file", RG_SEV_ERROR, false},
        [RG_E_OTHER] = {"error", RG_SEV_ERROR, false},
        [RG_F_IO] = {"io", RG_SEV_FATAL, false},
        [RG_F_LIBRARY] = {"library", RG_SEV_FATAL, false},
};

static const char *const sev_names[] = {"note", "warning", "error", "error"};

void rg_diags_init(struct rg_diags *d)
{
	memset(d, 0, sizeof(*d));
}

void rg_diags_free(struct rg_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free((char *)d->v[i].file);
		free(d->v[i].path);
		free(d->v[i].message);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

const char *rg_diag_code_name(enum rg_diag_code c)
{
	return c < RG_DIAG__MAX && diag_table[c].name ? diag_table[c].name : "unknown";
}

enum rg_severity rg_diag_severity(const struct rg_diags *d, enum rg_diag_code c)
{
	if (c >= RG_DIAG__MAX)
		return RG_SEV_ERROR;
	if (diag_table[c].strict && d != NULL && d->strict)
		return RG_SEV_ERROR;
	return diag_table[c].sev;
}

void rg_diag_vreport(struct rg_diags *d, const char *file, struct rg_pos pos,
                     enum rg_diag_code code, const char *path, const char *fmt, va_list ap)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = rg_xrealloc(d->v, d->cap * sizeof(*d->v));
	}
	struct rg_diag *g = &d->v[d->n];
	g->file = rg_xstrdup(file ? file : "");
	g->pos = pos;
	g->code = code;
	g->sev = rg_diag_severity(d, code);
	g->path = rg_xstrdup(path ? path : "");
	g->seq = d->n;
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	g->message = rg_xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	vsnprintf(g->message, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	if (g->sev > d->worst)
		d->worst = g->sev;
	d->n++;
}

void rg_diag(struct rg_diags *d, const char *file, struct rg_pos pos, enum rg_diag_code code,
             const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rg_diag_vreport(d, file, pos, code, path, fmt, ap);
	va_end(ap);
}

void rg_diags_move(struct rg_diags *dst, struct rg_diags *src)
{
	if (dst->n + src->n > dst->cap) {
		dst->cap = dst->n + src->n;
		dst->v = rg_xrealloc(dst->v, dst->cap * sizeof(*dst->v));
	}
	for (size_t i = 0; i < src->n; i++) {
		dst->v[dst->n] = src->v[i];
		dst->v[dst->n].seq = dst->n;
		dst->n++;
	}
	if (src->worst > dst->worst)
		dst->worst = src->worst;
	free(src->v);
	bool strict = src->strict;
	rg_diags_init(src);
	src->strict = strict;
}

static int diag_cmp(const void *a, const void *b)
{
	const struct rg_diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c != 0)
		return c;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.col != y->pos.col)
		return x->pos.col < y->pos.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void rg_diags_sort(struct rg_diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), diag_cmp);
}

static void diags_print_json(const struct rg_diags *d, FILE *fp)
{
	cJSON *arr = cJSON_CreateArray();
	if (arr == NULL)
		return;
	for (size_t i = 0; i < d->n; i++) {
		const struct rg_diag *g = &d->v[i];
		cJSON *o = cJSON_CreateObject();
		if (o == NULL)
			break;
		cJSON_AddStringToObject(o, "file", g->file);
		cJSON_AddNumberToObject(o, "line", g->pos.line);
		cJSON_AddNumberToObject(o, "column", g->pos.col);
		cJSON_AddStringToObject(o, "severity", sev_names[g->sev]);
		cJSON_AddStringToObject(o, "path", g->path);
		cJSON_AddStringToObject(o, "code", rg_diag_code_name(g->code));
		cJSON_AddStringToObject(o, "message", g->message);
		cJSON_AddItemToArray(arr, o);
	}
	char *s = cJSON_Print(arr);
	if (s != NULL) {
		fputs(s, fp);
		fputc('\n', fp);
		cJSON_free(s);
	}
	cJSON_Delete(arr);
}

void rg_diags_print(const struct rg_diags *d, FILE *fp, bool json)
{
	if (json) {
		diags_print_json(d, fp);
		return;
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct rg_diag *g = &d->v[i];
		if (g->pos.line > 0)
			fprintf(fp, "%s:%d:%d: ", g->file, g->pos.line, g->pos.col);
		else if (g->file[0] != '\0')
			fprintf(fp, "%s: ", g->file);
		fprintf(fp, "%s: ", sev_names[g->sev]);
		if (g->path[0] != '\0')
			fprintf(fp, "%s: ", g->path);
		fprintf(fp, "%s\n", g->message);
	}
}

int rg_diags_exit(const struct rg_diags *d)
{
	switch (d->worst) {
	case RG_SEV_FATAL:
		return 3;
	case RG_SEV_ERROR:
		return 1;
	default:
		return 0;
	}
}
