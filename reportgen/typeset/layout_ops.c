/* layout_ops.c: the layout primitives: display-list ops, pages, marks and the cursor. */
#include <string.h>

#include "layout_int.h"

/* Display lists and flows are the layout's bulk at scale: their structs stay unpadded. */
_Static_assert(sizeof(void *) != 8 || sizeof(struct lay_op) <= 136, "lay_op grew");
_Static_assert(sizeof(void *) != 8 || sizeof(struct lay_run) <= 64, "lay_run grew");
_Static_assert(sizeof(void *) != 8 || sizeof(struct lay_cell) <= 24, "lay_cell grew");

/* Ops room kept after a finished page's ops for the few the contents and the furniture add
 * to it later (TOC page numbers, running header and footer). */
#define LAY_OPS_SPARE 16

/* The page being filled takes its ops in one buffer reused from page to page, grown by
 * doubling; once another page gets an op, that page's ops are copied to an arena block of
 * their size (plus spare room), so every page holds what it needs and the arena keeps no
 * outgrown copies of each page's list. Callers address ops by page and index only, never
 * through pointers kept across lay_op_add. */
static void lay_ops_settle(struct lay_ctx *c)
{
	if (c->workpage == 0)
		return;
	struct lay_page *p = &c->res->pages[c->workpage - 1];
	c->workpage = 0;
	if (p->ops != c->work)
		return;
	size_t cap = p->nops + LAY_OPS_SPARE;
	struct lay_op *v = rg_arena_alloc(c->arena, cap * sizeof(*v));
	memcpy(v, p->ops, p->nops * sizeof(*v));
	p->ops = v;
	p->cap = cap;
}

struct lay_op *lay_op_add(struct lay_ctx *c, enum lay_op_kind kind)
{
	if (c->workpage != c->cur + 1)
		lay_ops_settle(c);
	struct lay_page *p = &c->res->pages[c->cur];
	if (p->ops == NULL && c->workpage == 0) { /* a new page: it takes the buffer */
		if (c->work == NULL) {
			c->workcap = 64;
			c->work = rg_arena_alloc(c->arena, c->workcap * sizeof(*c->work));
		}
		p->ops = c->work;
		p->cap = c->workcap;
		c->workpage = c->cur + 1;
	}
	if (p->nops == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct lay_op *v = rg_arena_alloc(c->arena, cap * sizeof(*v));
		if (p->nops > 0)
			memcpy(v, p->ops, p->nops * sizeof(*v));
		if (c->workpage == c->cur + 1) {
			c->work = v;
			c->workcap = cap;
		}
		p->ops = v;
		p->cap = cap;
	}
	struct lay_op *op = &p->ops[p->nops++];
	memset(op, 0, sizeof(*op));
	op->rank = c->rank;
	op->kind = kind;
	op->color = LAY_NOCOLOR;
	op->row = c->row;
	op->col = c->col;
	return op;
}

void lay_fill(struct lay_ctx *c, double x, double y, double w, double h, uint32_t color)
{
	struct lay_op *op = lay_op_add(c, LAY_OP_FILL);
	op->x = x;
	op->y = y;
	op->w = w;
	op->h = h;
	op->color = color;
}

void lay_hline(struct lay_ctx *c, double x, double y, double w, double width, uint32_t color)
{
	struct lay_op *op = lay_op_add(c, LAY_OP_LINE);
	op->x = x;
	op->y = y;
	op->w = w;
	op->size = width;
	op->color = color;
}

