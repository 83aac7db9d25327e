/* layout_table.c: table column widths (CSS 2.1 automatic layout, simplified) and row placement
 * with repeated header rows, zebra stripes and rows split between lines when taller than a page. */
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

#define TP_MIN_CAP 0.30   /* a column's min width is capped at this fraction of the text width */
#define TP_KEY_CAP 0.35   /* key column of a key/value table */
#define TP_LEAD_ROWS 2    /* body rows a table starts with on its first page, at least */
#define TP_NARROW 0.30    /* a column this narrow (its widest line) is kept unwrapped if it can */
#define TP_PROSE 0.15     /* ... while every wrapping column keeps at least this much */
#define TP_RULE_HEAVY 0.8 /* border above the table and under its header row, pt */
#define TP_RULE_LIGHT 0.4 /* border under a body row */
#define TP_FIT_CAP 0.55   /* a column of values (lay_run.fit) is made at most this wide for them */

struct lay_tprep {
	const struct lay_table *t;  /* the table with its padding clamped */
	size_t ncols, nrows, first; /* first: first body row (1 with a header) */
	bool repeat;                /* the header row repeats after page breaks */
	double *colw, *colx;
	/* The cells' lines: the header row's kept (first == 1), a body row's broken into
	 * c->scratch when it is measured and again when it is placed (tp_load), so that a long
	 * table holds one row's lines at a time, not every row's */
	struct lay_lines *head, *row; /* ncols each */
	bool head_ready;
	struct lay_textstyle *st; /* per cell column, body rows; header uses hst */
	struct lay_textstyle *hst;
	double *rowh;
	double whole; /* keep_together: the height of the whole table when a page holds it */
	struct lay_textstyle capst;
	struct lay_lines cap;
	bool landscape; /* on landscape pages of its own (tp_fit) */
	double width;   /* the text width it is laid out for */
};

/* Narrow columns first: a column whose widest line is at most TP_NARROW of the text width
 * (a time, a host name, a status) gets that width, narrowest first, as long as every other
 * column keeps its min and at least TP_PROSE of the text width (or its max when smaller).
 * The rest share what is left: min plus a share of (max - min). Returns false when no
 * column qualifies. O(n log n): fixing a column changes the total need by its own terms. */
struct tp_narrow {
	double mx;
	size_t col;
};

