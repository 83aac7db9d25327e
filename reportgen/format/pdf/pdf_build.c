/* pdf_build.c: the report builder's driver: the cover, then the template's sections in its
 * order (a table of handlers by section kind), with the custom sections after theirs. */
#include <stddef.h>

#include "pdf_build.h"

/* A section of free blocks (detection, verification, ...): off is its offset in struct rg_doc. */
static bool pdf_sec_blocks(struct pdf_ctx *c, const char *title, size_t off)
{
	const struct rg_section *bs = (const struct rg_section *)((const char *)c->doc + off);
	if (!bs->present || bs->empty)
		return false;
	struct pdf_mark_state around = pdf_mark_enter(c, &bs->mark);
	pdf_heading(c, 1, title, NULL);
	pdf_mark_pill(c, &around, &bs->mark);
	pdf_blocks_section(c, bs);
	pdf_mark_leave(c, around);
	return true;
}

/* How each orderable section is written (mandoc's *_acts[]): by its handler, which returns
 * false when the section is absent, or else as the free blocks at `blocks` in the document. */
struct pdf_sec_act {
	bool (*fn)(struct pdf_ctx *, const char *title);
	size_t blocks; /* offsetof(struct rg_doc, ...) when fn is NULL */
};

static const struct pdf_sec_act pdf_sec_acts[TSEC__MAX] = {
        [TSEC_ALERT] = {pdf_sec_alert, 0},
        [TSEC_ASSETS] = {pdf_sec_assets, 0},
        [TSEC_EMAILS] = {pdf_sec_emails, 0},
        [TSEC_DETECTION] = {NULL, offsetof(struct rg_doc, detection)},
        [TSEC_VERIFICATION] = {NULL, offsetof(struct rg_doc, verification)},
        [TSEC_ANALYSIS] = {NULL, offsetof(struct rg_doc, analysis)},
        [TSEC_CONTAINMENT] = {pdf_sec_containment, 0},
        [TSEC_ERADICATION] = {NULL, offsetof(struct rg_doc, eradication)},
        [TSEC_RECOVERY] = {NULL, offsetof(struct rg_doc, recovery)},
        [TSEC_SUMMARY] = {pdf_sec_summary, 0},
        [TSEC_TIMELINE] = {pdf_sec_timeline, 0},
        [TSEC_LESSONS] = {pdf_sec_lessons, 0},
        [TSEC_REMEDIATION] = {pdf_sec_remediation, 0},
        [TSEC_APPENDIX] = {pdf_sec_appendix, 0},
};

static bool pdf_section(struct pdf_ctx *c, enum template_sec s, const char *title)
{
	if (s >= TSEC__MAX)
		return false;
	const struct pdf_sec_act *act = &pdf_sec_acts[s];
	if (act->fn != NULL)
		return act->fn(c, title);
	return act->blocks != 0 && pdf_sec_blocks(c, title, act->blocks);
}

static void pdf_custom(struct pdf_ctx *c, const struct rg_custom *s)
{
	if (s->s.empty)
		return;
	struct pdf_mark_state around = pdf_mark_enter(c, &s->s.mark);
	pdf_heading(c, 1, s->title.s != NULL ? s->title.s : "", NULL);
	pdf_mark_pill(c, &around, &s->s.mark);
	pdf_blocks_section(c, &s->s);
	pdf_mark_leave(c, around);
}

/* Custom sections following `after`, in file order; placed[] marks them done. */
static void pdf_customs_after(struct pdf_ctx *c, int after, bool *placed)
{
	for (size_t i = 0; i < c->doc->nsections; i++)
		if (!placed[i] && (after < 0 || (int)c->doc->sections[i].after == after)) {
			placed[i] = true;
			pdf_custom(c, &c->doc->sections[i]);
		}
}

void pdf_build(struct pdf_ctx *c)
{
	const struct template *t = c->tpl;
	bool *placed = rg_arena_alloc(c->a, c->doc->nsections + 1);
	bool shown[TSEC__MAX] = {false};
	for (size_t i = 0; i < t->norder; i++)
		shown[t->order[i]] = true;
	/* the cover and contents speak for the whole document: its overall marking */
	c->mark_ctx = c->doc->report.tlp;
	c->flow->rank = (unsigned char)c->doc->tlp_overall;
	pdf_cover(c);
	c->flow->rank = (unsigned char)c->doc->report.tlp;
	size_t cover_end = c->flow->n;
	for (size_t i = 0; i < t->norder; i++) {
		enum template_sec s = t->order[i];
		if (s == TSEC_APPENDIX) {
			for (size_t k = 0; k < c->doc->nsections; k++)
				if (!shown[c->doc->sections[k].after] && !placed[k]) {
					placed[k] = true;
					pdf_custom(c, &c->doc->sections[k]);
				}
		}
		pdf_section(c, s, t->titles[s]);
		if (s < TSEC_APPENDIX)
			pdf_customs_after(c, (int)s, placed);
	}
	pdf_customs_after(c, -1, placed);
	/* a report with no sections: no empty contents and no blank page */
	for (size_t i = 0; c->flow->n == cover_end && i < cover_end; i++) {
		struct lay_elem *e = &c->flow->v[i];
		if (e->kind == LAY_E_TOC || e->kind == LAY_E_PAGEBREAK) {
			e->kind = LAY_E_SPACE;
			e->u.space = 0;
		}
	}
}
