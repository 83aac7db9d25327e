/* pdf_sections.c: the report's fixed sections (alert, assets, emails, containment, timeline,
 * lessons, remediation, and the ATT&CK / artifacts / references appendix) as flow elements. */
#include <stdlib.h>
#include <string.h>

#include "attack.h"
#include "ioc.h"
#include "pdf_build.h"
#include "utf8.h"

#define PDF_COMPACT_ASSETS 5 /* from this many assets on, one table instead of one per asset */
#define PDF_VALUE_FIT 0.7    /* an artifact's value shrinks down to this to stay on one line */

/* The artifacts table's Type column: what a reader calls each type. */
static const char *const pdf_ioc_labels[] = {[RG_IOC_IPV4] = "IPv4 address",
                                             [RG_IOC_IPV6] = "IPv6 address",
                                             [RG_IOC_CIDR] = "IP range (CIDR)",
                                             [RG_IOC_DOMAIN] = "Domain",
                                             [RG_IOC_HOSTNAME] = "Host name",
                                             [RG_IOC_URL] = "URL",
                                             [RG_IOC_URI_PATH] = "URI path",
                                             [RG_IOC_EMAIL] = "Email address",
                                             [RG_IOC_MD5] = "MD5",
                                             [RG_IOC_SHA1] = "SHA-1",
                                             [RG_IOC_SHA256] = "SHA-256",
                                             [RG_IOC_SHA512] = "SHA-512",
                                             [RG_IOC_SSDEEP] = "ssdeep",
                                             [RG_IOC_FILENAME] = "File name",
                                             [RG_IOC_FILEPATH] = "File path",
                                             [RG_IOC_REGISTRY] = "Registry key",
                                             [RG_IOC_PROCESS] = "Process",
                                             [RG_IOC_USER] = "User account",
                                             [RG_IOC_USER_AGENT] = "User agent",
                                             [RG_IOC_PORT] = "Port",
                                             [RG_IOC_SOCKET] = "IP:port",
                                             [RG_IOC_ASN] = "AS number",
                                             [RG_IOC_CVE] = "CVE",
                                             [RG_IOC_MAC] = "MAC address",
                                             [RG_IOC_STRING] = "String"};

static const char *pdf_ioc_label(enum rg_ioc_type t)
{
	if ((size_t)t < sizeof(pdf_ioc_labels) / sizeof(pdf_ioc_labels[0]) &&
	    pdf_ioc_labels[t] != NULL)
		return pdf_ioc_labels[t];
	return rg_ioc_type_names[t];
}

/* An indicator's value in a cell: kept whole (lay_run.value), shrinking down to fit x its size
 * to stay on one line when fit > 0. */
static void pdf_value_run(struct pdf_ctx *c, struct lay_cell *cell, const char *v, double fit)
{
	size_t n = cell->runs.n;
	pdf_cell_text(c, cell, v, LAY_MONO);
	if (cell->runs.n > n) {
		cell->runs.v[n].value = true;
		cell->runs.v[n].fit = fit;
	}
}

static void pdf_colored(struct pdf_ctx *c, struct lay_runs *runs, const char *text, enum lay_font f,
                        uint32_t color)
{
	struct lay_run r = {
	        .text = text, .len = strlen(text), .font = f, .color = color, .bg = LAY_NOCOLOR};
	lay_runs_add(c->a, runs, &r);
}

/* An action's status as a badge: done green, failed red, in progress blue, recommended
 * purple, planned slate, not needed grey, so a table of actions reads at a glance. */
static void pdf_action_status(struct pdf_ctx *c, struct lay_cell *cell, enum rg_action_status st)
{
	static const uint32_t bg[] = {0x6B7280, 0x4B5563, 0x6D28D9, 0x1A5FB4,
	                              0x2E7D32, 0xC62828, 0x6B7280};
	if (st == RG_ASTAT_NONE || st > RG_ASTAT_NOT_NEEDED)
		return;
	pdf_badge(c, &cell->runs, pdf_label(c, rg_action_status_names[st]), PDF_BADGE_FG, bg[st]);
}

