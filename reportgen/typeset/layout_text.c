/* layout_text.c: measuring runs, Unicode line breaking (libunibreak), filling, line ops. */
#include <stdlib.h>
#include <string.h>

#include <linebreak.h>
#include <pthread.h>

#include "layout_int.h"

/* One character of a block being broken. */
struct lt_ch {
	uint32_t cp;
	uint32_t run;
	uint32_t off; /* byte offset in its run */
	uint8_t len;
	uint8_t font; /* the run's font, or the fallback that has the character */
	char brk;     /* LINEBREAK_* after this character */
	float w;
};

struct lt_chars {
	struct lt_ch *v;
	size_t n;
	bool kept; /* v belongs to the memo */
};

double lay_cpwidth(const struct lay_ctx *c, enum lay_font f, double size, uint32_t cp)
{
	if (cp == '\t')
		cp = ' '; /* drawn as a space */
	else if (lay_invisible(cp))
		return 0;
	return c->m->width(c->m->ctx, f, cp) * size / 1000.0;
}

double lay_strwidth(const struct lay_ctx *c, enum lay_font f, double size, const char *s, size_t n)
{
	double w = 0;
	for (size_t i = 0, k; i < n; i += k)
		w += lay_cpwidth(c, f, size, utf8_next(s + i, n - i, &k));
	return w;
}

static pthread_once_t lt_once = PTHREAD_ONCE_INIT;

static void lt_init(void)
{
	init_linebreak();
}

/* Characters that extend the character before them into one emoji or keycap: zero-width
 * joiner, variation selectors, skin-tone modifiers, tags, the enclosing keycap. */
static bool lt_extends(uint32_t cp)
{
	return cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
	       (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0x20E3;
}

/* libunibreak 1.1 predates emoji sequences: no break inside one (before an extender, after
 * a joiner, inside a pair of regional indicators forming a flag). */
static void lt_emoji_glue(struct lt_chars *out)
{
	size_t ri = 0; /* regional indicators in a row so far */
	for (size_t i = 0; i + 1 < out->n; i++) {
		struct lt_ch *h = &out->v[i];
		uint32_t next = out->v[i + 1].cp;
		bool is_ri = h->cp >= 0x1F1E6 && h->cp <= 0x1F1FF;
		ri = is_ri ? ri + 1 : 0;
		if (h->brk == LINEBREAK_MUSTBREAK)
			continue;
		if (lt_extends(next) || h->cp == 0x200D ||
		    (is_ri && ri % 2 == 1 && next >= 0x1F1E6 && next <= 0x1F1FF))
			h->brk = LINEBREAK_NOBREAK;
	}
}

/* Where a value (lay_run.fit) may break: after these, never after a hyphen. */
static bool lt_value_break(uint32_t cp)
{
	return cp < 0x80 && strchr("/\\?&=.,;:_@#", (int)cp) != NULL && cp != 0;
}

/* Decodes the runs into characters with widths and break opportunities after each.
 * Preformatted text only breaks at newlines (long lines are cut by the filler). */
static void lt_decode(struct lay_ctx *c, const struct lay_run *runs, size_t nruns, double size,
                      bool pre, struct lt_chars *out)
{
	size_t total = 0;
	for (size_t r = 0; r < nruns; r++)
		total += lay_run_len(&runs[r]);
	char *buf = rg_xmalloc(total + 1);
	char *brks = rg_xmalloc(total + 1);
	out->v = rg_xmalloc((total + 1) * sizeof(*out->v));
	out->n = 0;
	size_t pos = 0;
	for (size_t r = 0; r < nruns; r++) {
		if (lay_run_len(&runs[r]) > 0)
			memcpy(buf + pos, runs[r].text, lay_run_len(&runs[r]));
		pos += lay_run_len(&runs[r]);
	}
	pthread_once(&lt_once, lt_init);
	/* libunibreak 1.1 aborts on regional indicators (flags: an assertion that predates
	 * their class); they are broken as ideographs, and lt_emoji_glue keeps pairs together */
	for (size_t i = 0; i + 3 < total; i++)
		if ((unsigned char)buf[i] == 0xF0 && (unsigned char)buf[i + 1] == 0x9F &&
		    (unsigned char)buf[i + 2] == 0x87 && (unsigned char)buf[i + 3] >= 0xA6 &&
		    (unsigned char)buf[i + 3] <= 0xBF)
			memcpy(buf + i, "\xF0\x9F\x8C\x80", 4); /* U+1F300 CYCLONE, class ID */
	if (total > 0)
		set_linebreaks_utf8((const utf8_t *)buf, total, NULL, brks);
	pos = 0;
	for (size_t r = 0; r < nruns; r++) {
		double sz = lay_run_size(&runs[r], size);
		for (size_t i = 0, k; i < lay_run_len(&runs[r]); i += k) {
			struct lt_ch *ch = &out->v[out->n++];
			ch->cp = utf8_next(runs[r].text + i, lay_run_len(&runs[r]) - i, &k);
			ch->run = (uint32_t)r;
			ch->off = (uint32_t)i;
			ch->len = (uint8_t)k;
			char b = brks[pos + i + k - 1];
			if (b == LINEBREAK_INSIDEACHAR) /* invalid UTF-8 decoded differently */
				b = LINEBREAK_NOBREAK;
			if (pre)
				b = ch->cp == '\n' ? LINEBREAK_MUSTBREAK : LINEBREAK_NOBREAK;
			else if (runs[r].value && i + k < lay_run_len(&runs[r]))
				b = lt_value_break(ch->cp) ? LINEBREAK_ALLOWBREAK
				                           : LINEBREAK_NOBREAK;
			ch->brk = b;
			enum lay_font f = runs[r].font < LAY_NFONTS ? runs[r].font : LAY_SANS;
			if (c->m->fallback != NULL && ch->cp >= 0x80)
				f = c->m->fallback(c->m->ctx, f, ch->cp);
			ch->font = (uint8_t)f;
			ch->w = (float)lay_cpwidth(c, f, sz, ch->cp);
		}
		pos += lay_run_len(&runs[r]);
	}
	if (!pre)
		lt_emoji_glue(out);
	free(buf);
	free(brks);
}

/* Decodes the runs into characters with widths and break opportunities after each, or
 * finds them in the memo (out->kept: not to be freed). */
static void lt_chars(struct lay_ctx *c, const struct lay_run *runs, size_t nruns, double size,
                     bool pre, struct lt_chars *out)
{
	struct lay_memo *m = c->m->memo;
	if (m == NULL) {
		lt_decode(c, runs, nruns, size, pre, out);
		out->kept = false;
		return;
	}
	const void *kept = lay_memo_get(m, runs, nruns, size, pre, &out->n);
	if (kept != NULL) {
		out->v = (struct lt_ch *)kept;
		out->kept = true;
		return;
	}
	lt_decode(c, runs, nruns, size, pre, out);
	out->kept = lay_memo_put(m, out->v, out->n, sizeof(*out->v));
}

static void lt_chars_done(struct lt_chars *ch)
{
	if (!ch->kept)
		free(ch->v);
}

static bool lt_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == '\n' || cp == '\r';
}

