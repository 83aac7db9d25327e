/* layout.c: the layout driver: flow construction, then each element prepared and placed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"
#include "layout_page.h"

/* ---- Flow construction ---- */

void lay_flow_init(struct lay_flow *f, struct rg_arena *a)
{
	memset(f, 0, sizeof(*f));
	f->arena = a;
}

struct lay_elem *lay_flow_add(struct lay_flow *f, enum lay_elem_kind kind)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 32;
		struct lay_elem *v = rg_arena_alloc(f->arena, cap * sizeof(*v));
		if (f->n > 0)
			memcpy(v, f->v, f->n * sizeof(*v));
		f->v = v;
		f->cap = cap;
	}
	struct lay_elem *e = &f->v[f->n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->rank = f->rank;
	switch (kind) {
	case LAY_E_PARA:
		e->u.para.color = 0x000000;
		e->u.para.bg = e->u.para.bar = LAY_NOCOLOR;
		e->u.para.leading = LAY_PARA_LEADING;
		e->u.para.size = LAY_PARA_SIZE;
		break;
	case LAY_E_HEADING:
		e->u.heading.rule = LAY_NOCOLOR;
		e->u.heading.font = LAY_SANS_BOLD;
		e->u.heading.size = LAY_HEADING_SIZE;
		break;
	case LAY_E_TABLE:
		e->u.table.header_bg = e->u.table.zebra_bg = e->u.table.border = LAY_NOCOLOR;
		e->u.table.header_fg = 0x000000;
		e->u.table.size = LAY_TABLE_SIZE;
		e->u.table.padding = 3;
		break;
	default:
		break;
	}
	return e;
}

void lay_runs_add(struct rg_arena *a, struct lay_runs *rs, const struct lay_run *r)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 1; /* most cells hold one run */
		struct lay_run *v = rg_arena_alloc(a, cap * sizeof(*v));
		if (rs->n > 0)
			memcpy(v, rs->v, rs->n * sizeof(*v));
		rs->v = v;
		rs->cap = cap;
	}
	rs->v[rs->n++] = *r;
}

/* ---- Preparation: every element measured and broken once ---- */

struct lp_prep {
	struct lay_textstyle st;
	struct lay_lines lines;
	double pad, barw; /* paragraphs with bg/bar */
	double indent;    /* the paragraph's, within [0, width / 2] */
	struct lay_tprep *table;
	double imgw, imgh;
	struct lay_textstyle capst; /* image caption */
	struct lay_lines cap;
};

static void lp_prep_para(struct lay_ctx *c, const struct lay_para *p, struct lp_prep *pp)
{
	pp->pad = p->bg != LAY_NOCOLOR || p->bar != LAY_NOCOLOR ? LAY_INSET * p->size : 0;
	pp->barw = p->bar != LAY_NOCOLOR ? LAY_BAR_WIDTH : 0;
	pp->indent = p->indent > 0 ? (p->indent < c->width / 2 ? p->indent : c->width / 2) : 0;
	pp->st.width = c->width - pp->indent - 2 * pp->pad - pp->barw;
	pp->st.size = p->size > 0 ? p->size : LAY_PARA_SIZE;
	pp->st.leading = p->leading > 0 ? p->leading : LAY_PARA_LEADING;
	pp->st.color = p->color;
	pp->st.align = p->align;
	pp->st.pre = p->preformatted;
	lay_break(c, p->runs.v, p->runs.n, &pp->st, &pp->lines);
}

static void lp_prep_heading(struct lay_ctx *c, const struct lay_heading *h, struct lp_prep *pp)
{
	struct lay_run *r = rg_arena_alloc(c->arena, sizeof(*r));
	r->text = h->text ? h->text : "";
	r->len = strlen(r->text);
	r->font = h->font;
	r->size = h->size > 0 ? h->size : LAY_HEADING_SIZE;
	r->color = h->color;
	r->bg = LAY_NOCOLOR;
	pp->st.width = c->width;
	pp->st.size = r->size;
	pp->st.leading = 1.25;
	pp->st.color = h->color;
	pp->st.align = LAY_LEFT;
	lay_break(c, r, 1, &pp->st, &pp->lines);
}

