/* layout_page.c: table of contents (reserved, then numbered) and page furniture. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_page.h"

struct toc_entry {
	const struct lay_heading *h;
	size_t page, op;   /* page and index of its reserved ops (leader, number, link) */
	double xend, base; /* end of the title text, baseline */
	bool shown;        /* within the depth that fits (lay_toc_place) */
};

struct lay_toc {
	struct toc_entry *v;
	size_t n;
	int *pages; /* a second pass: each entry's page (0-based) from the first, or -1 */
	double size;
	bool placed;
	size_t first, last; /* pages it starts and ends on */
};

static bool toc_listed(const char *title, int level, bool in_toc)
{
	return in_toc && title != NULL && level >= 1 && level <= 3;
}

struct lay_toc *lay_toc_new(struct lay_ctx *c, const struct lay_flow *f)
{
	struct lay_toc *t = rg_arena_alloc(c->arena, sizeof(*t));
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].kind == LAY_E_HEADING) {
			const struct lay_heading *h = &f->v[i].u.heading;
			t->n += toc_listed(h->text, h->level, h->in_toc);
		}
	t->v = rg_arena_alloc(c->arena, (t->n ? t->n : 1) * sizeof(*t->v));
	t->n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].kind == LAY_E_HEADING) {
			const struct lay_heading *h = &f->v[i].u.heading;
			if (toc_listed(h->text, h->level, h->in_toc))
				t->v[t->n++].h = h;
		}
	const struct lay_result *first = c->pass != NULL ? c->pass->first : NULL;
	if (first != NULL) {
		t->pages = rg_arena_alloc(c->arena, (t->n ? t->n : 1) * sizeof(*t->pages));
		for (size_t j = 0; j < t->n; j++)
			t->pages[j] = -1;
		for (size_t i = 0, j = 0; i < first->nmarks && j < t->n; i++) {
			const struct lay_mark *m = &first->marks[i];
			if (toc_listed(m->title, m->level, m->in_toc))
				t->pages[j++] = m->page;
		}
	}
	return t;
}

/* The title, shortened with an ellipsis to fit avail. Returns its length; *w its width. */
static size_t toc_fit(struct lay_ctx *c, enum lay_font font, double size, const char *s,
                      double avail, const char **out, double *w)
{
	size_t n = strlen(s);
	*out = s;
	*w = lay_strwidth(c, font, size, s, n);
	if (*w <= avail)
		return n;
	double ell = lay_strwidth(c, font, size, UTF8_ELLIPSIS, sizeof(UTF8_ELLIPSIS) - 1), acc = 0;
	size_t i = 0, k;
	while (i < n) {
		double cw = lay_cpwidth(c, font, size, utf8_next(s + i, n - i, &k));
		if (acc + cw + ell > avail)
			break;
		acc += cw;
		i += k;
	}
	*out = rg_arena_printf(c->arena, "%.*s" UTF8_ELLIPSIS, (int)i, s);
	*w = acc + ell;
	return i + 3;
}

/* Line height of an entry: level-1 entries a little looser than their sub-entries, so the
 * list reads in groups and a contents of ~30 entries fits on an A4 page under a cover block. */
static double toc_lh(const struct lay_toc *t, const struct toc_entry *e)
{
	return t->size * (e->h->level == 1 ? 1.5 : 1.35);
}

/* The deepest level (3, 2, 1) whose entries fit in the room left on this page; 3 when
 * not even level 1 fits (the contents then continues on the next page). */
static int toc_depth(const struct lay_ctx *c, const struct lay_toc *t)
{
	for (int d = 3; d >= 1; d--) {
		double h = 0;
		for (size_t i = 0; i < t->n; i++)
			h += t->v[i].h->level <= d ? toc_lh(t, &t->v[i]) : 0;
		if (h <= lay_room(c) + 1e-6)
			return d;
	}
	return 3;
}

/* Writes an entry's page number and dot leader into its reserved ops, right-aligned at
 * right. */
