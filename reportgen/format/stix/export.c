/* export.c: choices shared by the threat-intel exports: TLP filter, indicators, UTC times, plain
 * text. */
#define _GNU_SOURCE /* qsort_r */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "export.h"
#include "ioc.h"
#include "mdparse.h"
#include "timeparse.h"

bool export_tlp_allowed(const struct rg_render_opts *opts, enum rg_tlp tlp)
{
	if (opts == NULL || opts->max_tlp == RG_TLP_NONE || tlp == RG_TLP_NONE)
		return true;
	return tlp <= opts->max_tlp;
}

bool export_keep_artifact(const struct rg_render_opts *opts, const struct rg_artifact *a)
{
	return export_tlp_allowed(opts, a->tlp);
}

static int export_strcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct export_withheld export_withheld_new(struct rg_arena *arena, const struct rg_doc *doc,
                                           const struct rg_render_opts *opts)
{
	struct export_withheld w = {rg_arena_alloc(arena, (doc->nartifacts + 1) * sizeof(*w.v)), 0};
	for (size_t i = 0; i < doc->nartifacts; i++) {
		const struct rg_artifact *a = &doc->artifacts[i];
		const char *v = a->refanged ? a->refanged : a->value.s;
		if (v != NULL && !export_keep_artifact(opts, a))
			w.v[w.n++] = v;
	}
	qsort(w.v, w.n, sizeof(*w.v), export_strcmp);
	return w;
}

bool export_is_withheld(const struct export_withheld *w, const char *value)
{
	return value != NULL && w->n > 0 &&
	       bsearch(&value, w->v, w->n, sizeof(*w->v), export_strcmp) != NULL;
}

const bool *export_dropped(struct rg_arena *arena, const struct rg_doc *doc,
                           const struct rg_render_opts *opts)
{
	bool *dropped = rg_arena_alloc(arena, (doc->nartifacts + 1) * sizeof(*dropped));
	struct export_withheld w = export_withheld_new(arena, doc, opts);
	for (size_t i = 0; i < doc->nartifacts; i++) {
		const struct rg_artifact *a = &doc->artifacts[i];
		const char *v = a->refanged ? a->refanged : a->value.s;
		dropped[i] = w.n > 0 && (v == NULL || export_is_withheld(&w, v));
	}
	return dropped;
}

static int export_group_cmp(const void *x, const void *y, void *ctx)
{
	const struct rg_artifact *arts = ctx;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = strcmp(arts[i].object.s, arts[j].object.s);
	return c != 0 ? c : (i < j ? -1 : i > j);
}

size_t *export_groups(struct rg_arena *arena, const struct rg_doc *doc, const bool *dropped)
{
	size_t *lead = rg_arena_alloc(arena, (doc->nartifacts + 1) * sizeof(*lead));
	size_t *idx = rg_arena_alloc(arena, (doc->nartifacts + 1) * sizeof(*idx)), n = 0;
	for (size_t i = 0; i < doc->nartifacts; i++) {
		const struct rg_artifact *a = &doc->artifacts[i];
		lead[i] = SIZE_MAX;
		if (a->object.s != NULL && (a->refanged || a->value.s) &&
		    ioc_type_info(a->type)->object != IOC_OBJECT_NONE &&
		    (dropped == NULL || !dropped[i]))
			idx[n++] = i;
	}
	qsort_r(idx, n, sizeof(*idx), export_group_cmp, (void *)doc->artifacts);
	for (size_t k = 0, first = 0; k < n; k++) {
		const struct rg_artifact *a = &doc->artifacts[idx[k]], *f;
		if (strcmp(a->object.s, doc->artifacts[idx[first]].object.s) != 0)
			first = k;
		f = &doc->artifacts[idx[first]];
		if (ioc_type_info(a->type)->object == ioc_type_info(f->type)->object)
			lead[idx[k]] = idx[first];
	}
	return lead;
}

enum rg_tlp export_artifact_tlp(const struct rg_doc *doc, const struct rg_artifact *a)
{
	/* the marking in effect (validator), which is never looser than none */
	return a->tlp != RG_TLP_NONE ? a->tlp : doc->report.tlp;
}

enum rg_export_text export_text_mode(const struct rg_render_opts *opts)
{
	return opts != NULL ? opts->export_text : RG_EXPORT_TEXT_SUMMARY;
}

enum rg_tlp export_mark(const struct rg_doc *doc, const struct rg_mark *m)
{
	return m->eff != RG_TLP_NONE ? m->eff : doc->report.tlp;
}