bool pdf_sec_alert(struct pdf_ctx *c, const char *title)
{
	const struct rg_alert *al = &c->doc->alert;
	if (!al->present)
		return false;
	struct pdf_mark_state around = pdf_mark_enter(c, &al->mark);
	pdf_heading(c, 1, title, NULL);
	pdf_mark_pill(c, &around, &al->mark);
	struct pdf_kv kv;
	pdf_kv_begin(&kv, c);
	pdf_kv_text(&kv, "Rule", al->rule.s);
	pdf_kv_text(&kv, "Time", pdf_time(c, &al->time));
	if (al->severity != RG_LEVEL_NONE)
		pdf_badge(c, &pdf_kv_row(&kv, "Severity")->runs,
		          pdf_label(c, rg_level_names[al->severity]),
		          al->severity == RG_LEVEL_LOW ? 0x000000 : PDF_BADGE_FG,
		          pdf_level_color(al->severity));
	pdf_kv_text(&kv, "Type", al->type.s);
	pdf_kv_text(&kv, "Source", al->source.s);
	pdf_kv_text(&kv, "Destination", al->destination.s);
	pdf_kv_text(&kv, "Subject", al->subject.s);
	pdf_kv_text(&kv, "Trigger reason", al->trigger_reason.s);
	if (al->device_action != RG_ACTION_NONE)
		pdf_kv_text(&kv, "Device action",
		            pdf_label(c, rg_device_action_names[al->device_action]));
	pdf_kv_pairs(&kv, &al->fields);
	pdf_kv_end(&kv, NULL);
	if (al->assessment.s != NULL) {
		pdf_heading(c, 2, c->tpl->titles[TT_ASSESSMENT], NULL);
		pdf_md(c, al->assessment.s);
	}
	pdf_mark_leave(c, around);
	return true;
}

static void pdf_assets_compact(struct pdf_ctx *c, const char *anchor)
{
	static const char *const head[] = {"Name", "Kind", "IP", "OS", "Role", "User", "Status"};
	const struct rg_doc *d = c->doc;
	struct lay_table *t = pdf_table_new(c, 7, d->nassets + 1, true);
	for (size_t j = 0; j < 7; j++)
		pdf_cell_text(c, pdf_cell(t, 0, j), head[j], LAY_SANS_BOLD);
	for (size_t i = 0; i < d->nassets; i++) {
		const struct rg_asset *as = &d->assets[i];
		const char *v[] = {as->name.s,
		                   pdf_label(c, rg_asset_kind_names[as->kind]),
		                   pdf_join(c, &as->ip, ", "),
		                   as->os.s,
		                   as->role.s,
		                   as->primary_user.s,
		                   pdf_label(c, rg_asset_status_names[as->status])};
		for (size_t j = 0; j < 7; j++)
			pdf_cell_text(c, pdf_cell(t, i + 1, j), v[j],
			              j == 0 ? LAY_SANS_BOLD : LAY_SANS);
		pdf_mark_row(c, pdf_cell(t, i + 1, 0), pdf_cell(t, i + 1, 0), &as->mark);
	}
	t->anchor = anchor;
	pdf_table_add(c, t);
}

bool pdf_sec_assets(struct pdf_ctx *c, const char *title)
{
	const struct rg_doc *d = c->doc;
	if (d->nassets == 0)
		return false;
	pdf_heading(c, 1, title, NULL);
	if (d->nassets >= PDF_COMPACT_ASSETS) {
		pdf_assets_compact(c, c->asset_anchor[0]);
		return true;
	}
	for (size_t i = 0; i < d->nassets; i++) {
		const struct rg_asset *as = &d->assets[i];
		struct pdf_mark_state around = pdf_mark_enter(c, &as->mark);
		pdf_heading(c, 2, as->name.s != NULL ? as->name.s : "Asset", c->asset_anchor[i]);
		pdf_mark_pill(c, &around, &as->mark);
		pdf_asset_table(c, as, NULL);
		pdf_mark_leave(c, around);
	}
	return true;
}

bool pdf_sec_emails(struct pdf_ctx *c, const char *title)
{
	const struct rg_doc *d = c->doc;
	if (d->nemails == 0)
		return false;
	pdf_heading(c, 1, title, NULL);
	for (size_t i = 0; i < d->nemails; i++) {
		const struct rg_email *e = &d->emails[i];
		const char *what = e->subject.s != NULL ? e->subject.s : e->from.s;
		struct pdf_mark_state around = pdf_mark_enter(c, &e->mark);
		pdf_heading(c, 2, rg_arena_printf(c->a, "Email %zu: %s", i + 1, what ? what : ""),
		            c->email_anchor[i]);
		pdf_mark_pill(c, &around, &e->mark);
		pdf_email(c, e, NULL);
		pdf_mark_leave(c, around);
	}
	return true;
}

/* How small a matrix of many tactics may be set on a landscape page (of the table size)
 * before words break: at 55 % (5 pt of 9) the worst case of ATT&CK v18.1, every tactic with
 * its longest-named techniques, keeps every word whole. */
#define PDF_MATRIX_FLOOR 0.55

/* A table whose empty columns (other than the first) are left out: cols[i][r] for row r. Its
 * cells become the table's, the header row in front (row 0 is kept for it) and the columns
 * left out squeezed out in place, so that the rows are never held twice. */