/* Delimiters a long token is cut after, in order of preference: between fields and path
 * parts first ("destination_port=443," cut after "=" or ",", not after "_"), then inside
 * words and numbers. */
static int lt_delim_tier(uint32_t cp)
{
	if (cp == '/' || cp == '\\' || cp == '?' || cp == '&' || cp == '=' || cp == ',' ||
	    cp == ';')
		return 1;
	if (cp == '.' || cp == '-' || cp == '_' || cp == ':')
		return 2;
	return 0;
}

/* A cut that splits an unbreakable piece starting at i into lines of even width (a 64-digit
 * hash as 32 + 32, not 39 + 25, and no lone last character) when the piece takes at most
 * LT_BALANCE lines; else j. Scans at most LT_BALANCE lines of characters. */
#define LT_BALANCE 4
static size_t lt_balanced(const struct lt_chars *ch, size_t i, size_t j, double width)
{
	double total = 0;
	for (size_t e = i; e < ch->n && !lt_space(ch->v[e].cp); e++) {
		total += ch->v[e].w;
		if (total > LT_BALANCE * width)
			return j;
		if (ch->v[e].brk == LINEBREAK_ALLOWBREAK || ch->v[e].brk == LINEBREAK_MUSTBREAK)
			break;
	}
	int lines = 2;
	while (lines < LT_BALANCE && lines * width < total)
		lines++;
	double target = total / lines, w = 0;
	for (size_t k = i; k < j; k++) {
		w += ch->v[k].w;
		if (w >= target - 1e-6)
			return k + 1;
	}
	return j;
}

/* Where to cut a piece [i, j) that fits when character j does not and no break
 * opportunity exists: after the last space (preformatted text) or field/path delimiter in
 * the later three quarters of the line, else after a word delimiter in the later half,
 * else evenly (lt_balanced). */
static size_t lt_emergency(const struct lt_chars *ch, size_t i, size_t j, double width)
{
	for (size_t k = j; k > i + 1 && k > i + (j - i) / 4; k--)
		if (ch->v[k - 1].cp == ' ' || lt_delim_tier(ch->v[k - 1].cp) == 1)
			return k;
	for (size_t k = j; k > i + 1 && k > i + (j - i) / 2; k--)
		if (lt_delim_tier(ch->v[k - 1].cp) == 2)
			return k;
	return lt_balanced(ch, i, j, width);
}

