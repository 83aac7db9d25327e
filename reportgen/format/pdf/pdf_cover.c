/* pdf_cover.c: the cover: title block, badges, summary at a glance, key facts, contents. */
#include <string.h>

#include "pdf_build.h"
#include "utf8.h"

static uint32_t pdf_verdict_color(enum rg_verdict v)
{
	static const uint32_t c[] = {0x6B7280, 0xC62828, 0x2E7D32, 0x2E7D32, 0x6B7280};
	return c[v <= RG_VERDICT_UNDETERMINED ? v : 0];
}

/* Under the badges: the edition's level, and the markings stricter than the default that
 * portions inside carry. */
static void pdf_cover_marking(struct pdf_ctx *c)
{
	const struct rg_doc *d = c->doc;
	const char *line = NULL;
	if (d->edition_max != RG_TLP_NONE)
		line = rg_arena_printf(c->a,
		                       "Edition filtered to %s: portions marked stricter are left "
		                       "out.",
		                       pdf_tlp_label(c, d->edition_max));
	const char *inside = NULL;
	for (int t = d->report.tlp + 1; t <= RG_TLP_RED; t++)
		if (d->tlp_present & (1u << t)) {
			const char *l = pdf_tlp_label(c, (enum rg_tlp)t);
			inside = inside ? rg_arena_printf(c->a, "%s, %s", inside, l) : l;
		}
	if (inside != NULL) {
		const char *s = rg_arena_printf(
		        c->a, "Default marking %s; stricter markings inside: %s.",
		        d->report.tlp ? pdf_tlp_label(c, d->report.tlp) : "none", inside);
		line = line ? rg_arena_printf(c->a, "%s %s", line, s) : s;
	}
	if (line != NULL) {
		pdf_note(c, line, LAY_SANS_BOLD, c->tpl->font_size * 0.9, c->tpl->colors.text);
		c->flow->v[c->flow->n - 1].u.para.space_after = 10;
	}
}

static void pdf_cover_badges(struct pdf_ctx *c)
{
	const struct rg_report *r = &c->doc->report;
	struct lay_para para = {0}, *p = &para;
	p->size = c->tpl->font_size;
	p->color = c->tpl->colors.text;
	p->leading = 1.6;
	p->bg = p->bar = LAY_NOCOLOR;
	p->space_after = 12;
	const char *gap = UTF8_EMSP;
	if (r->severity != RG_LEVEL_NONE) {
		pdf_badge(c, &p->runs, pdf_upper(c, "severity: %s", rg_level_names[r->severity]),
		          r->severity == RG_LEVEL_LOW ? 0x000000 : PDF_BADGE_FG,
		          pdf_level_color(r->severity));
		pdf_run(c, &p->runs, gap, LAY_SANS);
	}
	if (r->verdict != RG_VERDICT_NONE) {
		pdf_badge(c, &p->runs,
		          pdf_upper(c, "%s", pdf_label(c, rg_verdict_names[r->verdict])),
		          PDF_BADGE_FG, pdf_verdict_color(r->verdict));
		pdf_run(c, &p->runs, gap, LAY_SANS);
	}
	if (r->status != RG_STATUS_NONE) {
		pdf_badge(c, &p->runs, pdf_upper(c, "status: %s", rg_status_names[r->status]),
		          PDF_BADGE_FG, 0x4B5563);
		pdf_run(c, &p->runs, gap, LAY_SANS);
	}
	enum rg_tlp all = c->doc->tlp_overall;
	if (all != RG_TLP_NONE)
		pdf_badge(c, &p->runs, pdf_tlp_label(c, all), pdf_tlp_color(all), 0x000000);
	if (p->runs.n > 0)
		lay_flow_add(c->flow, LAY_E_PARA)->u.para = para;
	pdf_cover_marking(c);
}

static const struct rg_time *pdf_report_date(const struct rg_doc *d)
{
	return d->report.date.prec != RG_TIME_ABSENT ? &d->report.date : &d->alert.time;
}