struct pdf_grid {
	size_t ncols, nrows;
	const char *const *head;
	struct lay_cell *cells; /* (nrows + 1) x ncols: the header row, then the caller's */
	bool picture;           /* a matrix: no zebra stripes, kept on one page when it fits */
};

static void pdf_grid_init(struct pdf_ctx *c, struct pdf_grid *g, const char *const *head,
                          size_t ncols, size_t nrows)
{
	g->ncols = ncols;
	g->nrows = nrows;
	g->head = head;
	g->picture = false;
	g->cells = rg_arena_alloc(c->a, (nrows + 1) * ncols * sizeof(*g->cells));
	for (size_t i = 0; i < (nrows + 1) * ncols; i++)
		g->cells[i].bg = LAY_NOCOLOR;
}

static struct lay_cell *pdf_grid_cell(struct pdf_grid *g, size_t r, size_t col)
{
	return &g->cells[(r + 1) * g->ncols + col];
}

static void pdf_grid_add(struct pdf_ctx *c, struct pdf_grid *g)
{
	size_t *keep = rg_arena_alloc(c->a, (g->ncols ? g->ncols : 1) * sizeof(*keep)), nk = 0;
	for (size_t j = 0; j < g->ncols; j++) {
		bool used = j == 0;
		for (size_t r = 0; r < g->nrows && !used; r++)
			used = pdf_grid_cell(g, r, j)->runs.n > 0;
		if (used)
			keep[nk++] = j;
	}
	/* cell (r, keep[k]) moves to (r, k): never after where it was, so row-major order
	 * moves each one before it is overwritten */
	for (size_t r = 0; r <= g->nrows; r++)
		for (size_t k = 0; k < nk; k++)
			g->cells[r * nk + k] = g->cells[r * g->ncols + keep[k]];
	struct lay_table *t = pdf_table_new(c, nk, 0, true);
	t->nrows = g->nrows + 1;
	t->cells = g->cells;
	for (size_t k = 0; k < nk; k++)
		pdf_cell_text(c, pdf_cell(t, 0, k), g->head[keep[k]], LAY_SANS_BOLD);
	if (g->picture) {
		t->zebra_bg = LAY_NOCOLOR;
		t->keep_together = true;
		t->landscape_floor = PDF_MATRIX_FLOOR;
	}
	pdf_table_add(c, t);
}

/* A run naming an asset: a link to its table when it has one. */
static void pdf_asset_ref(struct pdf_ctx *c, struct lay_cell *cell, const char *name,
                          const struct rg_asset *ref)
{
	const char *dest = ref != NULL ? c->asset_anchor[ref - c->doc->assets] : NULL;
	if (dest != NULL)
		pdf_link_run(c, &cell->runs, name, NULL, dest);
	else
		pdf_cell_text(c, cell, name, LAY_SANS);
}

static void pdf_actions(struct pdf_ctx *c, const struct rg_containment *ct)
{
	static const char *const head[] = {"Action", "Target", "Time", "By", "Status", "Note"};
	struct pdf_grid g;
	pdf_grid_init(c, &g, head, 6, ct->nactions);
	for (size_t i = 0; i < ct->nactions; i++) {
		const struct rg_action *a = &ct->actions[i];
		pdf_cell_md(c, pdf_grid_cell(&g, i, 0), a->action.s);
		if (a->target.s != NULL)
			pdf_asset_ref(c, pdf_grid_cell(&g, i, 1), a->target.s, a->target_asset);
		pdf_cell_text(c, pdf_grid_cell(&g, i, 2), pdf_time(c, &a->time), LAY_SANS);
		pdf_cell_text(c, pdf_grid_cell(&g, i, 3), a->by.s, LAY_SANS);
		pdf_action_status(c, pdf_grid_cell(&g, i, 4), a->status);
		pdf_cell_text(c, pdf_grid_cell(&g, i, 5), a->note.s, LAY_SANS);
		pdf_mark_row(c, pdf_grid_cell(&g, i, 0), pdf_grid_cell(&g, i, 0), &a->mark);
	}
	pdf_grid_add(c, &g);
}

bool pdf_sec_containment(struct pdf_ctx *c, const char *title)
{
	const struct rg_containment *ct = &c->doc->containment;
	if ((!ct->s.present || ct->s.empty) && ct->nactions == 0)
		return false;
	struct pdf_mark_state around = pdf_mark_enter(c, &ct->s.mark);
	pdf_heading(c, 1, title, NULL);
	pdf_mark_pill(c, &around, &ct->s.mark);
	pdf_blocks_section(c, &ct->s);
	if (ct->nactions > 0) {
		if (ct->s.blocks.n > 0)
			pdf_heading(c, 2, c->tpl->titles[TT_ACTIONS], NULL);
		pdf_actions(c, ct);
	}
	pdf_mark_leave(c, around);
	return true;
}

