/* layout_chart.c: the time chart element: an axis with scale ticks, unlabelled event ticks,
 * labelled marks whose labels stagger into rows or move aside so that no two overlap, and
 * bands in lanes under the axis. Knows nothing of what the times mean. */
#define _GNU_SOURCE /* qsort_r */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

#define CH_GAP 3.0      /* between two labels of a row, pt */
#define CH_TICK 3.0     /* scale tick below the axis */
#define CH_EVENT 4.0    /* event tick, each side of the axis */
#define CH_MARK 2.6     /* half the side of a mark's square */
#define CH_MAX_ROWS 256 /* label rows; past it, rows are still added but not searched */

/* A label placed: its interval on the x axis and its row (0 = next to the axis). */
struct ch_label {
	double x, w;
	size_t row;
	double at;   /* the mark's x (its leader) */
	bool placed; /* its row and x are chosen */
};

struct ch_state {
	struct lay_ctx *c;
	const struct lay_chart *ch;
	double size, left, width;
	struct ch_label *lab; /* per mark, in the order given */
	size_t nrows;
};

static double ch_x(const struct ch_state *s, double t)
{
	const struct lay_chart *ch = s->ch;
	double span = ch->t1 - ch->t0;
	double f = span > 0 ? (t - ch->t0) / span : 0.5;
	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	return s->left + f * s->width;
}

static double ch_width(const struct ch_state *s, const char *text)
{
	return text != NULL ? lay_strwidth(s->c, LAY_SANS, s->size, text, strlen(text)) : 0;
}

static bool ch_overlap(double a, double aw, double b, double bw)
{
	return a < b + bw + CH_GAP && b < a + aw + CH_GAP;
}

/* Whether mark i's label fits at x in row r: free in its row, not over the leader of a mark
 * labelled in a row above (further from the axis), and its own leader not under a label of a
 * row below. */
static bool ch_fits(const struct ch_state *s, size_t i, double x, double w, size_t r, bool leaders)
{
	for (size_t k = 0; k < s->ch->nmarks; k++) {
		const struct ch_label *o = &s->lab[k];
		if (!o->placed || o->w <= 0)
			continue;
		if (o->row == r && ch_overlap(x, w, o->x, o->w))
			return false;
		if (!leaders)
			continue;
		if (o->row > r && o->at >= x - 1 && o->at <= x + w + 1)
			return false;
		if (o->row < r && s->lab[i].at >= o->x - 1 && s->lab[i].at <= o->x + o->w + 1)
			return false;
	}
	return true;
}

static double ch_clamp(const struct ch_state *s, double x, double w)
{
	if (x + w > s->left + s->width)
		x = s->left + s->width - w;
	if (x < s->left)
		x = s->left;
	return x;
}

/* Marks from right to left, ties in reverse order given. */
static int ch_right_first(const void *a, const void *b, void *ctx)
{
	const struct ch_label *lab = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	if (lab[i].at != lab[j].at)
		return lab[i].at > lab[j].at ? -1 : 1;
	return i > j ? -1 : i < j;
}

/* Places every mark's label, from the rightmost mark leftwards: in the lowest row where one
 * of its positions (starting at the mark, centred on it, ending at it) fits without covering
 * a leader or standing over its own leader's way up, else where it fits ignoring leaders,
 * else in a new row. Starting at the mark and going right to left, a crowd of marks climbs
 * as a staircase whose leaders pass left of every label below them. */