/* Greedy fill from i: returns the end of the line (exclusive), at least i + 1. */
static size_t lt_fill(const struct lt_chars *ch, size_t i, double width, bool pre)
{
	double w = 0;
	size_t last_ok = 0; /* end after the last break opportunity, 0 = none */
	for (size_t j = i; j < ch->n; j++) {
		const struct lt_ch *c = &ch->v[j];
		if (j > i && w + c->w > width && (pre || !lt_space(c->cp)))
			return last_ok > i ? last_ok : lt_emergency(ch, i, j, width);
		w += c->w;
		if (c->brk == LINEBREAK_MUSTBREAK)
			return j + 1;
		if (c->brk == LINEBREAK_ALLOWBREAK)
			last_ok = j + 1;
	}
	return ch->n;
}

/* Builds one line from characters [i, end), dropping trailing spaces unless pre. */
static void lt_line(struct lay_ctx *c, const struct lay_run *runs, const struct lt_chars *ch,
                    size_t i, size_t end, const struct lay_textstyle *st, struct lay_line *ln)
{
	if (!st->pre)
		while (end > i && lt_space(ch->v[end - 1].cp))
			end--;
	while (end > i && (ch->v[end - 1].cp == '\n' || ch->v[end - 1].cp == '\r'))
		end--;
	size_t nsegs = 0;
	for (size_t k = i; k < end; k++)
		if (k == i || ch->v[k].run != ch->v[k - 1].run ||
		    ch->v[k].font != ch->v[k - 1].font)
			nsegs++;
	ln->segs = nsegs ? rg_arena_alloc(c->arena, nsegs * sizeof(*ln->segs)) : NULL;
	ln->nsegs = 0;
	double x = 0, maxsize = 0;
	for (size_t k = i; k < end; k++) {
		const struct lt_ch *h = &ch->v[k];
		const struct lay_run *r = &runs[h->run];
		if (k == i || h->run != ch->v[k - 1].run || h->font != ch->v[k - 1].font) {
			struct lay_seg *s = &ln->segs[ln->nsegs++];
			s->run = r;
			s->font = (enum lay_font)h->font;
			s->text = r->text + h->off;
			s->len = 0;
			s->x = x;
			s->w = 0;
			s->size = lay_run_size(r, st->size);
			if (s->size > maxsize)
				maxsize = s->size;
		}
		struct lay_seg *s = &ln->segs[ln->nsegs - 1];
		s->len += h->len;
		s->w += h->w;
		x += h->w;
	}
	if (maxsize == 0)
		maxsize = st->size;
	/* the box DejaVu needs, grown to hold every face's ascent, descent and line gap */
	double asc = maxsize * LAY_ASCENT, desc = maxsize * LAY_DESCENT, gap = 0;
	for (size_t k = 0; c->m->vmetrics != NULL && k < ln->nsegs; k++) {
		double a, d, g;
		c->m->vmetrics(c->m->ctx, ln->segs[k].font, &a, &d, &g);
		double sz = ln->segs[k].size;
		/* LAY_ASCENT and LAY_DESCENT are DejaVu's, rounded: within 0.005 em is DejaVu */
		if (a > LAY_ASCENT + 0.005 && a * sz > asc)
			asc = a * sz;
		if (d > LAY_DESCENT + 0.005 && d * sz > desc)
			desc = d * sz;
		if (g > 0.005 && g * sz > gap)
			gap = g * sz;
	}
	double extra = asc + desc + gap - maxsize * LAY_EM_BOX;
	ln->width = x;
	ln->height = maxsize * st->leading + (extra > 1e-9 ? extra : 0);
	ln->baseline = (ln->height - asc - desc) / 2 + asc;
}

void lay_break(struct lay_ctx *c, const struct lay_run *runs, size_t nruns,
               const struct lay_textstyle *st, struct lay_lines *out)
{
	struct lt_chars ch;
	lt_chars(c, runs, nruns, st->size, st->pre, &ch);
	size_t cap = 4;
	out->v = rg_arena_alloc(c->arena, cap * sizeof(*out->v));
	out->n = 0;
	out->height = 0;
	size_t i = 0;
	for (;;) {
		if (!st->pre)
			while (i < ch.n && (ch.v[i].cp == ' ' || ch.v[i].cp == '\t'))
				i++;
		if (i >= ch.n && out->n > 0)
			break;
		size_t end = i < ch.n ? lt_fill(&ch, i, st->width, st->pre) : i;
		if (out->n == cap) {
			struct lay_line *v = rg_arena_alloc(c->arena, 2 * cap * sizeof(*v));
			memcpy(v, out->v, cap * sizeof(*v));
			out->v = v;
			cap *= 2;
		}
		lt_line(c, runs, &ch, i, end, st, &out->v[out->n]);
		out->height += out->v[out->n].height;
		out->n++;
		i = end;
		if (i >= ch.n)
			break;
	}
	lt_chars_done(&ch);
}