bool pdf_sec_summary(struct pdf_ctx *c, const char *title)
{
	if (c->doc->summary.s == NULL)
		return false;
	struct pdf_mark_state around = pdf_mark_enter(c, &c->doc->summary_mark);
	pdf_heading(c, 1, title, NULL);
	if (c->tpl->summary_metrics)
		pdf_metrics_line(c);
	size_t from = c->flow->n;
	pdf_md(c, c->doc->summary.s);
	pdf_mark_inline(c, &around, from, &c->doc->summary_mark);
	pdf_mark_leave(c, around);
	return true;
}

bool pdf_sec_timeline(struct pdf_ctx *c, const char *title)
{
	static const char *const head[] = {"Time", "Event", "Source", "Asset"};
	const struct rg_doc *d = c->doc;
	if (d->ntimeline == 0)
		return false;
	pdf_heading(c, 1, title, NULL);
	pdf_timeline_chart(c);
	struct pdf_grid g;
	pdf_grid_init(c, &g, head, 4, d->ntimeline);
	for (size_t i = 0; i < d->ntimeline; i++) {
		const struct rg_event *e =
		        d->timeline_sorted != NULL ? d->timeline_sorted[i] : &d->timeline[i];
		const char *tm = pdf_time(c, &e->time);
		pdf_cell_text(c, pdf_grid_cell(&g, i, 0), tm != NULL ? tm : UTF8_EMDASH, LAY_SANS);
		pdf_cell_md(c, pdf_grid_cell(&g, i, 1), e->event.s);
		pdf_cell_text(c, pdf_grid_cell(&g, i, 2), e->source.s, LAY_SANS);
		if (e->asset.s != NULL)
			pdf_asset_ref(c, pdf_grid_cell(&g, i, 3), e->asset.s, e->asset_ref);
		pdf_mark_row(c, pdf_grid_cell(&g, i, 0), pdf_grid_cell(&g, i, 0), &e->mark);
	}
	pdf_grid_add(c, &g);
	return true;
}

bool pdf_sec_lessons(struct pdf_ctx *c, const char *title)
{
	const struct rg_texts *l = &c->doc->lessons;
	if (l->n == 0)
		return false;
	pdf_heading(c, 1, title, NULL);
	for (size_t i = 0; i < l->n; i++) {
		const struct rg_mark *m = c->doc->lessons_mark ? &c->doc->lessons_mark[i] : NULL;
		struct pdf_mark_state around =
		        m ? pdf_mark_enter(c, m)
		          : (struct pdf_mark_state){c->flow->rank, c->mark_ctx};
		size_t from = c->flow->n;
		pdf_md_item(c, l->v[i].s, UTF8_BULLET);
		if (m != NULL)
			pdf_mark_inline(c, &around, from, m);
		pdf_mark_leave(c, around);
	}
	return true;
}

static void pdf_remediation_table(struct pdf_ctx *c)
{
	static const char *const head[] = {"#", "Action", "Owner", "Due", "Status", "Note"};
	const struct rg_doc *d = c->doc;
	struct pdf_grid g;
	pdf_grid_init(c, &g, head, 6, d->nremediation);
	for (size_t i = 0; i < d->nremediation; i++) {
		const struct rg_remediation *r = &d->remediation[i];
		pdf_cell_text(c, pdf_grid_cell(&g, i, 0), rg_arena_printf(c->a, "%zu", i + 1),
		              LAY_SANS);
		pdf_cell_md(c, pdf_grid_cell(&g, i, 1), r->action.s);
		pdf_cell_text(c, pdf_grid_cell(&g, i, 2), r->owner.s, LAY_SANS);
		pdf_cell_text(c, pdf_grid_cell(&g, i, 3), pdf_time(c, &r->due), LAY_SANS);
		pdf_action_status(c, pdf_grid_cell(&g, i, 4), r->status);
		pdf_cell_text(c, pdf_grid_cell(&g, i, 5), r->note.s, LAY_SANS);
		pdf_mark_row(c, pdf_grid_cell(&g, i, 0), pdf_grid_cell(&g, i, 1), &r->mark);
	}
	pdf_grid_add(c, &g);
}