static void toc_number(struct lay_ctx *c, const struct lay_toc *t, const struct toc_entry *e,
                       struct lay_op *ops, int page, double right)
{
	double dotw = lay_strwidth(c, LAY_SANS, t->size, ".", 1);
	const char *num = rg_arena_printf(c->arena, "%d", page + 1);
	double nw = lay_strwidth(c, LAY_SANS, t->size, num, strlen(num));
	ops[1].x = right - nw;
	ops[1].y = e->base;
	ops[1].font = LAY_SANS;
	ops[1].size = t->size;
	ops[1].color = 0x000000;
	ops[1].text = num;
	ops[1].len = strlen(num);
	double avail = right - nw - t->size * 0.5 - (e->xend + t->size * 0.5);
	size_t nd = dotw > 0 && avail > 0 ? (size_t)(avail / dotw) : 0;
	char *dots = rg_arena_alloc(c->arena, nd + 1);
	memset(dots, '.', nd);
	ops[0] = ops[1];
	ops[0].x = right - nw - t->size * 0.5 - (double)nd * dotw;
	ops[0].color = 0x808080;
	ops[0].text = dots;
	ops[0].len = nd;
}

static void toc_entry_place(struct lay_ctx *c, struct lay_toc *t, struct toc_entry *e)
{
	double size = t->size, lh = toc_lh(t, e);
	double indent = (e->h->level - 1) * 1.5 * size;
	enum lay_font font = e->h->level == 1 ? LAY_SANS_BOLD : LAY_SANS;
	lay_need_room(c, lh);
	e->shown = true;
	e->page = c->cur;
	e->base = c->y - (lh - size * LAY_EM_BOX) / 2 - size * LAY_ASCENT;
	const char *text;
	double w;
	size_t len = toc_fit(c, font, size, e->h->text, c->width - indent - 4 * size, &text, &w);
	struct lay_op *op = lay_op_add(c, LAY_OP_TEXT);
	op->x = c->left + indent;
	op->y = e->base;
	op->font = font;
	op->size = size;
	op->color = 0x000000;
	op->text = text;
	op->len = len;
	e->xend = op->x + w;
	e->op = c->res->pages[c->cur].nops;
	lay_op_add(c, LAY_OP_TEXT); /* leader */
	lay_op_add(c, LAY_OP_TEXT); /* page number */
	op = lay_op_add(c, LAY_OP_LINK);
	op->x = c->left + indent;
	op->y = c->y - lh;
	op->w = c->width - indent;
	op->h = lh;
	op->dest = e->h->anchor;
	c->y -= lh;
	c->at_top = false;
	int page = t->pages != NULL ? t->pages[e - t->v] : -1;
	if (page >= 0)
		toc_number(c, t, e, &c->res->pages[c->cur].ops[e->op], page, c->left + c->width);
}

void lay_toc_place(struct lay_ctx *c, struct lay_toc *t, const char *title, double size,
                   bool fit_page)
{
	if (t->placed)
		return;
	t->placed = true;
	t->first = c->cur;
	t->size = size > 0 ? size : LAY_PARA_SIZE;
	if (title != NULL && *title != '\0') {
		struct lay_run r = {.text = title,
		                    .len = strlen(title),
		                    .font = LAY_SANS_BOLD,
		                    .size = t->size * 1.6,
		                    .color = 0x000000,
		                    .bg = LAY_NOCOLOR};
		struct lay_textstyle st = {.width = c->width,
		                           .size = r.size,
		                           .leading = LAY_COMPACT_LEADING,
		                           .color = 0x000000};
		struct lay_lines ls;
		lay_break(c, &r, 1, &st, &ls);
		lay_need_room(c, ls.height + t->size);
		lay_place_lines(c, &ls, c->left, &st);
		lay_space(c, t->size * 0.8);
	}
	int depth = fit_page ? toc_depth(c, t) : 3;
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].h->level <= depth)
			toc_entry_place(c, t, &t->v[i]);
	t->last = c->cur;
}

bool lay_toc_spilled(const struct lay_toc *t)
{
	return t->placed && t->last > t->first;
}

/* Writes the page number and dot leader of every entry, from the headings' marks. */
void lay_toc_fill(struct lay_ctx *c, struct lay_toc *t)
{
	if (!t->placed || t->pages != NULL)
		return;
	size_t j = 0;
	double right = c->left + c->width;
	for (size_t i = 0; i < c->res->nmarks && j < t->n; i++) {
		const struct lay_mark *m = &c->res->marks[i];
		if (!toc_listed(m->title, m->level, m->in_toc))
			continue;
		struct toc_entry *e = &t->v[j++];
		if (e->shown)
			toc_number(c, t, e, &c->res->pages[e->page].ops[e->op], m->page, right);
	}
}