static int tp_narrow_cmp(const void *a, const void *b)
{
	const struct tp_narrow *x = a, *y = b;
	if (x->mx != y->mx)
		return x->mx < y->mx ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

static double tp_need(double W, double mn, double mx)
{
	double prose = mx < TP_PROSE * W ? mx : TP_PROSE * W;
	return mn > prose ? mn : prose;
}

static bool tp_narrow_first(size_t n, double W, const double *mn, const double *mx, double *w)
{
	struct tp_narrow *order = rg_xcalloc(n ? n : 1, sizeof(*order));
	bool *fixed = rg_xcalloc(n ? n : 1, sizeof(bool));
	size_t m = 0, nfixed = 0;
	double need = 0;
	for (size_t c = 0; c < n; c++) {
		need += tp_need(W, mn[c], mx[c]);
		if (mx[c] <= TP_NARROW * W)
			order[m++] = (struct tp_narrow){mx[c], c};
	}
	qsort(order, m, sizeof(*order), tp_narrow_cmp);
	for (size_t k = 0; k < m && nfixed + 1 < n; k++) {
		size_t c = order[k].col;
		double next = need - tp_need(W, mn[c], mx[c]) + mx[c];
		if (next > W)
			break;
		need = next;
		fixed[c] = true;
		nfixed++;
	}
	double rest = W, smin = 0, smax = 0;
	for (size_t c = 0; c < n; c++)
		if (fixed[c]) {
			rest -= mx[c];
		} else {
			smin += mn[c];
			smax += mx[c];
		}
	for (size_t c = 0; c < n && nfixed > 0; c++)
		w[c] = fixed[c]          ? mx[c]
		       : smax - smin > 0 ? mn[c] + (rest - smin) * (mx[c] - mn[c]) / (smax - smin)
		                         : mn[c] + (rest - smin) / (double)(n - nfixed);
	free(order);
	free(fixed);
	return nfixed > 0;
}

/* Column widths: max widths when they fit, else narrow columns unwrapped (tp_narrow_first)
 * or min plus a share of (max - min). */
static void tp_widths(const struct lay_table *t, double W, const double *mn, const double *mx,
                      double *w)
{
	size_t n = t->ncols;
	double smin = 0, smax = 0;
	for (size_t c = 0; c < n; c++) {
		smin += mn[c];
		smax += mx[c];
	}
	if (t->keyvalue && n == 2) {
		double k = mx[0] < TP_KEY_CAP * W ? mx[0] : TP_KEY_CAP * W;
		if (k < mn[0] && mn[0] < 0.5 * W)
			k = mn[0];
		w[0] = k;
		w[1] = W - k;
		return;
	}
	if (smax > W && smin <= W && tp_narrow_first(n, W, mn, mx, w))
		return;
	for (size_t c = 0; c < n; c++) {
		if (smax <= W)
			w[c] = smax > 0 ? mx[c] + (W - smax) * mx[c] / smax : W / (double)n;
		else if (smin <= W)
			w[c] = mn[c] +
			       (smax - smin > 0 ? (W - smin) * (mx[c] - mn[c]) / (smax - smin) : 0);
		else
			w[c] = mn[c] * W / smin;
	}
}

static void tp_style(struct lay_textstyle *st, const struct lay_table *t, double width,
                     uint32_t color, bool pre)
{
	st->width = width;
	st->size = t->size > 0 ? t->size : LAY_TABLE_SIZE;
	st->leading = LAY_COMPACT_LEADING;
	st->color = color;
	st->align = LAY_LEFT;
	st->pre = pre;
}

/* The lines of cell k of row r: the header's, or those of the body row last loaded. */
static const struct lay_lines *tp_cell(const struct lay_tprep *p, size_t r, size_t k)
{
	return r < p->first ? &p->head[k] : &p->row[k];
}

/* The widest value run (lay_run.fit) of a cell at its smallest size; 0 without one. */
static double tp_fit_width(const struct lay_ctx *c, const struct lay_cell *cell, double size)
{
	double w = 0;
	for (size_t i = 0; i < cell->runs.n; i++) {
		const struct lay_run *r = &cell->runs.v[i];
		if (!r->value || r->fit <= 0 || r->text == NULL)
			continue;
		double x =
		        lay_strwidth(c, r->font, lay_run_size(r, size) * r->fit, r->text, r->len);
		w = x > w ? x : w;
	}
	return w;
}

/* The runs of a cell as broken: value runs wider than width shrink to fit it, down to their
 * floor (lay_run.fit); a copy in the arena when one changes, else the cell's own. */
static const struct lay_run *tp_fit_runs(struct lay_ctx *c, const struct lay_cell *cell,
                                         double size, double width)
{
	struct lay_run *v = NULL;
	for (size_t i = 0; i < cell->runs.n; i++) {
		const struct lay_run *r = &cell->runs.v[i];
		if (!r->value || r->fit <= 0 || r->text == NULL)
			continue;
		double sz = lay_run_size(r, size),
		       w = lay_strwidth(c, r->font, sz, r->text, r->len);
		if (w <= width + 1e-6 || w <= 0)
			continue;
		if (v == NULL) {
			v = rg_arena_alloc(c->arena, cell->runs.n * sizeof(*v));
			memcpy(v, cell->runs.v, cell->runs.n * sizeof(*v));
		}
		double k = width / w * (1 - 1e-4); /* clear of rounding in the filler */
		v[i].size = sz * (k > r->fit ? k : r->fit);
	}
	return v != NULL ? v : cell->runs.v;
}

/* Min-content, max-content and word widths (lay_measure) of each column at size, and the
 * widths of its value runs at their floor (tp_fit_width, 0 without one), padding included;
 * mn is capped at TP_MIN_CAP of the text width W (but holds the values, up to TP_FIT_CAP),
 * as the columns will be. */
static void tp_measure(struct lay_ctx *c, const struct lay_table *t, double size, double W,
                       double *mn, double *mx, double *wd, double *fv)
{
	size_t n = t->ncols;
	double pad2 = 2 * t->padding;
	for (size_t k = 0; k < n; k++)
		mn[k] = mx[k] = wd[k] = fv[k] = 0;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t k = 0; k < n; k++) {
			const struct lay_cell *cell = &t->cells[r * n + k];
			double a, b, w;
			lay_measure(c, cell->runs.v, cell->runs.n, size, cell->preformatted, &a, &b,
			            &w);
			if (a > TP_MIN_CAP * W)
				a = TP_MIN_CAP * W;
			double v = tp_fit_width(c, cell, size);
			if (v > 0 && v + pad2 > fv[k])
				fv[k] = v + pad2;
			v = v < TP_FIT_CAP * W ? v : TP_FIT_CAP * W;
			a = a > v ? a : v;
			if (a + pad2 > mn[k])
				mn[k] = a + pad2;
			if (b + pad2 > mx[k])
				mx[k] = b + pad2;
			if (w + pad2 > wd[k])
				wd[k] = w + pad2;
		}
	for (size_t k = 0; k < n; k++) {
		if (mx[k] < mn[k])
			mx[k] = mn[k];
		if (wd[k] < mn[k]) /* an unbreakable piece is as much a word */
			wd[k] = mn[k];
	}
}