bool pdf_sec_remediation(struct pdf_ctx *c, const char *title)
{
	const struct rg_doc *d = c->doc;
	if (d->nremediation == 0)
		return false;
	pdf_heading(c, 1, title, NULL);
	if (d->remediation_table) {
		pdf_remediation_table(c);
		return true;
	}
	for (size_t i = 0; i < d->nremediation; i++) {
		const struct rg_mark *m = &d->remediation[i].mark;
		struct pdf_mark_state around = pdf_mark_enter(c, m);
		size_t from = c->flow->n;
		pdf_md_item(c, d->remediation[i].action.s, rg_arena_printf(c->a, "%zu.", i + 1));
		pdf_mark_inline(c, &around, from, m);
		pdf_mark_leave(c, around);
	}
	return true;
}

/* One cell of the matrix: a technique seen, or the parent of a sub-technique seen. */
struct pdf_mx {
	const struct attack_technique *t;
	bool seen;
};

static bool pdf_mx_has(const struct pdf_mx *v, size_t n, const struct attack_technique *t)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].t == t)
			return true;
	return false;
}

static int pdf_mx_cmp(const void *x, const void *y)
{
	return strcmp(((const struct pdf_mx *)x)->t->id, ((const struct pdf_mx *)y)->t->id);
}

/* The version's tactics that the incident uses as columns, in matrix order; in each, the
 * techniques seen under it, sorted by id (so a sub-technique follows its parent, indented),
 * with the parent of a sub-technique shown even when only the sub-technique was seen. */
static void pdf_matrix(struct pdf_ctx *c)
{
	const struct rg_doc *d = c->doc;
	const struct rg_attack *db = attack_of(d);
	size_t ncols = 0, nrows = 0, n = d->nmitre;
	const char **head = rg_arena_alloc(c->a, (db->ntactics + 1) * sizeof(*head));
	struct pdf_mx **col = rg_arena_alloc(c->a, (db->ntactics + 1) * sizeof(*col));
	size_t *len = rg_arena_alloc(c->a, (db->ntactics + 1) * sizeof(*len));
	for (size_t k = 0; k < db->ntactics; k++) {
		const struct attack_tactic *ta = &db->tactics[k];
		struct pdf_mx *v = rg_arena_alloc(c->a, (2 * n + 1) * sizeof(*v));
		size_t m = 0;
		for (size_t i = 0; i < n; i++) {
			const struct rg_technique *r = &d->mitre[i];
			const struct attack_technique *t = r->id ? attack_by_id(db, r->id) : NULL;
			if (t == NULL || r->tactic_short == NULL ||
			    strcmp(r->tactic_short, ta->shortname) != 0)
				continue;
			const struct attack_technique *p = attack_parent(db, t);
			for (size_t j = 0; j < m; j++)
				if (v[j].t == t)
					v[j].seen = true;
			if (!pdf_mx_has(v, m, t))
				v[m++] = (struct pdf_mx){t, true};
			if (p != NULL && !pdf_mx_has(v, m, p))
				v[m++] = (struct pdf_mx){p, false};
		}
		if (m == 0)
			continue; /* empty tactics are left out, so that the rest fit */
		qsort(v, m, sizeof(*v), pdf_mx_cmp);
		head[ncols] = ta->name;
		col[ncols] = v;
		len[ncols++] = m;
		nrows = m > nrows ? m : nrows;
	}
	if (ncols == 0)
		return;
	struct pdf_grid g;
	pdf_grid_init(c, &g, head, ncols, nrows);
	g.picture = true;
	for (size_t k = 0; k < ncols; k++)
		for (size_t r = 0; r < len[k]; r++) {
			const struct pdf_mx *e = &col[k][r];
			struct lay_cell *cell = pdf_grid_cell(&g, r, k);
			if (e->t->subtechnique)
				pdf_cell_text(c, cell, "\xC2\xA0\xC2\xA0 ", LAY_SANS);
			pdf_link_run(c, &cell->runs, e->t->id, e->t->url, NULL);
			pdf_cell_text(c, cell, " ", LAY_SANS);
			pdf_cell_text(c, cell, e->t->name, e->seen ? LAY_SANS_BOLD : LAY_SANS);
			cell->bg = e->seen ? c->tpl->colors.key_bg : LAY_NOCOLOR;
		}
	pdf_grid_add(c, &g);
}

/* Per entry of mitre (by index): the artifacts (defanged) and emails that name it, joined;
 * entries of the same technique share the first one's list. Linear in what is written. */
struct pdf_ev {
	const char *shown;
	size_t entry, next; /* next: index + 1 of the previous item of the same entry, or 0 */
};

