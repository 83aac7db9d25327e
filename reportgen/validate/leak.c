/* leak.c: the leak scan of an edition: one Aho-Corasick pass over every text it keeps, for
 * every form of every value it withholds. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ioc.h"
#include "reportgen.h"

/* ---- the automaton ---- */

struct lk_node {
	uint32_t child, sibling, fail, dict; /* 0 = none (node 0 is the root) */
	uint32_t out;                        /* pattern index + 1 ending here, or 0 */
	unsigned char c;
};

struct lk_pat {
	const char *s; /* the form searched (lower case when nocase) */
	size_t len;
	bool nocase;
	const struct rg_artifact *a;
	uint32_t next; /* another pattern ending at the same node, index + 1 */
};

struct lk {
	struct lk_node *n;
	size_t nn, capn;
	struct lk_pat *p;
	size_t np, capp;
	const struct rg_doc *doc;
	struct rg_diags *diags;
	bool allow;
	size_t found;
	char *buf, *low; /* refanged text, and its ASCII lower case form */
	size_t cap;
};

static uint32_t lk_child(const struct lk *k, uint32_t node, unsigned char c)
{
	for (uint32_t x = k->n[node].child; x != 0; x = k->n[x].sibling)
		if (k->n[x].c == c)
			return x;
	return 0;
}

static void lk_add(struct lk *k, const char *s, bool nocase, const struct rg_artifact *a)
{
	size_t len = strlen(s);
	if (len < 2)
		return;
	uint32_t node = 0;
	for (size_t i = 0; i < len; i++) {
		/* the trie is in lower case, as the text it scans */
		unsigned char c = (unsigned char)tolower((unsigned char)s[i]);
		uint32_t x = lk_child(k, node, c);
		if (x == 0) {
			if (k->nn == k->capn)
				k->n = rg_xrealloc(k->n, (k->capn *= 2) * sizeof(*k->n));
			x = (uint32_t)k->nn++;
			k->n[x] = (struct lk_node){.c = c, .sibling = k->n[node].child};
			k->n[node].child = x;
		}
		node = x;
	}
	for (uint32_t o = k->n[node].out; o != 0; o = k->p[o - 1].next)
		if (k->p[o - 1].nocase == nocase && strcmp(k->p[o - 1].s, s) == 0)
			return; /* the same form again */
	if (k->np == k->capp)
		k->p = rg_xrealloc(k->p, (k->capp *= 2) * sizeof(*k->p));
	k->p[k->np] = (struct lk_pat){s, len, nocase, a, k->n[node].out};
	k->n[node].out = (uint32_t)++k->np;
}

/* Failure and dictionary links, breadth first. */
static void lk_build(struct lk *k)
{
	uint32_t *queue = rg_xmalloc(k->nn * sizeof(*queue));
	size_t head = 0, tail = 0;
	for (uint32_t x = k->n[0].child; x != 0; x = k->n[x].sibling)
		queue[tail++] = x;
	while (head < tail) {
		uint32_t u = queue[head++];
		for (uint32_t x = k->n[u].child; x != 0; x = k->n[x].sibling) {
			uint32_t f = k->n[u].fail, g;
			while ((g = lk_child(k, f, k->n[x].c)) == 0 && f != 0)
				f = k->n[f].fail;
			k->n[x].fail = g != x ? g : 0;
			uint32_t fl = k->n[x].fail;
			k->n[x].dict = k->n[fl].out ? fl : k->n[fl].dict;
			queue[tail++] = x;
		}
	}
	free(queue);
}

/* ---- token boundaries ---- */

static bool lk_word(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '-' || c >= 0x80;
}

/* Whether the match [s, e) of t (n bytes) stands on token boundaries: not inside a longer
 * number, name, hash or host (a dot followed by more of a name continues it). */
static bool lk_bounded(const char *t, size_t n, size_t s, size_t e)
{
	const unsigned char *u = (const unsigned char *)t;
	if (s > 0 && lk_word(u[s - 1]))
		return false;
	if (s > 1 && u[s - 1] == '.' && lk_word(u[s - 2]))
		return false;
	if (e < n && lk_word(u[e]))
		return false;
	if (e + 1 < n && u[e] == '.' && lk_word(u[e + 1]))
		return false;
	return true;
}

/* ---- scanning ---- */

static void lk_report(struct lk *k, const char *where, struct rg_pos pos, const struct lk_pat *p,
                      const char *found, size_t len)
{
	const struct rg_artifact *a = p->a;
	const char *v = a->refanged ? a->refanged : a->value.s;
	k->found++;
	rg_diag(k->diags, k->doc->file, pos, k->allow ? RG_W_LEAK : RG_E_LEAK, where,
	        "still holds \"%.*s\", the value of the artifact at line %d (tlp: %s), which "
	        "this edition (--max-tlp %s) withholds; remove it from this text, or mark this "
	        "text %s%s",
	        (int)(len > 200 ? 200 : len), found, a->pos.line, rg_tlp_names[a->mark.eff],
	        rg_tlp_names[k->doc->edition_max], rg_tlp_names[a->mark.eff],
	        k->allow ? "" : " (--allow-leaks makes this a warning)");
	(void)v;
}