/* printf-like "%d ... %d" with the page and the count; other conversions are copied. */
static const char *fur_pagefmt(struct lay_ctx *c, const char *fmt, int page, int npages)
{
	size_t n = strlen(fmt), k = 0;
	char *out = rg_arena_alloc(c->arena, n + 2 * 12 + 1);
	int nums[2] = {page, npages}, used = 0;
	for (size_t i = 0; i < n; i++) {
		if (fmt[i] == '%' && fmt[i + 1] == '%') {
			out[k++] = '%';
			i++;
		} else if (fmt[i] == '%' && fmt[i + 1] == 'd' && used < 2) {
			k += (size_t)snprintf(out + k, 13, "%d", nums[used++]);
			i++;
		} else {
			out[k++] = fmt[i];
		}
	}
	out[k] = '\0';
	return out;
}

static void fur_text(struct lay_ctx *c, const char *s, double x, double y, enum lay_font f,
                     double size, uint32_t color)
{
	struct lay_op *op = lay_op_add(c, LAY_OP_TEXT);
	op->x = x;
	op->y = y;
	op->font = f;
	op->size = size;
	op->color = color == LAY_NOCOLOR ? 0x000000 : color;
	op->text = s;
	op->len = strlen(s);
}

/* The running header, fitted once: the right text (at most half the width) right-aligned,
 * the left text shortened with an ellipsis to end a gap before it. */
struct lay_fur {
	const char *left, *right;
	double wright;
};

static void fur_head_fit(struct lay_ctx *c, const struct lay_page_spec *s, struct lay_fur *h)
{
	double size = LAY_FURNITURE_SIZE, wr = 0, w;
	if (s->header_right != NULL) {
		toc_fit(c, LAY_SANS, size, s->header_right, c->width / 2, &h->right, &wr);
		h->wright = wr;
	}
	if (s->header_left != NULL)
		toc_fit(c, LAY_SANS, size, s->header_left, c->width - wr - (wr > 0 ? 2 * size : 0),
		        &h->left, &w);
}

static void fur_header(struct lay_ctx *c, const struct lay_page_spec *s, const struct lay_fur *h)
{
	double pw, ph;
	lay_page_size(c->res, c->cur, s, &pw, &ph);
	double base = ph - s->margin_top * 0.55;
	if (h->right != NULL)
		fur_text(c, h->right, c->left + c->width - h->wright, base, LAY_SANS,
		         LAY_FURNITURE_SIZE, s->header_color);
	if (h->left != NULL)
		fur_text(c, h->left, c->left, base, LAY_SANS, LAY_FURNITURE_SIZE, s->header_color);
}

static void fur_footer(struct lay_ctx *c, const struct lay_page_spec *s, size_t i, size_t npages)
{
	double size = LAY_FURNITURE_SIZE, base = s->margin_bottom * 0.45;
	/* the label of the highest rank on the page, else the spec's one */
	const struct lay_page *pg = &c->res->pages[i];
	unsigned char rank = 0;
	for (size_t k = 0; k < pg->nops; k++)
		if (pg->ops[k].rank > rank && pg->ops[k].rank < LAY_RANKS)
			rank = pg->ops[k].rank;
	const char *label = s->footer_label;
	uint32_t fg = s->footer_label_fg, bg = s->footer_label_bg;
	if (rank > 0 && s->rank_label[rank] != NULL) {
		label = s->rank_label[rank];
		fg = s->rank_fg[rank];
		bg = s->rank_bg[rank];
	}
	if (label != NULL && *label != '\0') {
		double w = lay_strwidth(c, LAY_SANS_BOLD, size, label, strlen(label));
		double h = size * 1.5;
		if (bg != LAY_NOCOLOR) {
			lay_fill(c, c->left, base - size * 0.45, w + h, h, bg);
			c->res->pages[c->cur].ops[c->res->pages[c->cur].nops - 1].radius = h / 2;
		}
		fur_text(c, label, c->left + h / 2, base, LAY_SANS_BOLD, size, fg);
	}
	if (s->footer_page_format != NULL) {
		const char *t = fur_pagefmt(c, s->footer_page_format, (int)i + 1, (int)npages);
		double w = lay_strwidth(c, LAY_SANS, size, t, strlen(t));
		fur_text(c, t, c->left + c->width - w, base, LAY_SANS, size, s->footer_color);
	}
}