static void pdf_evidence_add(struct pdf_ctx *c, struct pdf_ev *v, size_t *n, size_t *last,
                             const struct rg_texts *techs, const char *shown)
{
	const struct rg_doc *d = c->doc;
	for (size_t k = 0; k < techs->n; k++) {
		const struct rg_technique *t = techlink_find(c->techlinks, techs->v[k].s);
		bool again = false;
		for (size_t j = 0; t != NULL && j < k; j++)
			again = again || techlink_find(c->techlinks, techs->v[j].s) == t;
		if (t == NULL || again)
			continue;
		size_t e = (size_t)(t - d->mitre);
		v[*n] = (struct pdf_ev){shown, e, last[e]};
		last[e] = ++*n;
	}
}

static const char **pdf_evidence(struct pdf_ctx *c)
{
	const struct rg_doc *d = c->doc;
	if (c->techlinks == NULL)
		c->techlinks = techlink_index(c->a, d);
	size_t total = 0, n = 0;
	for (size_t i = 0; i < d->nartifacts; i++)
		total += d->artifacts[i].techniques.n;
	for (size_t i = 0; i < d->nemails; i++)
		total += d->emails[i].techniques.n;
	struct pdf_ev *v = rg_xmalloc((total + 1) * sizeof(*v));
	size_t *last = rg_xcalloc(d->nmitre + 1, sizeof(*last));
	for (size_t i = 0; i < d->nartifacts; i++) {
		const struct rg_artifact *a = &d->artifacts[i];
		const char *val = a->refanged != NULL ? a->refanged : a->value.s;
		if (a->techniques.n > 0 && val != NULL)
			pdf_evidence_add(c, v, &n, last, &a->techniques,
			                 c->opts->no_defang ? val : ioc_defang(c->a, val, a->type));
	}
	for (size_t i = 0; i < d->nemails; i++)
		if (d->emails[i].techniques.n > 0)
			pdf_evidence_add(c, v, &n, last, &d->emails[i].techniques,
			                 rg_arena_printf(c->a, "email %zu", i + 1));
	const char **ev = rg_arena_alloc(c->a, (d->nmitre + 1) * sizeof(*ev));
	for (size_t e = 0; e < d->nmitre; e++) {
		size_t len = 0, count = 0;
		for (size_t x = last[e]; x != 0; x = v[x - 1].next, count++)
			len += strlen(v[x - 1].shown) + 2;
		if (count == 0)
			continue;
		char *out = rg_arena_alloc(c->a, len + 1), *end = out + len - 2;
		*end = '\0';
		for (size_t x = last[e]; x != 0;
		     x = v[x - 1].next) { /* newest last: fill backwards */
			size_t l = strlen(v[x - 1].shown);
			end -= l;
			memcpy(end, v[x - 1].shown, l);
			if (end > out) {
				end -= 2;
				memcpy(end, ", ", 2);
			}
		}
		ev[e] = out;
	}
	free(v);
	free(last);
	return ev;
}

/* The evidence of entry t: its own list, or that of the first entry of its technique. */
static const char *pdf_evidence_of(struct pdf_ctx *c, const char **ev, const struct rg_technique *t)
{
	const struct rg_doc *d = c->doc;
	const char *id = t->id != NULL ? t->id : t->technique.s;
	const struct rg_technique *first = id != NULL ? techlink_find(c->techlinks, id) : NULL;
	return ev[(size_t)((first != NULL ? first : t) - d->mitre)];
}

static void pdf_mitre(struct pdf_ctx *c)
{
	static const char *const head[] = {"Tactic", "ID", "Technique", "Comment"};
	const struct rg_doc *d = c->doc;
	pdf_heading(c, 2, c->tpl->titles[TT_MITRE], NULL);
	pdf_matrix(c);
	struct pdf_grid g;
	pdf_grid_init(c, &g, head, 4, d->nmitre);
	const char **ev = pdf_evidence(c);
	const char *prev = NULL;
	for (size_t i = 0; i < d->nmitre; i++) {
		const struct rg_technique *t =
		        d->mitre_sorted != NULL ? d->mitre_sorted[i] : &d->mitre[i];
		const char *tactic = t->tactic_name != NULL ? t->tactic_name : t->tactic.s;
		if (tactic == NULL)
			tactic = "Tactic not stated";
		if (prev == NULL || strcmp(prev, tactic) != 0)
			pdf_cell_text(c, pdf_grid_cell(&g, i, 0), tactic, LAY_SANS_BOLD);
		prev = tactic;
		const char *id = t->id != NULL ? t->id : t->technique.s;
		if (id != NULL && t->url != NULL)
			pdf_link_run(c, &pdf_grid_cell(&g, i, 1)->runs, id, t->url, NULL);
		else
			pdf_cell_text(c, pdf_grid_cell(&g, i, 1), id, LAY_SANS);
		pdf_cell_text(c, pdf_grid_cell(&g, i, 2),
		              t->full_name != NULL ? t->full_name : t->name.s, LAY_SANS);
		struct lay_cell *cc = pdf_grid_cell(&g, i, 3);
		pdf_cell_md(c, cc, t->comment.s);
		const char *seen = pdf_evidence_of(c, ev, t);
		if (seen != NULL) {
			if (cc->runs.n > 0)
				pdf_run(c, &cc->runs, "\n", LAY_SANS);
			pdf_run(c, &cc->runs, "Evidence: ", LAY_SANS_BOLD);
			pdf_run(c, &cc->runs, seen, LAY_MONO);
		}
		pdf_mark_row(c, pdf_grid_cell(&g, i, 0), pdf_grid_cell(&g, i, 1), &t->mark);
	}
	pdf_grid_add(c, &g);
	pdf_note(
	        c,
	        rg_arena_printf(c->a,
	                        "Technique data: MITRE ATT&CK\xC2\xAE Enterprise v%s. %s This work "
	                        "is reproduced and distributed with the permission of The MITRE "
	                        "Corporation.",
	                        rg_attack_version(d->attack ? d->attack : rg_attack_bundled()),
	                        rg_attack_attribution(d->attack ? d->attack : rg_attack_bundled())),
	        LAY_SANS_OBLIQUE, c->tpl->font_size * 0.8, c->tpl->colors.muted);
}