static void lp_caption(struct lay_ctx *c, const char *text, double size, struct lp_prep *pp)
{
	struct lay_run *r = rg_arena_alloc(c->arena, sizeof(*r));
	r->text = text;
	r->len = strlen(text);
	r->font = LAY_SANS_OBLIQUE;
	r->color = LAY_CAPTION_COLOR;
	r->bg = LAY_NOCOLOR;
	pp->capst.width = c->width;
	pp->capst.size = size;
	pp->capst.leading = LAY_COMPACT_LEADING;
	pp->capst.color = LAY_CAPTION_COLOR;
	pp->capst.align = LAY_CENTER;
	lay_break(c, r, 1, &pp->capst, &pp->cap);
}

static void lp_prep_image(struct lay_ctx *c, const struct lay_image *im, struct lp_prep *pp)
{
	double pw, ph;
	lay_image_px(c, im->path, im->jpeg, &pw, &ph);
	double frac = im->width_frac > 0 && im->width_frac <= 1 ? im->width_frac : 1;
	pp->imgw = c->width * frac;
	pp->imgh = pp->imgw * ph / pw;
	if (im->caption != NULL)
		lp_caption(c, im->caption, LAY_CAPTION_SIZE, pp);
	double maxh = (c->top - c->bottom) - pp->cap.height - 4;
	if (pp->imgh > maxh && maxh > 0) {
		pp->imgw *= maxh / pp->imgh;
		pp->imgh = maxh;
	}
}

static void lp_prepare(struct lay_ctx *c, const struct lay_flow *f, struct lp_prep *prep)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct lay_elem *e = &f->v[i];
		switch (e->kind) {
		case LAY_E_PARA:
			lp_prep_para(c, &e->u.para, &prep[i]);
			break;
		case LAY_E_HEADING:
			lp_prep_heading(c, &e->u.heading, &prep[i]);
			break;
		case LAY_E_TABLE:
			prep[i].table = lay_table_prepare(c, &e->u.table);
			break;
		case LAY_E_IMAGE:
			lp_prep_image(c, &e->u.image, &prep[i]);
			break;
		default:
			break;
		}
	}
}

/* ---- Keep-with-next ---- */

#define LP_RULE_BOX 4 /* height taken by the rule under a heading, centred in it */

static double lp_heading_h(const struct lay_heading *h, const struct lp_prep *pp)
{
	return pp->lines.height + (h->rule != LAY_NOCOLOR ? LP_RULE_BOX : 0);
}

/* Height that must follow a heading on its page: the next element's first lines. */
static double lp_lead(const struct lay_flow *f, const struct lp_prep *prep, size_t i, int depth)
{
	double space = 0;
	for (; i < f->n && f->v[i].kind == LAY_E_SPACE; i++)
		space += f->v[i].u.space > 0 ? f->v[i].u.space : 0;
	if (i >= f->n || depth > 3)
		return 0;
	const struct lay_elem *e = &f->v[i];
	const struct lp_prep *pp = &prep[i];
	switch (e->kind) {
	case LAY_E_HEADING:
		return space + e->u.heading.space_before + lp_heading_h(&e->u.heading, pp) +
		       e->u.heading.space_after + lp_lead(f, prep, i + 1, depth + 1);
	case LAY_E_PARA: {
		double h = space + e->u.para.space_before + 2 * pp->pad;
		for (size_t k = 0; k < pp->lines.n && k < 2; k++)
			h += pp->lines.v[k].height;
		return h;
	}
	case LAY_E_TABLE:
		return space + e->u.table.space_before + lay_table_lead(pp->table);
	case LAY_E_IMAGE:
		return space + e->u.image.space_before + pp->imgh;
	default:
		return 0;
	}
}