/* One text of the edition: refanged, then matched in lower case; patterns that respect case
 * are checked against the refanged text as it is. */
static void lk_scan(struct lk *k, const char *s, struct rg_pos pos, const char *where)
{
	if (s == NULL || *s == '\0')
		return;
	size_t len = strlen(s);
	if (2 * len + 1 > k->cap) {
		k->cap = 2 * len + 1;
		k->buf = rg_xrealloc(k->buf, k->cap);
		k->low = rg_xrealloc(k->low, k->cap);
	}
	size_t n = ioc_refang_text(s, len, k->buf);
	for (size_t i = 0; i < n; i++)
		k->low[i] = (char)tolower((unsigned char)k->buf[i]);
	uint32_t node = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)k->low[i];
		uint32_t x;
		while ((x = lk_child(k, node, c)) == 0 && node != 0)
			node = k->n[node].fail;
		node = x;
		for (uint32_t d = k->n[node].out ? node : k->n[node].dict; d != 0; d = k->n[d].dict)
			for (uint32_t o = k->n[d].out; o != 0; o = k->p[o - 1].next) {
				const struct lk_pat *p = &k->p[o - 1];
				size_t e = i + 1, b = e - p->len;
				if (!p->nocase && memcmp(k->buf + b, p->s, p->len) != 0)
					continue;
				if (lk_bounded(k->low, n, b, e))
					lk_report(k, where, pos, p, k->buf + b, p->len);
			}
	}
}

static void lk_text(struct lk *k, const struct rg_text *t, const char *where)
{
	lk_scan(k, t->s, t->pos, where);
}

static void lk_texts(struct lk *k, const struct rg_texts *t, const char *where)
{
	for (size_t i = 0; i < t->n; i++)
		lk_text(k, &t->v[i], where);
}

static void lk_pairs(struct lk *k, const struct rg_pairs *p, const char *where)
{
	for (size_t i = 0; i < p->n; i++) {
		lk_text(k, &p->v[i].key, where);
		lk_text(k, &p->v[i].value, where);
	}
}

static void lk_blocks(struct lk *k, const struct rg_blocks *bs)
{
	for (size_t i = 0; i < bs->n; i++) {
		const struct rg_block *b = &bs->v[i];
		lk_text(k, &b->title, "a block title");
		switch (b->kind) {
		case RG_BLOCK_TEXT:
			lk_text(k, &b->u.text, "a text block");
			break;
		case RG_BLOCK_CODE:
			lk_text(k, &b->u.text, "a code block");
			break;
		case RG_BLOCK_FACTS:
			lk_pairs(k, &b->u.facts, "a facts block");
			break;
		case RG_BLOCK_TABLE:
			lk_texts(k, &b->u.table.columns, "a table heading");
			for (size_t c = 0; c < b->u.table.nrows * b->u.table.columns.n; c++)
				lk_text(k, &b->u.table.cells[c], "a table cell");
			lk_text(k, &b->u.table.caption, "a table caption");
			break;
		case RG_BLOCK_LIST:
			lk_texts(k, &b->u.list, "a list item");
			break;
		case RG_BLOCK_IMAGE:
			lk_text(k, &b->u.image.caption, "an image caption");
			break;
		case RG_BLOCK_GROUP:
			lk_blocks(k, &b->u.group);
			break;
		default:
			break;
		}
	}
}

static void lk_section(struct lk *k, const struct rg_section *s, const char *where)
{
	if (!s->present)
		return;
	lk_text(k, &s->text, where);
	lk_blocks(k, &s->blocks);
}

static void lk_report_meta(struct lk *k, const struct rg_doc *d)
{
	const struct rg_report *r = &d->report;
	lk_text(k, &r->id, "report.id (the PDF's metadata and every id)");
	lk_text(k, &r->title, "report.title (the PDF's title metadata and cover)");
	lk_text(k, &r->author, "report.author (the PDF's author metadata)");
	lk_text(k, &r->organization, "report.organization");
	lk_text(k, &r->verdict_note, "report.verdict_note");
	lk_text(k, &r->ticket, "report.ticket");
	lk_text(k, &r->summary_line, "report.summary_line (the PDF's subject metadata)");
	lk_texts(k, &r->tags, "report.tags (the PDF's keywords metadata)");
	lk_pairs(k, &r->facts, "report.facts");
}