/* The artifact's value as shown: defanged, with the other form of an IDN beside it. */
static void pdf_artifact_value(struct pdf_ctx *c, struct lay_cell *cell,
                               const struct rg_artifact *a)
{
	const char *v = a->refanged != NULL ? a->refanged : a->value.s;
	pdf_value_run(c, cell, c->opts->no_defang ? v : ioc_defang(c->a, v, a->type),
	              PDF_VALUE_FIT);
	const char *other = NULL;
	if (a->idn_ascii != NULL && strcmp(a->idn_ascii, v) != 0)
		other = a->idn_ascii;
	else if (a->idn_unicode != NULL && strcmp(a->idn_unicode, v) != 0)
		other = a->idn_unicode;
	if (other != NULL) {
		const char *o = c->opts->no_defang ? other : ioc_defang(c->a, other, a->type);
		pdf_run(c, &cell->runs, rg_arena_printf(c->a, "\n(%s)", o), LAY_MONO);
	}
}

/* A line "Key: value" of the details cell (value NULL: the key alone, runs follow). */
static void pdf_detail(struct pdf_ctx *c, struct lay_cell *cell, const char *key, const char *value)
{
	if (cell->runs.n > 0)
		pdf_run(c, &cell->runs, "\n", LAY_SANS);
	pdf_run(c, &cell->runs, key, LAY_SANS_BOLD);
	pdf_run(c, &cell->runs, value, LAY_SANS);
}

/* The details of an artifact: comment, intel, when seen, tags, related values (whole, as
 * indicators), its own marking. */
static void pdf_artifact_details(struct pdf_ctx *c, struct lay_cell *cell,
                                 const struct rg_artifact *a)
{
	pdf_cell_md(c, cell, a->comment.s);
	if (a->intel.s != NULL) {
		if (cell->runs.n > 0)
			pdf_run(c, &cell->runs, "\n", LAY_SANS);
		pdf_run(c, &cell->runs, "Intel: ", LAY_SANS_BOLD);
		pdf_cell_md(c, cell, a->intel.s);
	}
	const char *f = pdf_time(c, &a->first_seen), *l = pdf_time(c, &a->last_seen);
	if (f != NULL && l != NULL)
		pdf_detail(c, cell, "Seen: ", rg_arena_printf(c->a, "%s " UTF8_ENDASH " %s", f, l));
	else if (f != NULL || l != NULL)
		pdf_detail(c, cell, f != NULL ? "First seen: " : "Last seen: ", f ? f : l);
	if (a->tags.n > 0)
		pdf_detail(c, cell, "Tags: ", pdf_join(c, &a->tags, ", "));
	for (size_t i = 0; i < a->nrelated; i++) {
		const struct rg_related *r = &a->related[i];
		if (r->value.s == NULL)
			continue;
		const char *rel =
		        r->kind != RG_REL_NONE ? rg_relation_names[r->kind] : "related-to";
		pdf_detail(c, cell, rg_arena_printf(c->a, "%s ", pdf_label(c, rel)), NULL);
		enum rg_ioc_type t = r->ref != NULL ? r->ref->type : RG_IOC_STRING;
		pdf_value_run(c, cell,
		              c->opts->no_defang ? r->value.s : ioc_defang(c->a, r->value.s, t), 0);
	}
	if (a->value_name.s != NULL)
		pdf_detail(c, cell, "Value: ",
		           a->value_data.s ? rg_arena_printf(c->a, "%s = %s", a->value_name.s,
		                                             a->value_data.s)
		                           : a->value_name.s);
	if (a->asn.s != NULL)
		pdf_detail(c, cell, "AS: ", a->asn.s);
	if (a->object.s != NULL)
		pdf_detail(c, cell, "Object: ", a->object.s);
	if (a->mark.tlp != RG_TLP_NONE)
		pdf_detail(c, cell, "Marking: ", pdf_tlp_label(c, a->mark.eff));
	const char *techs = pdf_techniques(c, &a->techniques);
	if (techs != NULL)
		pdf_detail(c, cell, "Techniques: ", techs);
}