static void ch_place_labels(struct ch_state *s)
{
	const struct lay_chart *ch = s->ch;
	s->lab = rg_arena_alloc(s->c->arena, (ch->nmarks + 1) * sizeof(*s->lab));
	size_t *order = rg_arena_alloc(s->c->arena, (ch->nmarks + 1) * sizeof(*order));
	s->nrows = 0;
	for (size_t i = 0; i < ch->nmarks; i++) {
		s->lab[i].at = ch_x(s, ch->marks[i].t);
		s->lab[i].w = ch_width(s, ch->marks[i].label);
		order[i] = i;
	}
	qsort_r(order, ch->nmarks, sizeof(*order), ch_right_first, s->lab);
	for (size_t n = 0; n < ch->nmarks; n++) {
		size_t i = order[n];
		struct ch_label *l = &s->lab[i];
		if (l->w <= 0)
			continue;
		double cand[3] = {ch_clamp(s, l->at - 2, l->w), ch_clamp(s, l->at - l->w / 2, l->w),
		                  ch_clamp(s, l->at - l->w + 2, l->w)};
		bool placed = false;
		for (int pass = 0; pass < 2 && !placed; pass++)
			for (size_t r = 0; r <= s->nrows && r < CH_MAX_ROWS && !placed; r++)
				for (int k = 0; k < 3 && !placed; k++)
					if (ch_fits(s, i, cand[k], l->w, r, pass == 0)) {
						l->x = cand[k];
						l->row = r;
						placed = true;
					}
		if (!placed) { /* a row of its own */
			l->x = cand[0];
			l->row = s->nrows;
		}
		l->placed = true;
		if (l->row + 1 > s->nrows)
			s->nrows = l->row + 1;
	}
}

static struct lay_op *ch_op(struct ch_state *s, enum lay_op_kind kind, enum lay_chart_role role,
                            size_t item)
{
	struct lay_op *op = lay_op_add(s->c, kind);
	op->chart = (unsigned char)role;
	op->row = (unsigned)item;
	return op;
}

static void ch_line(struct ch_state *s, enum lay_chart_role role, size_t item, double x, double y,
                    double dx, double dy, double width, uint32_t color)
{
	struct lay_op *op = ch_op(s, LAY_OP_LINE, role, item);
	op->x = x;
	op->y = y;
	op->w = dx;
	op->h = dy;
	op->size = width;
	op->color = color;
}

static void ch_text(struct ch_state *s, enum lay_chart_role role, size_t item, double x,
                    double base, const char *text, double w, uint32_t color)
{
	struct lay_op *op = ch_op(s, LAY_OP_TEXT, role, item);
	op->x = x;
	op->y = base;
	op->w = w;
	op->h = s->size * LAY_EM_BOX;
	op->font = LAY_SANS;
	op->size = s->size;
	op->color = color;
	op->text = text;
	op->len = strlen(text);
}

static void ch_fill(struct ch_state *s, enum lay_chart_role role, size_t item, double x, double y,
                    double w, double h, uint32_t color)
{
	struct lay_op *op = ch_op(s, LAY_OP_FILL, role, item);
	op->x = x;
	op->y = y;
	op->w = w;
	op->h = h;
	op->color = color;
}

/* Scale ticks under the axis; a tick's label is drawn only when it does not come within
 * CH_GAP of the previous one drawn (and stays inside the chart). */
static void ch_ticks(struct ch_state *s, double axis, double base, uint32_t color)
{
	const struct lay_chart *ch = s->ch;
	double last = -1e300;
	for (size_t i = 0; i < ch->nticks; i++) {
		const struct lay_chart_tick *t = &ch->ticks[i];
		if (t->t < ch->t0 || t->t > ch->t1)
			continue;
		double x = ch_x(s, t->t);
		ch_line(s, LAY_CHART_TICK, i + 1, x, axis, 0, -CH_TICK, 0.5, ch->axis_color);
		double w = ch_width(s, t->label);
		if (w <= 0)
			continue;
		double lx = ch_clamp(s, x - w / 2, w);
		if (lx < last + CH_GAP)
			continue;
		ch_text(s, LAY_CHART_TICK_LABEL, i + 1, lx, base, t->label, w, color);
		last = lx + w;
	}
}

/* Bands in lanes under the scale, one lane each: the label inside the band when it fits,
 * else after its end, else before its start, else inside and clipped to the chart. */