/* What a column must keep on text width W: its widest word, and its values at their floor.
 * A word longer than TP_MIN_CAP of W (a long URL in prose) breaks wherever the table goes,
 * and values longer than TP_FIT_CAP of W break at their delimiters: both count as capped. */
static double tp_word_min(const struct lay_table *t, double wd, double fv, double W)
{
	double pad2 = 2 * t->padding, cap = TP_MIN_CAP * W + pad2, vcap = TP_FIT_CAP * W + pad2;
	double m = wd < cap ? wd : cap, v = fv < vcap ? fv : vcap;
	return m > v ? m : v;
}

/* Whether columns of widths w keep every word and value of theirs whole (tp_word_min). */
static bool tp_words_whole(const struct lay_table *t, const double *w, const double *wd,
                           const double *fv, double W)
{
	for (size_t k = 0; k < t->ncols; k++)
		if (w[k] + 1e-6 < tp_word_min(t, wd[k], fv[k], W))
			return false;
	return true;
}

/* The width the words need at size (measured at size0) on a text width W. Text widths scale
 * with the size; padding does not. */
static double tp_need_at(const struct lay_table *t, const double *wd, const double *fv,
                         double size0, double size, double W)
{
	double need = 0, pad2 = 2 * t->padding, k = size / size0;
	for (size_t i = 0; i < t->ncols; i++)
		need += tp_word_min(t, (wd[i] - pad2) * k + pad2,
		                    fv[i] > 0 ? (fv[i] - pad2) * k + pad2 : 0, W);
	return need;
}

/* The size and orientation of a table that breaks words as it is (see struct lay_table):
 * the first size, from size0 down in steps to the floor, whose words fit the portrait width,
 * else the same on landscape pages (down to its landscape_floor); else landscape at that
 * floor. */