/* Whether defanging changed any artifact value. */
static bool pdf_any_defanged(struct pdf_ctx *c)
{
	const struct rg_doc *d = c->doc;
	if (c->opts->no_defang)
		return false;
	for (size_t i = 0; i < d->nartifacts; i++) {
		const struct rg_artifact *a = &d->artifacts[i];
		const char *v = a->refanged != NULL ? a->refanged : a->value.s;
		if (v != NULL && strcmp(ioc_defang(c->a, v, a->type), v) != 0)
			return true;
	}
	return false;
}

static void pdf_artifacts(struct pdf_ctx *c)
{
	/* the header says when values are defanged: no legend line that could cost a page */
	static const char *const plain[] = {"Type", "Value", "Disposition", "Comment"};
	static const char *const defanged[] = {"Type", "Value (defanged)", "Disposition",
	                                       "Comment"};
	const char *const *head = pdf_any_defanged(c) ? defanged : plain;
	const struct rg_doc *d = c->doc;
	pdf_heading(c, 2, c->tpl->titles[TT_ARTIFACTS], NULL);
	struct pdf_grid g;
	pdf_grid_init(c, &g, head, 4, d->nartifacts);
	for (size_t i = 0; i < d->nartifacts; i++) {
		const struct rg_artifact *a = &d->artifacts[i];
		if (a->type != RG_IOC_NONE)
			pdf_cell_text(c, pdf_grid_cell(&g, i, 0), pdf_ioc_label(a->type), LAY_SANS);
		pdf_artifact_value(c, pdf_grid_cell(&g, i, 1), a);
		if (a->disposition != RG_DISP_NONE)
			pdf_colored(c, &pdf_grid_cell(&g, i, 2)->runs,
			            pdf_label(c, rg_disposition_names[a->disposition]),
			            LAY_SANS_BOLD, pdf_disp_color(a->disposition));
		pdf_artifact_details(c, pdf_grid_cell(&g, i, 3), a);
		pdf_mark_row(c, pdf_grid_cell(&g, i, 0), pdf_grid_cell(&g, i, 0), &a->mark);
	}
	pdf_grid_add(c, &g);
}

static void pdf_references(struct pdf_ctx *c)
{
	static const char *const head[] = {"Reference", "Comment"};
	const struct rg_doc *d = c->doc;
	pdf_heading(c, 2, c->tpl->titles[TT_REFERENCES], NULL);
	struct pdf_grid g;
	pdf_grid_init(c, &g, head, 2, d->nreferences);
	for (size_t i = 0; i < d->nreferences; i++) {
		const struct rg_reference *r = &d->references[i];
		struct lay_cell *cell = pdf_grid_cell(&g, i, 0);
		pdf_run(c, &cell->runs, r->title.s, LAY_SANS_BOLD);
		if (r->url.s != NULL) {
			pdf_run(c, &cell->runs, "\n", LAY_SANS);
			pdf_link_run(c, &cell->runs, r->url.s, r->url.s, NULL);
		}
		pdf_cell_md(c, pdf_grid_cell(&g, i, 1), r->comment.s);
	}
	pdf_grid_add(c, &g);
}

bool pdf_sec_appendix(struct pdf_ctx *c, const char *title)
{
	const struct rg_doc *d = c->doc;
	if (d->nmitre + d->nartifacts + d->nreferences == 0 && !pdf_has_review(d) &&
	    d->digest == NULL)
		return false;
	/* no page break: the appendix follows the body like any section (its heading keeps
	 * with its first table), rather than leaving the last body page mostly empty */
	c->appendix = true;
	pdf_heading(c, 1, title, NULL);
	if (d->nmitre > 0)
		pdf_mitre(c);
	if (d->nartifacts > 0)
		pdf_artifacts(c);
	if (d->nreferences > 0)
		pdf_references(c);
	if (pdf_has_review(d))
		pdf_review(c);
	pdf_integrity(c);
	return true;
}