static bool lt_digit(const struct lt_chars *ch, size_t i)
{
	return i < ch->n && ch->v[i].cp >= '0' && ch->v[i].cp <= '9';
}

void lay_measure(struct lay_ctx *c, const struct lay_run *runs, size_t nruns, double size, bool pre,
                 double *minw, double *maxw, double *wordw)
{
	struct lt_chars ch;
	lt_chars(c, runs, nruns, size, pre, &ch);
	double piece = 0, line = 0, word = 0, wmax = 0;
	*minw = *maxw = 0;
	for (size_t i = 0; i < ch.n; i++) {
		const struct lt_ch *h = &ch.v[i];
		bool sp = lt_space(h->cp);
		if (!sp || pre)
			piece += h->w;
		line += h->w;
		if (piece > *minw)
			*minw = piece;
		if (line > *maxw)
			*maxw = line;
		/* a word: up to a space or a forced break; a space between digits joins (a date
		 * and its time, "18 342"); values (lay_run.value) are no words: they break at
		 * their delimiters */
		if (runs[h->run].value || (sp && !(h->cp == ' ' && i > 0 && lt_digit(&ch, i - 1) &&
		                                   lt_digit(&ch, i + 1))))
			word = 0;
		else
			word += h->w;
		if (word > wmax)
			wmax = word;
		if (h->brk == LINEBREAK_MUSTBREAK)
			word = 0;
		if (h->brk != LINEBREAK_NOBREAK || (sp && !pre))
			piece = 0;
		if (h->brk == LINEBREAK_MUSTBREAK)
			line = 0;
	}
	if (wordw != NULL)
		*wordw = wmax;
	lt_chars_done(&ch);
}

/* Default colour of a run: its own, the link colour for links, else the block's. */
static uint32_t lt_color(const struct lay_ctx *c, const struct lay_run *r, uint32_t dflt)
{
	if (r->color != LAY_NOCOLOR)
		return r->color;
	if ((r->uri != NULL || r->dest != NULL) && c->spec->link_color != LAY_NOCOLOR)
		return c->spec->link_color;
	return dflt;
}

static void lt_emit_seg(struct lay_ctx *c, const struct lay_seg *s, double x, double base,
                        uint32_t dflt)
{
	const struct lay_run *r = s->run;
	if (r->bg != LAY_NOCOLOR)
		lay_fill(c, x - 1.5, base - s->size * LAY_DESCENT - 0.5, s->w + 3,
		         s->size * LAY_EM_BOX + 1, r->bg);
	struct lay_op *op = lay_op_add(c, LAY_OP_TEXT);
	op->x = x;
	op->y = base;
	op->font = s->font;
	op->size = s->size;
	op->color = lt_color(c, r, dflt);
	op->text = s->text;
	op->len = s->len;
	if (r->value && s->len < lay_run_len(r)) { /* a piece of a broken value */
		if (s->text == r->text) {
			op->span |= LAY_SPAN_BEGIN;
			op->actual = r->text;
			op->actual_len = r->len;
		}
		if (s->text + s->len == r->text + r->len)
			op->span |= LAY_SPAN_END;
	}
	if (r->uri != NULL || r->dest != NULL) {
		op = lay_op_add(c, LAY_OP_LINK);
		op->x = x;
		op->y = base - s->size * LAY_DESCENT;
		op->w = s->w;
		op->h = s->size * LAY_EM_BOX;
		op->uri = r->uri;
		op->dest = r->dest;
	}
}

double lay_emit_lines(struct lay_ctx *c, const struct lay_lines *ls, size_t from, size_t to,
                      double x, double ytop, const struct lay_textstyle *st)
{
	double y = ytop;
	for (size_t i = from; i < to && i < ls->n; i++) {
		const struct lay_line *ln = &ls->v[i];
		double dx = 0;
		if (st->align == LAY_CENTER)
			dx = (st->width - ln->width) / 2;
		else if (st->align == LAY_RIGHT)
			dx = st->width - ln->width;
		if (dx < 0)
			dx = 0;
		for (size_t k = 0; k < ln->nsegs; k++)
			if (ln->segs[k].len > 0)
				lt_emit_seg(c, &ln->segs[k], x + dx + ln->segs[k].x,
				            y - ln->baseline, st->color);
		y -= ln->height;
	}
	return ytop - y;
}

void lay_place_lines(struct lay_ctx *c, const struct lay_lines *ls, double x,
                     const struct lay_textstyle *st)
{
	for (size_t k = 0; k < ls->n; k++) {
		if (ls->v[k].height > lay_room(c) + 1e-6 && !c->at_top)
			lay_newpage(c);
		c->y -= lay_emit_lines(c, ls, k, k + 1, x, c->y, st);
		c->at_top = false;
	}
}