static double tp_fit(const struct lay_ctx *c, const struct lay_table *t, const double *wd,
                     const double *fv, double size0, bool *landscape)
{
	double W[2] = {c->width, lay_landscape_width(c)};
	double floor = t->landscape_floor > 0 && t->landscape_floor < LAY_TABLE_FLOOR
	                       ? t->landscape_floor
	                       : LAY_TABLE_FLOOR;
	int nsteps[2] = {(int)((1 - LAY_TABLE_FLOOR) / LAY_TABLE_STEP + 0.5),
	                 (int)((1 - floor) / LAY_TABLE_STEP + 0.5)};
	if (t->fixed_size)
		nsteps[0] = nsteps[1] = 0;
	for (int o = t->landscape ? 1 : 0; o < 2; o++)
		for (int k = 0; k <= nsteps[o]; k++) {
			double size = size0 * (1 - k * LAY_TABLE_STEP);
			if (tp_need_at(t, wd, fv, size0, size, W[o]) <= W[o] + 1e-6) {
				*landscape = o == 1;
				return size;
			}
		}
	*landscape = true;
	return size0 * (1 - nsteps[1] * LAY_TABLE_STEP);
}

/* Column widths: as always when that keeps every word whole (or for key/value tables);
 * else at the size and orientation tp_fit chooses, with words as the columns' minimums. */
static void tp_columns(struct lay_ctx *c, struct lay_table *t, struct lay_tprep *p)
{
	size_t n = t->ncols;
	double *mn = rg_xcalloc(4 * n, sizeof(double)), *mx = mn + n, *wd = mx + n, *fv = wd + n;
	double size = t->size > 0 ? t->size : LAY_TABLE_SIZE, W = c->width;
	tp_measure(c, t, size, W, mn, mx, wd, fv);
	tp_widths(t, W, mn, mx, p->colw);
	if (!(t->keyvalue && n == 2) && (t->landscape || !tp_words_whole(t, p->colw, wd, fv, W))) {
		double fitted = tp_fit(c, t, wd, fv, size, &p->landscape);
		if (p->landscape)
			W = lay_landscape_width(c);
		if (fitted != size)
			t->size = size = fitted;
		tp_measure(c, t, size, W, mn, mx, wd, fv);
		for (size_t k = 0; k < n; k++) {
			double m = tp_word_min(t, wd[k], fv[k], W);
			mn[k] = m > mn[k] ? m : mn[k];
			if (mx[k] < mn[k])
				mx[k] = mn[k];
		}
		tp_widths(t, W, mn, mx, p->colw);
	}
	p->width = W;
	double x = c->left;
	for (size_t k = 0; k < n; k++) {
		p->colx[k] = x;
		x += p->colw[k];
	}
	free(mn);
}

double lay_table_height(const struct lay_tprep *p)
{
	double h = p->t->space_before + (p->cap.n > 0 ? p->cap.height + 3 : 0);
	for (size_t r = 0; r < p->nrows; r++)
		h += p->rowh[r];
	return h;
}

bool lay_table_landscape(const struct lay_tprep *p)
{
	return p != NULL && p->landscape;
}

/* Breaks the cells of row r: the header row's into the arena (once, when prepared), a body
 * row's into the scratch arena, emptied first. */
static void tp_load(struct lay_ctx *c, struct lay_tprep *p, size_t r)
{
	const struct lay_table *t = p->t;
	struct rg_arena *keep = c->arena;
	if (r >= p->first) {
		if (c->scratch == NULL)
			c->scratch = rg_arena_new();
		rg_arena_reset(c->scratch);
		c->arena = c->scratch;
	} else if (p->head_ready) {
		return; /* the header, broken when prepared */
	}
	p->head_ready |= r < p->first;
	struct lay_lines *out = r < p->first ? p->head : p->row;
	for (size_t k = 0; k < p->ncols; k++) {
		const struct lay_cell *cell = &t->cells[r * p->ncols + k];
		struct lay_textstyle st;
		tp_style(&st, t, p->colw[k] - 2 * t->padding,
		         r < p->first ? t->header_fg : 0x000000, cell->preformatted);
		lay_break(c, tp_fit_runs(c, cell, st.size, st.width), cell->runs.n, &st, &out[k]);
	}
	c->arena = keep;
}