/* ---- Placement ---- */

static void lp_place_heading(struct lay_ctx *c, const struct lay_flow *f,
                             const struct lp_prep *prep, size_t i)
{
	const struct lay_heading *h = &f->v[i].u.heading;
	const struct lp_prep *pp = &prep[i];
	double hh = lp_heading_h(h, pp);
	lay_need_room(c, (c->at_top ? 0 : h->space_before) + hh + h->space_after +
	                         lp_lead(f, prep, i + 1, 0));
	lay_space(c, h->space_before);
	lay_need_room(c, hh);
	lay_mark_add(c, h->anchor, h->text, h->level, h->in_toc);
	lay_place_lines(c, &pp->lines, c->left, &pp->st);
	if (h->rule != LAY_NOCOLOR) {
		lay_need_room(c, LP_RULE_BOX);
		lay_hline(c, c->left, c->y - LP_RULE_BOX / 2, c->width, 0.75, h->rule);
		c->y -= LP_RULE_BOX;
	}
	c->at_top = false;
	lay_space(c, h->space_after);
}

/* Emits the block background and bar of a paragraph fragment. */
static void lp_para_frame(struct lay_ctx *c, const struct lay_para *p, double x, double ytop,
                          double h)
{
	double w = c->left + c->width - x;
	if (p->bg != LAY_NOCOLOR)
		lay_fill(c, x, ytop - h, w, h, p->bg);
	if (p->bar != LAY_NOCOLOR)
		lay_fill(c, x, ytop - h, LAY_BAR_WIDTH, h, p->bar);
}

static void lp_marker(struct lay_ctx *c, const struct lay_para *p, const struct lp_prep *pp,
                      double x, double ytop)
{
	if (p->marker == NULL || pp->lines.n == 0)
		return;
	size_t len = strlen(p->marker);
	double w = lay_strwidth(c, LAY_SANS, pp->st.size, p->marker, len);
	struct lay_op *op = lay_op_add(c, LAY_OP_TEXT);
	op->x = x - 4 - w;
	op->y = ytop - pp->lines.v[0].baseline;
	op->font = LAY_SANS;
	op->size = pp->st.size;
	op->color = p->color;
	op->text = p->marker;
	op->len = len;
}

/* Lines [k, end) of a paragraph for this page: as many as fit, but never a lone first line
 * (orphan: returns k to ask for a new page) nor a lone last line left for the next page. */
static size_t lp_para_fit(const struct lay_ctx *c, const struct lp_prep *pp, size_t k)
{
	const struct lay_lines *ls = &pp->lines;
	double room = lay_room(c) - 2 * pp->pad, h = 0;
	size_t end = k;
	while (end < ls->n && (end == k || h + ls->v[end].height <= room + 1e-6))
		h += ls->v[end++].height;
	if (k == 0 && end == 1 && ls->n >= 2 && !c->at_top &&
	    ls->v[0].height + ls->v[1].height + 2 * pp->pad <= c->top - c->bottom)
		return k;
	if (end == ls->n - 1 && end - k >= 3)
		end--;
	return end;
}

static void lp_place_para(struct lay_ctx *c, const struct lay_flow *f, const struct lp_prep *prep,
                          size_t i)
{
	const struct lay_para *p = &f->v[i].u.para;
	const struct lp_prep *pp = &prep[i];
	if (p->keep_with_next)
		lay_need_room(c, (c->at_top ? 0 : p->space_before) + pp->lines.height +
		                         2 * pp->pad + p->space_after + lp_lead(f, prep, i + 1, 0));
	lay_space(c, p->space_before);
	double x = c->left + pp->indent;
	for (size_t k = 0; k < pp->lines.n;) {
		lay_need_room(c, pp->lines.v[k].height + 2 * pp->pad);
		size_t end = lp_para_fit(c, pp, k);
		if (end == k) {
			lay_newpage(c);
			continue;
		}
		double h = 0;
		for (size_t j = k; j < end; j++)
			h += pp->lines.v[j].height;
		lp_para_frame(c, p, x, c->y, h + 2 * pp->pad);
		if (k == 0)
			lp_marker(c, p, pp, x, c->y - pp->pad);
		lay_emit_lines(c, &pp->lines, k, end, x + pp->pad + pp->barw, c->y - pp->pad,
		               &pp->st);
		c->y -= h + 2 * pp->pad;
		c->at_top = false;
		k = end;
		if (k < pp->lines.n)
			lay_newpage(c);
	}
	lay_space(c, p->space_after);
}