enum rg_tlp export_stricter(enum rg_tlp a, enum rg_tlp b)
{
	return a > b ? a : b;
}

enum rg_tlp export_section_tlp(const struct rg_doc *doc, const struct rg_section *s)
{
	enum rg_tlp t = s->text.s != NULL ? export_mark(doc, &s->mark) : RG_TLP_NONE;
	for (size_t i = 0; i < s->blocks.n; i++)
		if (s->blocks.v[i].kind == RG_BLOCK_TEXT)
			t = export_stricter(t, export_mark(doc, &s->blocks.v[i].mark));
	return t != RG_TLP_NONE ? t : doc->report.tlp;
}

bool export_is_indicator(const struct rg_artifact *a)
{
	return a->disposition == RG_DISP_MALICIOUS || a->disposition == RG_DISP_SUSPICIOUS;
}

bool export_no_attack(const struct rg_doc *d)
{
	return d->report.verdict == RG_VERDICT_FALSE_POSITIVE ||
	       d->report.verdict == RG_VERDICT_BENIGN;
}

static bool export_time_present(const struct rg_time *t)
{
	return t != NULL && t->prec != RG_TIME_ABSENT && t->prec != RG_TIME_UNKNOWN;
}

int64_t export_created(const struct rg_doc *doc, const struct rg_render_opts *opts)
{
	if (export_time_present(&doc->report.first_time))
		return doc->report.first_time.utc;
	if (export_time_present(&doc->report.date))
		return doc->report.date.utc;
	if (doc->alert.present && export_time_present(&doc->alert.time))
		return doc->alert.time.utc;
	if (opts != NULL && opts->epoch >= 0)
		return opts->epoch;
	return 0;
}

int64_t export_revised(const struct rg_doc *doc, const struct rg_render_opts *opts)
{
	int64_t created = export_created(doc, opts);
	const struct rg_time *t = &doc->report.revision_time;
	return export_time_present(t) && t->utc > created ? t->utc : created;
}

int64_t export_modified(const struct rg_doc *doc, const struct rg_render_opts *opts,
                        const struct rg_time *t)
{
	int64_t created = export_created(doc, opts), revised = export_revised(doc, opts);
	if (t == NULL || !export_time_present(t) || t->utc <= created)
		return created;
	return t->utc < revised ? t->utc : revised;
}