struct lay_tprep *lay_table_prepare(struct lay_ctx *c, const struct lay_table *table)
{
	struct lay_table *t = rg_arena_alloc(c->arena, sizeof(*t));
	*t = *table;
	if (!(t->padding >= 0 && t->padding <= 20))
		t->padding = t->padding > 20 ? 20 : 0;
	struct lay_tprep *p = rg_arena_alloc(c->arena, sizeof(*p));
	size_t n = t->ncols, nr = t->cells != NULL && n > 0 ? t->nrows : 0;
	p->t = t;
	p->ncols = n;
	p->nrows = nr;
	p->first = t->header && nr > 0 ? 1 : 0;
	p->colw = rg_arena_alloc(c->arena, (n ? n : 1) * sizeof(double));
	p->colx = rg_arena_alloc(c->arena, (n ? n : 1) * sizeof(double));
	p->st = rg_arena_alloc(c->arena, (n ? n : 1) * 2 * sizeof(*p->st));
	p->hst = p->st + (n ? n : 1);
	p->head = rg_arena_alloc(c->arena, (n ? n : 1) * sizeof(*p->head));
	p->row = rg_arena_alloc(c->arena, (n ? n : 1) * sizeof(*p->row));
	p->rowh = rg_arena_alloc(c->arena, (nr ? nr : 1) * sizeof(double));
	if (nr > 0)
		tp_columns(c, t, p);
	for (size_t r = 0; r < nr; r++) {
		tp_load(c, p, r);
		double h = 0;
		for (size_t k = 0; k < n; k++)
			if (tp_cell(p, r, k)->height > h)
				h = tp_cell(p, r, k)->height;
		p->rowh[r] = h + 2 * t->padding;
	}
	if (t->caption != NULL) {
		struct lay_run *run = rg_arena_alloc(c->arena, sizeof(*run));
		*run = (struct lay_run){.text = t->caption,
		                        .len = strlen(t->caption),
		                        .font = LAY_SANS_OBLIQUE,
		                        .color = LAY_CAPTION_COLOR,
		                        .bg = LAY_NOCOLOR};
		p->capst = (struct lay_textstyle){.width = nr > 0 ? p->width : c->width,
		                                  .size = LAY_CAPTION_SIZE,
		                                  .leading = LAY_COMPACT_LEADING,
		                                  .color = LAY_CAPTION_COLOR,
		                                  .align = LAY_LEFT};
		lay_break(c, run, 1, &p->capst, &p->cap);
	}
	if (t->keep_together) {
		double h = p->cap.n > 0 ? p->cap.height + 3 : 0;
		for (size_t r = 0; r < nr; r++)
			h += p->rowh[r];
		/* the text height of a page of the table's orientation */
		const struct lay_page_spec *sp = c->spec;
		double body = (p->landscape ? sp->width : sp->height) - sp->margin_top -
		              sp->margin_bottom;
		p->whole = h <= body ? h : 0;
	}
	return p;
}

/* What must fit where a table starts: its header and first body rows, until there are
 * TP_LEAD_ROWS of them or they are as tall as that many one-line rows (a first row of three
 * lines may stand alone), so a table never starts with one short lone row at the foot of a
 * page, nor does the heading above it; a table kept together, the whole of it. */
double lay_table_lead(const struct lay_tprep *p)
{
	const struct lay_table *t = p->t;
	if (p->whole > 0)
		return p->whole;
	double h = p->first ? p->rowh[0] : 0, body = 0;
	double line =
	        (t->size > 0 ? t->size : LAY_TABLE_SIZE) * LAY_COMPACT_LEADING + 2 * t->padding;
	for (size_t r = p->first; r < p->nrows && r < p->first + TP_LEAD_ROWS; r++) {
		if (body >= TP_LEAD_ROWS * line - 1e-6)
			break;
		body += p->rowh[r];
	}
	return h + body;
}