void lay_newpage(struct lay_ctx *c)
{
	struct lay_result *r = c->res;
	if (c->spec->max_pages > 0 && r->npages >= c->spec->max_pages) {
		/* past the bound: the last page is reused, so memory stays bounded while the
		 * current element finishes; lay_paginate then stops */
		r->too_many_pages = true;
		r->pages[r->npages - 1].nops = 0;
		c->cur = r->npages - 1;
		c->y = c->top;
		c->at_top = true;
		return;
	}
	if (c->finish != NULL && r->npages > 0)
		c->finish(c);
	if (r->npages == c->pagecap) {
		size_t cap = c->pagecap ? c->pagecap * 2 : 16;
		struct lay_page *v = rg_arena_alloc(c->arena, cap * sizeof(*v));
		if (r->npages > 0)
			memcpy(v, r->pages, r->npages * sizeof(*v));
		r->pages = v;
		c->pagecap = cap;
	}
	memset(&r->pages[r->npages++], 0, sizeof(struct lay_page));
	r->pages[r->npages - 1].landscape = c->landscape;
	c->cur = r->npages - 1;
	c->y = c->top;
	c->at_top = true;
}

void lay_area(struct lay_ctx *c, bool landscape)
{
	const struct lay_page_spec *s = c->spec;
	double w = landscape ? s->height : s->width, h = landscape ? s->width : s->height;
	c->top = h - s->margin_top;
	c->bottom = s->margin_bottom;
	c->left = s->margin_left;
	c->width = w - s->margin_left - s->margin_right;
	if (c->width < 10)
		c->width = 10;
	if (c->top - c->bottom < 10)
		c->bottom = c->top - 10;
}

double lay_landscape_width(const struct lay_ctx *c)
{
	double w = c->spec->height - c->spec->margin_left - c->spec->margin_right;
	return w < 10 ? 10 : w;
}

void lay_orient(struct lay_ctx *c, bool landscape)
{
	if (landscape == c->landscape && c->res->npages > 0)
		return;
	c->landscape = landscape;
	lay_area(c, landscape);
	if (c->res->npages > 0 && c->at_top && c->res->pages[c->cur].nops == 0) {
		c->res->pages[c->cur].landscape = landscape;
		c->y = c->top;
	} else {
		lay_newpage(c);
	}
}

void lay_page_size(const struct lay_result *r, size_t i, const struct lay_page_spec *s, double *w,
                   double *h)
{
	bool turned = i < r->npages && r->pages[i].landscape;
	*w = turned ? s->height : s->width;
	*h = turned ? s->width : s->height;
}

void lay_mark_add(struct lay_ctx *c, const char *anchor, const char *title, int level, bool in_toc)
{
	struct lay_result *r = c->res;
	if (r->nmarks == c->markcap) {
		size_t cap = c->markcap ? c->markcap * 2 : 32;
		struct lay_mark *v = rg_arena_alloc(c->arena, cap * sizeof(*v));
		if (r->nmarks > 0)
			memcpy(v, r->marks, r->nmarks * sizeof(*v));
		r->marks = v;
		c->markcap = cap;
	}
	struct lay_mark *m = &r->marks[r->nmarks++];
	m->anchor = anchor;
	m->title = title;
	m->level = level;
	m->in_toc = in_toc;
	m->page = (int)c->cur;
	m->y = c->y;
}

double lay_room(const struct lay_ctx *c)
{
	return c->y - c->bottom;
}

/* Moves to a new page when h does not fit here but fits on an empty page. */
void lay_need_room(struct lay_ctx *c, double h)
{
	if (!c->at_top && h > lay_room(c) + 1e-6 && h <= c->top - c->bottom)
		lay_newpage(c);
}

void lay_space(struct lay_ctx *c, double h)
{
	if (c->at_top || h <= 0)
		return;
	c->y -= h;
	if (c->y < c->bottom)
		c->y = c->bottom;
}

void lay_image_px(const struct lay_ctx *c, const char *path, bool jpeg, double *pw, double *ph)
{
	*pw = LAY_IMAGE_ASPECT_W;
	*ph = LAY_IMAGE_ASPECT_H;
	if (c->m->image_size == NULL || !c->m->image_size(c->m->ctx, path, jpeg, pw, ph) ||
	    *pw <= 0 || *ph <= 0) {
		*pw = LAY_IMAGE_ASPECT_W;
		*ph = LAY_IMAGE_ASPECT_H;
	}
}
