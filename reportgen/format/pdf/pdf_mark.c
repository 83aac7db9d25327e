/* pdf_mark.c: TLP markings in the PDF: each portion's rank (the footer of a page shows the
 * strictest marking placed on it) and the label a portion carries when its marking differs
 * from the one around it. */
#include <string.h>

#include "pdf_build.h"
#include "utf8.h"

struct pdf_mark_state pdf_mark_enter(struct pdf_ctx *c, const struct rg_mark *m)
{
	struct pdf_mark_state old = {c->flow->rank, c->mark_ctx};
	if (m->eff != RG_TLP_NONE) {
		c->flow->rank = (unsigned char)m->eff;
		c->mark_ctx = m->eff;
	}
	return old;
}

void pdf_mark_leave(struct pdf_ctx *c, struct pdf_mark_state old)
{
	c->flow->rank = old.rank;
	c->mark_ctx = old.ctx;
}

bool pdf_mark_shown(const struct pdf_mark_state *around, const struct rg_mark *m)
{
	return m->eff != RG_TLP_NONE && m->eff != around->ctx;
}

void pdf_mark_pill(struct pdf_ctx *c, const struct pdf_mark_state *around, const struct rg_mark *m)
{
	if (!pdf_mark_shown(around, m))
		return;
	struct lay_elem *e = lay_flow_add(c->flow, LAY_E_PARA);
	struct lay_para *p = &e->u.para;
	p->size = c->tpl->font_size * 0.8;
	p->color = c->tpl->colors.text;
	p->leading = 1.4;
	p->bg = p->bar = LAY_NOCOLOR;
	p->space_after = 3;
	p->keep_with_next = true;
	pdf_badge(c, &p->runs, pdf_tlp_label(c, m->eff), pdf_tlp_color(m->eff), 0x000000);
}

void pdf_mark_row(struct pdf_ctx *c, struct lay_cell *rank_cell, struct lay_cell *badge_cell,
                  const struct rg_mark *m)
{
	if (m->eff == RG_TLP_NONE)
		return;
	rank_cell->rank = (unsigned char)m->eff;
	struct pdf_mark_state here = {c->flow->rank, c->mark_ctx};
	if (badge_cell == NULL || !pdf_mark_shown(&here, m))
		return;
	struct lay_runs old = badge_cell->runs;
	badge_cell->runs = (struct lay_runs){0};
	pdf_badge(c, &badge_cell->runs, pdf_tlp_label(c, m->eff), pdf_tlp_color(m->eff), 0x000000);
	pdf_run(c, &badge_cell->runs, old.n > 0 ? " " : "", LAY_SANS);
	for (size_t i = 0; i < old.n; i++)
		lay_runs_add(c->a, &badge_cell->runs, &old.v[i]);
}

void pdf_mark_inline(struct pdf_ctx *c, const struct pdf_mark_state *around, size_t from,
                     const struct rg_mark *m)
{
	if (!pdf_mark_shown(around, m))
		return;
	for (size_t i = from; i < c->flow->n; i++) {
		struct lay_elem *e = &c->flow->v[i];
		if (e->kind != LAY_E_PARA)
			continue;
		struct lay_runs old = e->u.para.runs;
		e->u.para.runs = (struct lay_runs){0};
		pdf_badge(c, &e->u.para.runs, pdf_tlp_label(c, m->eff), pdf_tlp_color(m->eff),
		          0x000000);
		pdf_run(c, &e->u.para.runs, " ", LAY_SANS);
		for (size_t k = 0; k < old.n; k++)
			lay_runs_add(c->a, &e->u.para.runs, &old.v[k]);
		return;
	}
}
