/* export_seen.c: the time of the nearest evidence of an artifact or email (export.h), and the
 * confidence of an indicator. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "ioc.h"
#include "ioc_addr.h"

/* A value (lower case) and the earliest time a piece of evidence names it. */
struct seen_key {
	const char *key;
	const struct rg_time *t;
};

struct seen_table {
	struct seen_key *v;
	size_t n, cap;
};

struct export_seen {
	const struct rg_doc *doc;
	struct rg_arena *arena;
	struct seen_table mail;   /* values an email carries: its date */
	struct seen_table events; /* words of timeline events: the event's time */
};

static bool seen_present(const struct rg_time *t)
{
	return t != NULL && t->prec > RG_TIME_UNKNOWN;
}

static const char *seen_lower(struct rg_arena *arena, const char *s, size_t n)
{
	char *o = rg_arena_strndup(arena, s, n);
	for (char *p = o; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return o;
}

static void seen_add(struct export_seen *s, struct seen_table *tb, const char *v, size_t n,
                     const struct rg_time *t)
{
	if (v == NULL || n == 0)
		return;
	if (tb->n == tb->cap) {
		tb->cap = tb->cap ? tb->cap * 2 : 64;
		tb->v = rg_xrealloc(tb->v, tb->cap * sizeof(*tb->v));
	}
	tb->v[tb->n++] = (struct seen_key){seen_lower(s->arena, v, n), t};
}

static void seen_add_str(struct export_seen *s, struct seen_table *tb, const char *v,
                         const struct rg_time *t)
{
	if (v != NULL)
		seen_add(s, tb, v, strlen(v), t);
}

static int seen_cmp(const void *x, const void *y)
{
	const struct seen_key *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	if (c != 0)
		return c;
	return a->t->utc < b->t->utc ? -1 : a->t->utc > b->t->utc;
}

/* Sorted by value, then time; only the earliest entry of each value is kept. */
static void seen_sort(struct seen_table *tb)
{
	if (tb->n == 0)
		return;
	qsort(tb->v, tb->n, sizeof(*tb->v), seen_cmp);
	size_t k = 1;
	for (size_t i = 1; i < tb->n; i++)
		if (strcmp(tb->v[i].key, tb->v[k - 1].key) != 0)
			tb->v[k++] = tb->v[i];
	tb->n = k;
}

static void seen_addrs(struct export_seen *s, const struct ioc_addr *v, size_t n,
                       const struct rg_time *t)
{
	for (size_t i = 0; i < n; i++)
		seen_add_str(s, &s->mail, v[i].addr, t);
}

/* Every value an email carries: its addresses, links, relay address and attachments. */
static void seen_email(struct export_seen *s, const struct rg_email *e)
{
	const struct rg_time *t = &e->date;
	struct ioc_addr *v;
	size_t n;
	if (!seen_present(t))
		return;
	const char *heads[] = {e->from.s, e->reply_to.s};
	for (size_t k = 0; k < 2; k++) {
		n = ioc_addr_list(s->arena, heads[k], &v);
		seen_addrs(s, v, n, t);
	}
	n = ioc_addr_texts(s->arena, &e->to, &v);
	seen_addrs(s, v, n, t);
	n = ioc_addr_texts(s->arena, &e->cc, &v);
	seen_addrs(s, v, n, t);
	for (size_t i = 0; i < e->urls.n; i++)
		if (e->urls.v[i].s != NULL)
			seen_add_str(s, &s->mail, ioc_refang(s->arena, e->urls.v[i].s), t);
	if (e->smtp_ip.s != NULL)
		seen_add_str(s, &s->mail, ioc_refang(s->arena, e->smtp_ip.s), t);
	for (size_t i = 0; i < e->nattachments; i++) {
		const struct rg_attachment *at = &e->attachments[i];
		seen_add_str(s, &s->mail, at->name.s, t);
		seen_add_str(s, &s->mail, at->md5.s, t);
		seen_add_str(s, &s->mail, at->sha1.s, t);
		seen_add_str(s, &s->mail, at->sha256.s ? at->sha256.s : at->digest, t);
	}
}

/* Characters that end a word of an event's text (markdown punctuation included). */
static bool seen_sep(unsigned char c)
{
	return isspace(c) || strchr("()<>[]{},;\"'`*|", c) != NULL;
}

/* The words of one timeline event, refanged; trailing sentence punctuation is not part of
 * a word ("to 198.51.100.7." names 198.51.100.7). */
static void seen_event(struct export_seen *s, const struct rg_event *ev)
{
	const char *text = ev->event.s;
	if (!seen_present(&ev->time) || text == NULL)
		return;
	size_t len = strlen(text);
	char *buf = rg_arena_alloc(s->arena, 2 * len + 1);
	size_t n = ioc_refang_text(text, len, buf);
	for (size_t i = 0; i < n;) {
		while (i < n && seen_sep((unsigned char)buf[i]))
			i++;
		size_t j = i;
		while (j < n && !seen_sep((unsigned char)buf[j]))
			j++;
		size_t e = j;
		while (e > i && strchr(".:!?", buf[e - 1]) != NULL)
			e--;
		seen_add(s, &s->events, buf + i, e - i, &ev->time);
		i = j;
	}
}

struct export_seen *export_seen_new(struct rg_arena *arena, const struct rg_doc *doc)
{
	struct export_seen *s = rg_arena_alloc(arena, sizeof(*s));
	*s = (struct export_seen){.doc = doc, .arena = arena};
	for (size_t i = 0; i < doc->nemails; i++)
		seen_email(s, &doc->emails[i]);
	for (size_t i = 0; i < doc->ntimeline; i++)
		seen_event(s, &doc->timeline[i]);
	seen_sort(&s->mail);
	seen_sort(&s->events);
	return s;
}

void export_seen_free(struct export_seen *s)
{
	if (s == NULL)
		return;
	free(s->mail.v);
	free(s->events.v);
	s->mail = s->events = (struct seen_table){NULL, 0, 0};
}

/* The earliest time the table gives one of the artifact's spellings, not after `until`. */
static const struct rg_time *seen_find(const struct seen_table *tb, const struct rg_artifact *a,
                                       const struct rg_time *until)
{
	const char *forms[] = {a->refanged ? a->refanged : a->value.s, a->idn_ascii,
	                       a->idn_unicode};
	const struct rg_time *best = NULL;
	for (size_t k = 0; k < 3 && tb->n > 0; k++) {
		if (forms[k] == NULL || forms[k][0] == '\0')
			continue;
		char *want = rg_xstrdup(forms[k]);
		for (char *p = want; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		struct seen_key *hit = NULL;
		size_t lo = 0, hi = tb->n;
		while (lo < hi && hit == NULL) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(want, tb->v[mid].key);
			if (c == 0)
				hit = &tb->v[mid];
			else if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		free(want);
		if (hit == NULL || (until != NULL && hit->t->utc > until->utc))
			continue;
		if (best == NULL || hit->t->utc < best->utc)
			best = hit->t;
	}
	return best;
}

const struct rg_time *export_first_seen(const struct export_seen *s, const struct rg_artifact *a,
                                        const struct rg_email *e)
{
	const struct rg_doc *d = s->doc;
	const struct rg_time *t = NULL, *until = NULL;
	if (a != NULL) {
		if (seen_present(&a->first_seen))
			return &a->first_seen;
		/* evidence after the artifact's last sighting does not date its first */
		until = seen_present(&a->last_seen) ? &a->last_seen : NULL;
		t = seen_find(&s->mail, a, until);
		if (t == NULL)
			t = seen_find(&s->events, a, until);
	} else if (e != NULL && seen_present(&e->date)) {
		t = &e->date;
	}
	if (t == NULL && d->alert.present && seen_present(&d->alert.time))
		t = &d->alert.time;
	if (t == NULL && seen_present(&d->report.date))
		t = &d->report.date;
	/* never after the last sighting: then that is the nearest evidence */
	if (until != NULL && (t == NULL || t->utc > until->utc))
		t = until;
	return t;
}

enum export_confidence export_confidence(enum rg_disposition disp)
{
	switch (disp) {
	case RG_DISP_MALICIOUS:
		return EXPORT_CONF_HIGH;
	case RG_DISP_SUSPICIOUS:
		return EXPORT_CONF_MEDIUM;
	default:
		return EXPORT_CONF_NONE;
	}
}

const char *const export_confidence_words[] = {NULL, "Low", "Medium", "High"};
const int export_confidence_values[] = {0, 15, 50, 85};