static void ch_bands(struct ch_state *s, double top, double lane)
{
	const struct lay_chart *ch = s->ch;
	for (size_t i = 0; i < ch->nbands; i++) {
		const struct lay_chart_band *b = &ch->bands[i];
		double x0 = ch_x(s, b->from), x1 = ch_x(s, b->to);
		if (x1 - x0 < 2)
			x1 = x0 + 2;
		if (x1 > s->left + s->width)
			x0 -= x1 - (s->left + s->width), x1 = s->left + s->width;
		double y = top - (double)(i + 1) * lane;
		double bh = s->size * LAY_EM_BOX + 2;
		ch_fill(s, LAY_CHART_BAND, i + 1, x0, y + (lane - bh) / 2, x1 - x0, bh, b->color);
		double w = ch_width(s, b->label);
		if (w <= 0)
			continue;
		double base = y + (lane - bh) / 2 + 1 + s->size * LAY_DESCENT;
		double lx;
		uint32_t color = ch->text_color;
		if (w + 6 <= x1 - x0) {
			lx = x0 + 3;
			color = ch->band_text_color;
		} else if (x1 + 3 + w <= s->left + s->width) {
			lx = x1 + 3;
		} else if (x0 - 3 - w >= s->left) {
			lx = x0 - 3 - w;
		} else {
			lx = ch_clamp(s, x0, w);
		}
		ch_text(s, LAY_CHART_BAND_LABEL, i + 1, lx, base, b->label, w, color);
	}
}

void lay_chart_place(struct lay_ctx *c, const struct lay_chart *ch)
{
	struct ch_state s = {.c = c, .ch = ch};
	s.size = ch->size < LAY_CHART_MIN_SIZE ? LAY_CHART_MIN_SIZE : ch->size;
	s.left = c->left + CH_MARK;
	s.width = c->width - 2 * CH_MARK;
	ch_place_labels(&s);
	double row = s.size * LAY_EM_BOX + 2;     /* a row of mark labels */
	double lane = s.size * LAY_EM_BOX + 4;    /* a band's lane */
	double marks = (double)s.nrows * row + 4; /* above the axis */
	double scale = CH_EVENT + s.size * LAY_EM_BOX + 2;
	double h = marks + CH_EVENT + scale + (double)ch->nbands * lane + 2;
	lay_space(c, ch->space_before);
	lay_need_room(c, h);
	double top = c->y, axis = top - marks - CH_EVENT;
	/* bands first, so that everything else is drawn over their lanes */
	ch_bands(&s, axis - scale, lane);
	ch_line(&s, LAY_CHART_AXIS, 0, s.left, axis, s.width, 0, 0.8, ch->axis_color);
	for (size_t i = 0; i < ch->nevents; i++) {
		double x = ch_x(&s, ch->events[i]);
		ch_line(&s, LAY_CHART_EVENT, i + 1, x, axis - CH_EVENT, 0, 2 * CH_EVENT, 0.4,
		        ch->event_color);
	}
	ch_ticks(&s, axis, axis - CH_EVENT - s.size * LAY_ASCENT - 1, ch->text_color);
	for (size_t i = 0; i < ch->nmarks; i++) {
		const struct ch_label *l = &s.lab[i];
		const struct lay_chart_mark *m = &ch->marks[i];
		double x = l->at;
		ch_fill(&s, LAY_CHART_MARK, i + 1, x - CH_MARK, axis - CH_MARK, 2 * CH_MARK,
		        2 * CH_MARK, m->color);
		if (l->w <= 0)
			continue;
		double bottom = axis + CH_EVENT + (double)l->row * row; /* the label's box */
		double base = bottom + 1 + s.size * LAY_DESCENT;
		ch_line(&s, LAY_CHART_LEADER, i + 1, x, axis + CH_MARK, 0, bottom - axis - CH_MARK,
		        0.4, m->color);
		if (x < l->x || x > l->x + l->w) { /* moved aside: a foot to the label */
			double to = x < l->x ? l->x : l->x + l->w;
			ch_line(&s, LAY_CHART_LEADER, i + 1, x, bottom, to - x, 0, 0.4, m->color);
		}
		ch_text(&s, LAY_CHART_LABEL, i + 1, l->x, base, m->label, l->w, ch->text_color);
	}
	c->y = top - h;
	c->at_top = false;
	lay_space(c, ch->space_after);
}