/* Lines of row r's cells that fit in room, from start[k]: stores end[k]; returns the height. */
static double tp_part(const struct lay_tprep *p, const struct lay_table *t, size_t r,
                      const size_t *start, size_t *end, double room, bool force)
{
	double hmax = 0, avail = room - 2 * t->padding;
	for (size_t k = 0; k < p->ncols; k++) {
		const struct lay_lines *ls = tp_cell(p, r, k);
		double h = 0;
		size_t e = start[k];
		while (e < ls->n &&
		       (h + ls->v[e].height <= avail + 1e-6 || (force && e == start[k])))
			h += ls->v[e++].height;
		end[k] = e;
		if (h > hmax)
			hmax = h;
	}
	return hmax + 2 * t->padding;
}

static uint32_t tp_rowbg(const struct lay_table *t, const struct lay_tprep *p, size_t r)
{
	if (r < p->first)
		return t->header_bg;
	return (r - p->first) % 2 == 1 ? t->zebra_bg : LAY_NOCOLOR;
}

/* Emits lines [start, end) of each cell of row r at the cursor, h high. */
static void tp_emit(struct lay_ctx *c, const struct lay_table *t, const struct lay_tprep *p,
                    size_t r, const size_t *start, const size_t *end, double h)
{
	double x0 = p->colx[0], w = p->colx[p->ncols - 1] + p->colw[p->ncols - 1] - x0;
	uint32_t bg = tp_rowbg(t, p, r);
	unsigned char rank = c->rank;
	for (size_t k = 0; k < p->ncols; k++)
		if (t->cells[r * p->ncols + k].rank > c->rank)
			c->rank = t->cells[r * p->ncols + k].rank;
	c->row = (unsigned)r + 1;
	if (bg != LAY_NOCOLOR)
		lay_fill(c, x0, c->y - h, w, h, bg);
	for (size_t k = 0; k < p->ncols; k++) {
		const struct lay_cell *cell = &t->cells[r * p->ncols + k];
		c->col = (unsigned)k + 1;
		if (cell->bg != LAY_NOCOLOR)
			lay_fill(c, p->colx[k], c->y - h, p->colw[k], h, cell->bg);
		struct lay_textstyle st;
		tp_style(&st, t, p->colw[k] - 2 * t->padding,
		         r < p->first ? t->header_fg : 0x000000, cell->preformatted);
		lay_emit_lines(c, tp_cell(p, r, k), start[k], end[k], p->colx[k] + t->padding,
		               c->y - t->padding, &st);
	}
	c->row = c->col = 0;
	c->rank = rank;
	if (t->border != LAY_NOCOLOR)
		lay_hline(c, x0, c->y - h, w, r < p->first ? TP_RULE_HEAVY : TP_RULE_LIGHT,
		          t->border);
	c->y -= h;
	c->at_top = false;
}

static void tp_header(struct lay_ctx *c, const struct lay_table *t, const struct lay_tprep *p,
                      size_t *start, size_t *end)
{
	if (!p->repeat)
		return;
	for (size_t k = 0; k < p->ncols; k++) {
		start[k] = 0;
		end[k] = tp_cell(p, 0, k)->n;
	}
	tp_emit(c, t, p, 0, start, end, p->rowh[0]);
}

static bool tp_done(const struct lay_tprep *p, size_t r, const size_t *start)
{
	for (size_t k = 0; k < p->ncols; k++)
		if (start[k] < tp_cell(p, r, k)->n)
			return false;
	return true;
}