const char *export_utc(struct rg_arena *arena, int64_t utc, int32_t nsec, bool millis)
{
	/* xs:dateTime and RFC 3339 both need a four-digit year: clamp to 0001..9999. */
	const int64_t lo = -62135596800LL, hi = 253402300799LL;
	if (utc < lo)
		utc = lo;
	if (utc > hi)
		utc = hi;
	int64_t days = utc >= 0 ? utc / 86400 : -((-utc + 86399) / 86400);
	int64_t secs = utc - days * 86400, y;
	int m, d;
	time_civil_from_days(days, &y, &m, &d);
	char base[48]; /* room for any int the compiler cannot bound */
	snprintf(base, sizeof(base), "%04lld-%02d-%02dT%02d:%02d:%02d", (long long)y, m, d,
	         (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	if (!millis)
		return rg_arena_printf(arena, "%sZ", base);
	int ms = nsec > 0 && nsec < 1000000000 ? nsec / 1000000 : 0;
	return rg_arena_printf(arena, "%s.%03dZ", base, ms);
}

const char *export_time(struct rg_arena *arena, const struct rg_time *t, bool millis)
{
	if (!export_time_present(t))
		return NULL;
	return export_utc(arena, t->utc, t->nsec, millis);
}

const char *export_time_precision(const struct rg_time *t)
{
	if (t == NULL)
		return NULL;
	switch (t->prec) {
	case RG_TIME_MONTH:
		return "month";
	case RG_TIME_DATE:
		return "day";
	case RG_TIME_MINUTE:
		return "minute";
	case RG_TIME_SECOND:
		return "second";
	default:
		return NULL;
	}
}

/* A growable heap buffer for plain-text rendering. */
struct export_buf {
	char *s;
	size_t n, cap;
};

static void export_put(struct export_buf *b, const char *s, size_t len)
{
	if (b->n + len + 1 > b->cap) {
		b->cap = (b->n + len + 1) * 2;
		b->s = rg_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = '\0';
}

static void export_puts(struct export_buf *b, const char *s)
{
	if (s != NULL)
		export_put(b, s, strlen(s));
}

/* Ends the current line (and adds a blank line when `blank`), never at the very start and
 * never piling up more than one blank line. */
static void export_break(struct export_buf *b, bool blank)
{
	if (b->n == 0)
		return;
	while (b->n > 0 && b->s[b->n - 1] == ' ')
		b->s[--b->n] = '\0';
	size_t nl = 0;
	while (nl < b->n && b->s[b->n - 1 - nl] == '\n')
		nl++;
	size_t want = blank ? 2 : 1;
	for (; nl < want; nl++)
		export_put(b, "\n", 1);
}

/* Text of a node's descendants, to compare a link's text with its URL. */
static bool export_link_shows_url(cmark_node *link)
{
	const char *url = cmark_node_get_url(link);
	cmark_node *child = cmark_node_first_child(link);
	if (url == NULL || url[0] == '\0')
		return true;
	if (child == NULL || cmark_node_next(child) != NULL ||
	    cmark_node_get_type(child) != CMARK_NODE_TEXT)
		return false;
	const char *text = cmark_node_get_literal(child);
	if (text == NULL)
		return false;
	if (strcmp(text, url) == 0)
		return true;
	return strncmp(url, "mailto:", 7) == 0 && strcmp(url + 7, text) == 0;
}

static bool export_in_tight_list(cmark_node *node)
{
	cmark_node *item = cmark_node_parent(node);
	cmark_node *list = item ? cmark_node_parent(item) : NULL;
	return item != NULL && cmark_node_get_type(item) == CMARK_NODE_ITEM && list != NULL &&
	       cmark_node_get_list_tight(list);
}

static void export_item_marker(struct export_buf *b, cmark_node *item)
{
	cmark_node *list = cmark_node_parent(item);
	export_break(b, false);
	for (cmark_node *p = cmark_node_parent(list); p != NULL; p = cmark_node_parent(p))
		if (cmark_node_get_type(p) == CMARK_NODE_LIST)
			export_puts(b, "  ");
	if (cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
		int n = cmark_node_get_list_start(list);
		for (cmark_node *s = cmark_node_previous(item); s != NULL;
		     s = cmark_node_previous(s))
			n++;
		char num[24];
		snprintf(num, sizeof(num), "%d. ", n);
		export_puts(b, num);
	} else {
		export_puts(b, "- ");
	}
}

static void export_node(struct export_buf *b, cmark_event_type ev, cmark_node *node)
{
	cmark_node_type type = cmark_node_get_type(node);
	bool enter = ev == CMARK_EVENT_ENTER;
	switch (type) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		export_puts(b, cmark_node_get_literal(node));
		break;
	case CMARK_NODE_SOFTBREAK:
		export_puts(b, " ");
		break;
	case CMARK_NODE_LINEBREAK:
		export_break(b, false);
		break;
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
		export_break(b, true);
		export_puts(b, cmark_node_get_literal(node));
		export_break(b, true);
		break;
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_THEMATIC_BREAK:
		if (!enter || type == CMARK_NODE_THEMATIC_BREAK)
			export_break(b, !export_in_tight_list(node));
		break;
	case CMARK_NODE_ITEM:
		if (enter)
			export_item_marker(b, node);
		break;
	case CMARK_NODE_LIST:
		if (!enter)
			export_break(b, true);
		break;
	case CMARK_NODE_LINK:
		if (!enter && !export_link_shows_url(node)) {
			export_puts(b, " (");
			export_puts(b, cmark_node_get_url(node));
			export_puts(b, ")");
		}
		break;
	default:
		break;
	}
}

const char *export_plain(struct rg_arena *arena, const char *markdown)
{
	if (markdown == NULL)
		return NULL;
	cmark_node *root = mdparse_document(markdown, strlen(markdown), CMARK_OPT_DEFAULT);
	struct export_buf b = {NULL, 0, 0};
	export_put(&b, "", 0);
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		export_node(&b, ev, cmark_iter_get_node(it));
	cmark_iter_free(it);
	cmark_node_free(root);
	size_t start = 0, end = b.n;
	while (start < end && (b.s[start] == ' ' || b.s[start] == '\n'))
		start++;
	while (end > start && (b.s[end - 1] == ' ' || b.s[end - 1] == '\n'))
		end--;
	const char *out = end > start ? rg_arena_strndup(arena, b.s + start, end - start) : NULL;
	free(b.s);
	return out;
}