static void pdf_cover_table(struct pdf_ctx *c)
{
	const struct rg_report *r = &c->doc->report;
	struct pdf_kv kv;
	pdf_kv_begin(&kv, c);
	pdf_kv_text(&kv, "Incident ID", r->id.s);
	pdf_kv_text(&kv, "Report date", pdf_time(c, pdf_report_date(c->doc)));
	pdf_kv_text(&kv, "Organization", r->organization.s);
	pdf_kv_text(&kv, "Author", r->author.s);
	pdf_kv_text(&kv, "Ticket", r->ticket.s);
	if (r->revision.s != NULL) {
		const char *when = r->revision_time.utc != pdf_report_date(c->doc)->utc
		                           ? pdf_time(c, &r->revision_time)
		                           : NULL;
		pdf_kv_text(&kv, "Revision",
		            when ? rg_arena_printf(c->a, "%s (%s)", r->revision.s, when)
		                 : r->revision.s);
	}
	if (r->verdict != RG_VERDICT_NONE && r->verdict_note.s != NULL) {
		struct lay_cell *v = pdf_kv_row(&kv, "Verdict");
		pdf_run(c, &v->runs, pdf_label(c, rg_verdict_names[r->verdict]), LAY_SANS_BOLD);
		pdf_run(c, &v->runs,
		        rg_arena_printf(c->a, " " UTF8_EMDASH " %s", r->verdict_note.s), LAY_SANS);
	}
	pdf_kv_text(&kv, "Time zone", r->timezone.s);
	if (r->tags.n > 0) {
		struct lay_cell *v = pdf_kv_row(&kv, "Tags");
		for (size_t i = 0; i < r->tags.n; i++)
			pdf_run(c, &v->runs,
			        rg_arena_printf(c->a, "%s%s", i ? ", " : "", r->tags.v[i].s),
			        LAY_SANS);
	}
	pdf_kv_pairs(&kv, &r->facts);
	pdf_kv_end(&kv, NULL);
}

/* The first paragraph of the summary section when the template shows that section and the
 * paragraph is short enough for a cover (else NULL). */
static const char *pdf_summary_lead(struct pdf_ctx *c)
{
	const char *md = c->doc->summary.s;
	bool shown = false;
	for (size_t i = 0; i < c->tpl->norder; i++)
		shown |= c->tpl->order[i] == TSEC_SUMMARY;
	if (md == NULL || !shown)
		return NULL;
	md += strspn(md, " \t\n");
	const char *end = strstr(md, "\n\n");
	size_t n = end != NULL ? (size_t)(end - md) : strlen(md);
	return n > 0 && n <= 600 ? rg_arena_printf(c->a, "%.*s", (int)n, md) : NULL;
}

/* The summary at a glance under the badges: report.summary_line, else the first paragraph
 * of the summary section, in a tinted box with the accent bar. */
static void pdf_cover_summary(struct pdf_ctx *c)
{
	const struct rg_report *r = &c->doc->report;
	const char *lead = r->summary_line.s == NULL ? pdf_summary_lead(c) : NULL;
	if (r->summary_line.s == NULL && lead == NULL)
		return;
	struct lay_elem *e = lay_flow_add(c->flow, LAY_E_PARA);
	struct lay_para *p = &e->u.para;
	p->size = c->tpl->font_size * 1.1;
	p->color = c->tpl->colors.text;
	p->leading = 1.45;
	p->bg = c->tpl->colors.zebra;
	p->bar = c->tpl->colors.accent;
	p->indent = 0;
	p->space_after = 12;
	if (r->summary_line.s != NULL)
		pdf_run(c, &p->runs, r->summary_line.s, LAY_SANS_OBLIQUE);
	else
		md_runs(c->a, &p->runs, lead, &c->md);
}

void pdf_cover(struct pdf_ctx *c)
{
	const struct rg_report *r = &c->doc->report;
	const struct template_colors *col = &c->tpl->colors;
	double fs = c->tpl->font_size;
	if (r->organization.s != NULL)
		pdf_note(c, r->organization.s, LAY_SANS_BOLD, fs * 1.1, col->muted);
	pdf_note(c, pdf_report_title(c->doc), LAY_SANS_BOLD, fs * 2.4, col->accent);
	const char *date = pdf_time(c, pdf_report_date(c->doc));
	pdf_note(c,
	         rg_arena_printf(c->a, "Incident %s%s%s", r->id.s ? r->id.s : "?",
	                         date ? "  " UTF8_MIDDOT "  " : "", date ? date : ""),
	         LAY_SANS, fs * 1.2, col->muted);
	struct lay_elem *rule = lay_flow_add(c->flow, LAY_E_RULE);
	rule->u.rule.color = col->accent;
	rule->u.rule.width = 1.5;
	pdf_space(c, 6);
	pdf_cover_badges(c);
	pdf_cover_summary(c);
	pdf_cover_metrics(c);
	pdf_cover_table(c);
	if (c->tpl->toc) {
		struct lay_elem *e = lay_flow_add(c->flow, LAY_E_TOC);
		e->u.toc.title = c->tpl->titles[TT_CONTENTS];
		e->u.toc.size = fs;
		/* every level, continuing on the next page: dropping levels lost "A.1 MITRE
		 * ATT&CK" and "A.2 Artifacts" when the cover got a few facts */
		e->u.toc.fit_page = false;
	}
	if (c->tpl->cover_break)
		lay_flow_add(c->flow, LAY_E_PAGEBREAK);
}