static void fur_logo(struct lay_ctx *c, const struct lay_page_spec *s)
{
	double pw, ph;
	lay_image_px(c, s->logo_path, s->logo_jpeg, &pw, &ph);
	double band = s->margin_top * 0.7, h = s->logo_height > 0 ? s->logo_height : band;
	if (h > band)
		h = band;
	struct lay_op *op = lay_op_add(c, LAY_OP_IMAGE);
	op->w = h * pw / ph;
	op->h = h;
	op->x = c->left + c->width - op->w;
	op->y = s->height - s->margin_top * 0.15 - h; /* the first page is never turned */
	op->image = s->logo_path;
	op->jpeg = s->logo_jpeg;
}

/* The underlay across page c->cur, moved to the front of its ops so that it is drawn first:
 * as large as fits 70% of the page's diagonal, on the diagonal, centred. */
static void fur_underlay(struct lay_ctx *c, const struct lay_page_spec *s)
{
	const double ref = 100;
	size_t n = strlen(s->underlay);
	double w = lay_strwidth(c, LAY_SANS_BOLD, ref, s->underlay, n);
	if (w <= 0)
		return;
	double diag = sqrt(s->width * s->width + s->height * s->height);
	double size = ref * 0.7 * diag / w, rad = atan2(s->height, s->width);
	double cw = cos(rad), sw = sin(rad), tw = w * size / ref, cap = size * 0.36;
	fur_text(c, s->underlay, s->width / 2 - cw * tw / 2 + sw * cap,
	         s->height / 2 - sw * tw / 2 - cw * cap, LAY_SANS_BOLD, size, s->underlay_color);
	struct lay_page *pg = &c->res->pages[c->cur];
	struct lay_op op = pg->ops[pg->nops - 1];
	op.angle = rad * 180 / M_PI;
	memmove(pg->ops + 1, pg->ops, (pg->nops - 1) * sizeof(*pg->ops));
	pg->ops[0] = op;
}

void lay_furniture_fit(struct lay_ctx *c)
{
	c->fur = rg_arena_alloc(c->arena, sizeof(*c->fur));
	lay_area(c, false);
	fur_head_fit(c, c->spec, c->fur);
}

/* The furniture of page i (c->cur), in a document of npages. */
static void fur_page(struct lay_ctx *c, size_t i, size_t npages)
{
	const struct lay_page_spec *s = c->spec;
	lay_area(c, c->res->pages[i].landscape);
	if (i > 0 || s->header_on_first_page)
		fur_header(c, s, c->fur);
	fur_footer(c, s, i, npages);
	if (s->underlay != NULL && *s->underlay != '\0')
		fur_underlay(c, s);
	if (i == 0 && s->logo_path != NULL)
		fur_logo(c, s);
}

void lay_furniture(struct lay_ctx *c)
{
	lay_furniture_fit(c);
	for (size_t i = 0; i < c->res->npages; i++) {
		c->cur = i;
		fur_page(c, i, c->res->npages);
	}
}

void lay_page_finish(struct lay_ctx *c)
{
	struct lay_page *pg = &c->res->pages[c->cur];
	double top = c->top, bottom = c->bottom, left = c->left, width = c->width;
	unsigned row = c->row, col = c->col;
	unsigned char rank = c->rank;
	c->row = c->col = 0;
	c->rank = 0;
	fur_page(c, c->cur, c->pass->first != NULL ? c->pass->first->npages : 0);
	c->top = top;
	c->bottom = bottom;
	c->left = left;
	c->width = width;
	c->row = row;
	c->col = col;
	c->rank = rank;
	c->pass->page(c->pass->ctx, c->res, c->cur);
	pg->ops = NULL; /* the buffer goes to the next page */
	pg->nops = pg->cap = 0;
	c->workpage = 0;
}