/* Places body row r, moving it whole to the next page when it fits there, else splitting it. */
static void tp_row(struct lay_ctx *c, const struct lay_table *t, struct lay_tprep *p, size_t r,
                   size_t *start, size_t *end, bool *fresh)
{
	tp_load(c, p, r);
	double body = c->top - c->bottom - (p->repeat ? p->rowh[0] : 0);
	memset(start, 0, p->ncols * sizeof(*start));
	for (;;) {
		double full = tp_part(p, t, r, start, end, 1e30, false);
		if (full <= lay_room(c) + 1e-6) {
			tp_emit(c, t, p, r, start, end, full);
			*fresh = false;
			return;
		}
		if (!*fresh && full <= body + 1e-6) {
			lay_newpage(c);
			tp_header(c, t, p, start + p->ncols, end);
			*fresh = true;
			continue;
		}
		double h = tp_part(p, t, r, start, end, lay_room(c), *fresh);
		if (!*fresh || h > 2 * t->padding || tp_done(p, r, end)) {
			if (h > 2 * t->padding)
				tp_emit(c, t, p, r, start, end, h);
			memcpy(start, end, p->ncols * sizeof(*start));
			if (tp_done(p, r, start))
				return;
		}
		lay_newpage(c);
		tp_header(c, t, p, start + p->ncols, end);
		*fresh = true;
	}
}

/* Whether placing second-to-last row r here would leave the short last row alone at the top
 * of the next page while both would fit there under the header (then r goes along). */
static bool tp_widow(const struct lay_ctx *c, const struct lay_tprep *p, size_t r)
{
	const struct lay_table *t = p->t;
	double line =
	        (t->size > 0 ? t->size : LAY_TABLE_SIZE) * LAY_COMPACT_LEADING + 2 * t->padding;
	double both = p->rowh[r] + p->rowh[r + 1], room = lay_room(c);
	double body = c->top - c->bottom - (p->repeat ? p->rowh[0] : 0);
	return p->rowh[r] <= room + 1e-6 && both > room + 1e-6 &&
	       p->rowh[r + 1] < TP_LEAD_ROWS * line - 1e-6 && both <= body + 1e-6;
}

void lay_table_place(struct lay_ctx *c, struct lay_tprep *p)
{
	const struct lay_table *t = p->t;
	lay_space(c, t->space_before);
	if (p->nrows == 0 || p->ncols == 0)
		return;
	lay_need_room(c, lay_table_lead(p));
	if (t->anchor != NULL)
		lay_mark_add(c, t->anchor, NULL, 0, false);
	/* start/end for the row being placed, then scratch for header rows */
	size_t *idx = rg_xcalloc(4 * p->ncols, sizeof(size_t));
	size_t *start = idx, *end = idx + 2 * p->ncols;
	bool fresh = c->at_top;
	/* a header taller than half a page is placed (and split) once, like a body row */
	p->repeat = p->first && p->rowh[0] <= (c->top - c->bottom) / 2;
	if (t->border != LAY_NOCOLOR)
		lay_hline(c, p->colx[0], c->y,
		          p->colx[p->ncols - 1] + p->colw[p->ncols - 1] - p->colx[0], TP_RULE_HEAVY,
		          t->border);
	tp_header(c, t, p, start + p->ncols, end);
	size_t page = c->cur;
	size_t on_page = 0; /* body rows on this page */
	for (size_t r = p->repeat ? 1 : 0; r < p->nrows; r++) {
		if (r + 2 == p->nrows && on_page >= TP_LEAD_ROWS && tp_widow(c, p, r)) {
			lay_newpage(c);
			tp_header(c, t, p, start + p->ncols, end);
			fresh = true;
		}
		tp_row(c, t, p, r, start, end, &fresh);
		on_page = c->cur == page ? on_page + 1 : 1;
		page = c->cur;
	}
	free(idx);
	if (p->cap.n > 0) {
		lay_need_room(c, p->cap.height + 3);
		lay_space(c, 3);
		lay_place_lines(c, &p->cap, c->left, &p->capst);
	}
	lay_space(c, t->space_after);
}