static void lp_place_image(struct lay_ctx *c, const struct lay_image *im, const struct lp_prep *pp)
{
	lay_space(c, im->space_before);
	lay_need_room(c, pp->imgh + (pp->cap.n ? pp->cap.height + 4 : 0));
	struct lay_op *op = lay_op_add(c, LAY_OP_IMAGE);
	op->x = c->left + (c->width - pp->imgw) / 2;
	op->y = c->y - pp->imgh;
	op->w = pp->imgw;
	op->h = pp->imgh;
	op->image = im->path;
	op->jpeg = im->jpeg;
	c->y -= pp->imgh;
	c->at_top = false;
	if (pp->cap.n > 0) {
		lay_space(c, 4);
		lay_place_lines(c, &pp->cap, c->left, &pp->capst);
	}
	lay_space(c, im->space_after);
}

static void lp_place_rule(struct lay_ctx *c, uint32_t color, double width)
{
	if (width <= 0)
		width = 0.5;
	lay_need_room(c, width);
	lay_hline(c, c->left, c->y - width / 2, c->width, width, color == LAY_NOCOLOR ? 0 : color);
	c->y -= width;
	c->at_top = false;
}

static void lp_place(struct lay_ctx *c, const struct lay_flow *f, struct lp_prep *prep,
                     struct lay_toc *toc, size_t i)
{
	const struct lay_elem *e = &f->v[i];
	switch (e->kind) {
	case LAY_E_HEADING:
		lp_place_heading(c, f, prep, i);
		break;
	case LAY_E_PARA:
		lp_place_para(c, f, prep, i);
		break;
	case LAY_E_TABLE:
		lay_table_place(c, prep[i].table);
		break;
	case LAY_E_IMAGE:
		lp_place_image(c, &e->u.image, &prep[i]);
		break;
	case LAY_E_RULE:
		lp_place_rule(c, e->u.rule.color, e->u.rule.width);
		break;
	case LAY_E_SPACE:
		lay_space(c, e->u.space);
		break;
	case LAY_E_PAGEBREAK:
		/* a break right after a contents that continued onto this page is dropped: the
		 * body follows the contents' last lines rather than leave that page nearly empty */
		if (!c->at_top && !(i > 0 && f->v[i - 1].kind == LAY_E_TOC && lay_toc_spilled(toc)))
			lay_newpage(c);
		break;
	case LAY_E_TOC:
		lay_toc_place(c, toc, e->u.toc.title, e->u.toc.size, e->u.toc.fit_page);
		break;
	case LAY_E_CHART:
		lay_chart_place(c, &e->u.chart);
		break;
	}
}

/* Height element i takes when placed whole (for floats); headings, page breaks and the
 * contents count as never fitting: a float goes before them. */
static double lp_height(const struct lay_flow *f, const struct lp_prep *prep, size_t i)
{
	const struct lay_elem *e = &f->v[i];
	const struct lp_prep *pp = &prep[i];
	switch (e->kind) {
	case LAY_E_PARA:
		return e->u.para.space_before + pp->lines.height + 2 * pp->pad;
	case LAY_E_TABLE:
		return lay_table_height(pp->table);
	case LAY_E_IMAGE:
		return e->u.image.space_before + pp->imgh + (pp->cap.n ? pp->cap.height + 4 : 0);
	case LAY_E_SPACE:
		return e->u.space > 0 ? e->u.space : 0;
	case LAY_E_RULE:
		return e->u.rule.width > 0 ? e->u.rule.width : 0.5;
	default:
		return 1e30;
	}
}