static void lk_doc(struct lk *k, const struct rg_doc *d)
{
	lk_report_meta(k, d);
	const struct rg_alert *al = &d->alert;
	if (al->present) {
		const struct rg_text *f[] = {&al->rule,        &al->type,    &al->source,
		                             &al->destination, &al->subject, &al->trigger_reason,
		                             &al->assessment};
		for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
			lk_text(k, f[i], "the alert");
		lk_pairs(k, &al->fields, "the alert's fields");
	}
	for (size_t i = 0; i < d->nassets; i++) {
		const struct rg_asset *a = &d->assets[i];
		const struct rg_text *f[] = {&a->name, &a->domain, &a->os, &a->role,
		                             &a->primary_user};
		for (size_t j = 0; j < sizeof(f) / sizeof(f[0]); j++)
			lk_text(k, f[j], "an asset");
		lk_texts(k, &a->ip, "an asset's ip");
		lk_pairs(k, &a->facts, "an asset's facts");
	}
	for (size_t i = 0; i < d->nemails; i++) {
		const struct rg_email *e = &d->emails[i];
		const struct rg_text *f[] = {&e->from,       &e->reply_to, &e->subject, &e->smtp_ip,
		                             &e->message_id, &e->body,     &e->comment};
		for (size_t j = 0; j < sizeof(f) / sizeof(f[0]); j++)
			lk_text(k, f[j], "an email field");
		lk_texts(k, &e->to, "an email field");
		lk_texts(k, &e->cc, "an email field");
		lk_texts(k, &e->urls, "an email's urls");
		for (size_t j = 0; j < e->nattachments; j++)
			lk_text(k, &e->attachments[j].name, "an email attachment");
	}
	lk_section(k, &d->detection, "the detection text");
	lk_section(k, &d->verification, "the verification text");
	lk_section(k, &d->analysis, "the analysis text");
	lk_section(k, &d->containment.s, "the containment text");
	for (size_t i = 0; i < d->containment.nactions; i++) {
		const struct rg_action *a = &d->containment.actions[i];
		lk_text(k, &a->action, "a containment action");
		lk_text(k, &a->target, "a containment action's target");
		lk_text(k, &a->by, "a containment action");
		lk_text(k, &a->note, "a containment action's note");
	}
	lk_section(k, &d->eradication, "the eradication text");
	lk_section(k, &d->recovery, "the recovery text");
	lk_text(k, &d->summary, "the summary");
	for (size_t i = 0; i < d->ntimeline; i++) {
		lk_text(k, &d->timeline[i].event, "a timeline event");
		lk_text(k, &d->timeline[i].source, "a timeline event's source");
		lk_text(k, &d->timeline[i].asset, "a timeline event's asset");
	}
	lk_texts(k, &d->lessons, "a lessons item");
	for (size_t i = 0; i < d->nremediation; i++) {
		lk_text(k, &d->remediation[i].action, "a remediation item");
		lk_text(k, &d->remediation[i].owner, "a remediation item's owner");
		lk_text(k, &d->remediation[i].note, "a remediation item's note");
	}
	for (size_t i = 0; i < d->nsections; i++) {
		lk_text(k, &d->sections[i].title, "a section title (a heading and bookmark)");
		lk_section(k, &d->sections[i].s, "a section's text");
	}
	for (size_t i = 0; i < d->nmitre; i++) {
		lk_text(k, &d->mitre[i].name, "a technique");
		lk_text(k, &d->mitre[i].comment, "a technique's comment");
	}
	for (size_t i = 0; i < d->nartifacts; i++) {
		const struct rg_artifact *a = &d->artifacts[i];
		lk_text(k, &a->comment, "an artifact's comment");
		lk_text(k, &a->intel, "an artifact's intel");
		lk_texts(k, &a->tags, "an artifact's tags");
	}
	for (size_t i = 0; i < d->nreferences; i++) {
		lk_text(k, &d->references[i].title, "a reference");
		lk_text(k, &d->references[i].url, "a reference's url (a link target)");
		lk_text(k, &d->references[i].comment, "a reference's comment");
	}
}

static bool lk_nocase(enum rg_ioc_type t)
{
	return t == RG_IOC_DOMAIN || t == RG_IOC_HOSTNAME || t == RG_IOC_EMAIL;
}

size_t rg_leak_scan(const struct rg_doc *d, const char *const *names, size_t nnames, bool allow,
                    struct rg_diags *g)
{
	if (d->nwithheld == 0)
		return 0;
	struct lk k = {.doc = d, .diags = g, .allow = allow, .capn = 1024, .capp = 256};
	k.n = rg_xcalloc(k.capn, sizeof(*k.n));
	k.nn = 1;
	k.p = rg_xmalloc(k.capp * sizeof(*k.p));
	for (size_t i = 0; i < d->nwithheld; i++) {
		const struct rg_artifact *a = d->withheld[i];
		bool nc = lk_nocase(a->type);
		const char *forms[] = {a->refanged, a->value.s, a->idn_ascii, a->idn_unicode};
		for (size_t j = 0; j < sizeof(forms) / sizeof(forms[0]); j++) {
			if (forms[j] == NULL)
				continue;
			char *f = rg_arena_alloc(d->arena, 2 * strlen(forms[j]) + 1);
			ioc_refang_text(forms[j], strlen(forms[j]), f);
			for (char *c = f; nc && *c; c++)
				*c = (char)tolower((unsigned char)*c);
			lk_add(&k, f, nc, a);
		}
	}
	lk_build(&k);
	lk_doc(&k, d);
	for (size_t i = 0; i < nnames; i++)
		lk_scan(&k, names[i], (struct rg_pos){0, 0}, "the output file name");
	free(k.n);
	free(k.p);
	free(k.buf);
	free(k.low);
	return k.found;
}