/* Whether image i floats: it does not fit in the room left but fits on an empty page. */
static bool lp_floats(const struct lay_ctx *c, const struct lay_flow *f, const struct lp_prep *prep,
                      size_t i)
{
	if (f->v[i].kind != LAY_E_IMAGE || !f->v[i].u.image.floats || c->at_top)
		return false;
	double h = lp_height(f, prep, i);
	return h > lay_room(c) + 1e-6 && h <= c->top - c->bottom;
}

/* Whether element i goes on a landscape page: a landscape table, or a heading, space or
 * keep-with-next paragraph leading to one (a heading stays with its table, and the outline
 * and contents point at the turned page). */
static bool lp_landscape_ahead(const struct lay_flow *f, const struct lp_prep *prep, size_t i)
{
	for (; i < f->n; i++) {
		const struct lay_elem *e = &f->v[i];
		if (e->kind == LAY_E_TABLE)
			return lay_table_landscape(prep[i].table);
		if (e->kind != LAY_E_HEADING && e->kind != LAY_E_SPACE &&
		    !(e->kind == LAY_E_PARA && e->u.para.keep_with_next))
			return false;
	}
	return false;
}

struct lay_result *lay_paginate(const struct lay_flow *f, const struct lay_page_spec *spec,
                                const struct lay_metrics *m, struct rg_arena *a)
{
	return lay_paginate_pass(f, spec, m, a, NULL);
}

static void lp_paginate(struct lay_ctx *c, const struct lay_flow *f);

struct lay_result *lay_paginate_pass(const struct lay_flow *f, const struct lay_page_spec *spec,
                                     const struct lay_metrics *m, struct rg_arena *a,
                                     const struct lay_pass *pass)
{
	struct lay_ctx c = {.arena = a, .spec = spec, .m = m, .pass = pass};
	lp_paginate(&c, f);
	rg_arena_free(c.scratch);
	return c.res;
}

static void lp_paginate(struct lay_ctx *c, const struct lay_flow *f)
{
	const struct lay_pass *pass = c->pass;
	struct rg_arena *a = c->arena;
	c->res = rg_arena_alloc(a, sizeof(*c->res));
	if (pass != NULL) {
		lay_furniture_fit(c);
		c->finish = lay_page_finish;
	}
	lay_orient(c, false); /* the text area, and the first page */
	struct lp_prep *prep = rg_arena_alloc(a, (f->n ? f->n : 1) * sizeof(*prep));
	lp_prepare(c, f, prep);
	struct lay_toc *toc = lay_toc_new(c, f);
	unsigned char toc_rank = 0;
	size_t pending = f->n; /* a floating image waiting for the next page, or f->n */
	for (size_t i = 0; i <= f->n && !c->res->too_many_pages; i++) {
		if (pending < f->n && (i == f->n || lp_height(f, prep, i) > lay_room(c) + 1e-6)) {
			c->rank = f->v[pending].rank;
			lay_orient(c, false);
			lp_place(c, f, prep, toc, pending);
			pending = f->n;
		}
		if (i == f->n)
			break;
		c->rank = f->v[i].rank;
		if (f->v[i].kind == LAY_E_TOC)
			toc_rank = f->v[i].rank;
		lay_orient(c, lp_landscape_ahead(f, prep, i));
		if (pending == f->n && lp_floats(c, f, prep, i)) {
			pending = i;
			continue;
		}
		lp_place(c, f, prep, toc, i);
	}
	if (c->res->too_many_pages)
		return;
	if (pass != NULL) { /* the contents was numbered as placed (or not: a first pass) */
		c->finish = NULL;
		lay_page_finish(c);
		return;
	}
	c->rank = toc_rank;
	lay_toc_fill(c, toc);
	c->rank = 0;
	lay_furniture(c);
}
