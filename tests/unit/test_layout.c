/* test_layout.c: the typesetter's decisions (line breaks, tables, pages, TOC) with fixed-width
 * metrics, a golden dump of a small flow, and one real PDF checked with poppler and qpdf. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"
#include <jpeglib.h>

#include "layout.h"
#include "reportgen.h"

#define EPS 1e-6

/* Every glyph is half an em wide: at 10 pt a character is 5 pt. */
static double fake_width(void *ctx, enum lay_font f, uint32_t cp)
{
	(void)ctx;
	(void)f;
	(void)cp;
	return 500;
}

static const struct lay_metrics fake = {fake_width, NULL, NULL, NULL, NULL, NULL};

/* A 200 x 300 pt page with a 100 x 200 text area (margins 50), no furniture. */
static struct lay_page_spec small_page(void)
{
	struct lay_page_spec s = {0};
	s.width = 200;
	s.height = 300;
	s.margin_top = s.margin_right = s.margin_bottom = s.margin_left = 50;
	s.link_color = 0x0000FF;
	return s;
}

struct fx {
	struct rg_arena *a;
	struct lay_flow f;
};

static void fx_init(struct fx *x)
{
	x->a = rg_arena_new();
	lay_flow_init(&x->f, x->a);
}

static struct lay_run run(const char *t, enum lay_font font)
{
	struct lay_run r = {
	        .text = t, .len = strlen(t), .font = font, .color = LAY_NOCOLOR, .bg = LAY_NOCOLOR};
	return r;
}

static struct lay_para *para(struct fx *x, const char *text, bool pre)
{
	struct lay_elem *e = lay_flow_add(&x->f, LAY_E_PARA);
	e->u.para.size = 10;
	e->u.para.leading = 1.2;
	e->u.para.preformatted = pre;
	struct lay_run r = run(text, pre ? LAY_MONO : LAY_SANS);
	lay_runs_add(x->a, &e->u.para.runs, &r);
	return &e->u.para;
}

static struct lay_heading *heading(struct fx *x, int level, const char *text, const char *anchor)
{
	struct lay_elem *e = lay_flow_add(&x->f, LAY_E_HEADING);
	e->u.heading.level = level;
	e->u.heading.text = text;
	e->u.heading.anchor = anchor;
	e->u.heading.in_toc = true;
	e->u.heading.size = 10;
	return &e->u.heading;
}

/* A table whose cell (r, c) holds "r<r>c<c>" and row 0 "HDR<c>". */
static struct lay_table *table(struct fx *x, size_t nrows, size_t ncols)
{
	struct lay_elem *e = lay_flow_add(&x->f, LAY_E_TABLE);
	struct lay_table *t = &e->u.table;
	t->ncols = ncols;
	t->nrows = nrows;
	t->header = true;
	t->size = 10;
	t->padding = 2;
	t->zebra_bg = 0xEEEEEE;
	t->header_bg = 0x000080;
	t->cells = rg_arena_alloc(x->a, nrows * ncols * sizeof(*t->cells));
	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c < ncols; c++) {
			struct lay_cell *cell = &t->cells[r * ncols + c];
			cell->bg = LAY_NOCOLOR;
			const char *s = r == 0 ? rg_arena_printf(x->a, "HDR%zu", c)
			                       : rg_arena_printf(x->a, "r%zuc%zu", r, c);
			struct lay_run rr = run(s, LAY_SANS);
			lay_runs_add(x->a, &cell->runs, &rr);
		}
	return t;
}

static bool op_is(const struct lay_op *o, const char *s)
{
	return o->kind == LAY_OP_TEXT && o->len == strlen(s) && memcmp(o->text, s, o->len) == 0;
}

/* Every op lies inside the page's text area (no furniture in these tests). */
static void assert_inside(const struct lay_result *r, const struct lay_page_spec *s)
{
	for (size_t p = 0; p < r->npages; p++)
		for (size_t i = 0; i < r->pages[p].nops; i++) {
			const struct lay_op *o = &r->pages[p].ops[i];
			double bottom = o->y;
			if (o->kind == LAY_OP_TEXT)
				bottom = o->y - o->size * 0.236;
			assert_true(bottom >= s->margin_bottom - 0.01);
			assert_true(o->y + (o->kind == LAY_OP_TEXT ? 0 : o->h) <=
			            s->height - s->margin_top + 0.01);
			if (o->kind == LAY_OP_TEXT)
				assert_true(o->x + 5.0 * (double)o->len * o->size / 10 >= 0);
		}
}

static void test_break_widths(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	para(&x, "abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd", false);
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_int_equal(r->npages, 1);
	assert_int_equal(r->pages[0].nops, 3);
	/* 20 characters of 5 pt fit in 100 pt: four words a line */
	assert_true(op_is(&r->pages[0].ops[0], "abcd abcd abcd abcd"));
	assert_true(op_is(&r->pages[0].ops[1], "abcd abcd abcd abcd"));
	assert_true(op_is(&r->pages[0].ops[2], "abcd abcd"));
	assert_true(r->pages[0].ops[0].y - r->pages[0].ops[1].y > 11.99);
	assert_true(r->pages[0].ops[0].y - r->pages[0].ops[1].y < 12.01);
	rg_arena_free(x.a);
}

static bool utf8_whole(const char *s, size_t n)
{
	if (n == 0)
		return true;
	if (((unsigned char)s[0] & 0xC0) == 0x80)
		return false;
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (i + k > n)
			return false;
		i += k;
	}
	return true;
}

static void test_long_token(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	char tok[1200] = "";
	for (int i = 0; i < 60; i++)
		strcat(tok, i % 3 ? "\xC3\xA9\xD0\xB6"
		                  : "\xE2\x82\xAC"
		                    "a"); /* éж / €a */
	para(&x, tok, false);
	/* a URL prefers to break after a delimiter */
	para(&x, "https://example.com/aaaaaaaaaa/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", false);
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_int_equal(r->npages, 1);
	char joined[1200] = "";
	size_t nlines = 0;
	const struct lay_op *last = NULL;
	for (size_t i = 0; i < r->pages[0].nops; i++) {
		const struct lay_op *o = &r->pages[0].ops[i];
		assert_int_equal(o->kind, LAY_OP_TEXT);
		assert_true(utf8_whole(o->text, o->len));
		size_t nch = 0;
		for (size_t k = 0; k < o->len; k++)
			nch += ((unsigned char)o->text[k] & 0xC0) != 0x80;
		assert_true(o->x - 50 + 5.0 * (double)nch <= 100 + EPS);
		if (o->text >= x.f.v[0].u.para.runs.v[0].text &&
		    o->text < x.f.v[0].u.para.runs.v[0].text + strlen(tok)) {
			strncat(joined, o->text, o->len);
			nlines++;
		}
		last = o;
	}
	assert_string_equal(joined, tok);
	assert_true(nlines >= 6 && nlines <= 7); /* 120 characters, <= 20 a line */
	assert_true(op_is(&r->pages[0].ops[nlines], "https://example.com/"));
	assert_true(op_is(&r->pages[0].ops[nlines + 1], "aaaaaaaaaa/"));
	assert_true(last->len == 16); /* 32 b's after the last '/' are cut evenly: 16 + 16 */
	assert_true(op_is(&r->pages[0].ops[nlines + 2], "bbbbbbbbbbbbbbbb"));
	rg_arena_free(x.a);
}

static void test_preformatted(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	para(&x, "  two spaces\n\nabcdefghijabcdefghijXY\n", true);
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	const struct lay_page *p = &r->pages[0];
	assert_int_equal(p->nops, 3);
	assert_true(op_is(&p->ops[0], "  two spaces"));
	/* 22 characters on lines of 20: cut evenly, no lone "XY" */
	assert_true(op_is(&p->ops[1], "abcdefghija"));
	assert_true(op_is(&p->ops[2], "bcdefghijXY"));
	/* the empty line keeps its height */
	assert_true(p->ops[0].y - p->ops[1].y > 23.99 && p->ops[0].y - p->ops[1].y < 24.01);
	rg_arena_free(x.a);
}

/* Long code lines are cut after a field or path delimiter ('=', ',', '\') before a word
 * delimiter ('_', '.'): "destination_address=" stays whole. */
static void test_code_cut_delimiters(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page(); /* 20 characters a line */
	para(&x, "src=1,destination_address=45.33.23.183\n", true);
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	const struct lay_page *p = &r->pages[0];
	assert_int_equal(p->nops, 3);
	assert_true(op_is(&p->ops[0], "src=1,"));
	assert_true(op_is(&p->ops[1], "destination_address="));
	assert_true(op_is(&p->ops[2], "45.33.23.183"));
	rg_arena_free(x.a);
}

/* A token of 41 characters on lines of 20 is cut evenly into three lines: no lone last
 * character (its last character counts too). */
static void test_balanced_cut(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	para(&x, "0123456789abcdefghij0123456789ABCDEFGHIJK", false);
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	const struct lay_page *p = &r->pages[0];
	assert_int_equal(p->nops, 3);
	assert_true(op_is(&p->ops[0], "0123456789abcd"));
	assert_true(op_is(&p->ops[1], "efghij01234567"));
	assert_true(op_is(&p->ops[2], "89ABCDEFGHIJK"));
	rg_arena_free(x.a);
}

static void test_link_every_line(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	struct lay_para *p = para(&x, "see ", false);
	struct lay_run r = run("one two three four five six seven eight nine ten", LAY_SANS);
	r.uri = "https://example.com/";
	lay_runs_add(x.a, &p->runs, &r);
	r = run(" end", LAY_SANS_BOLD);
	r.bg = 0xEEEEEE;
	lay_runs_add(x.a, &p->runs, &r);
	struct lay_result *res = lay_paginate(&x.f, &s, &fake, x.a);
	size_t links = 0, fills = 0;
	for (size_t i = 0; i < res->pages[0].nops; i++) {
		const struct lay_op *o = &res->pages[0].ops[i];
		if (o->kind == LAY_OP_LINK) {
			assert_string_equal(o->uri, "https://example.com/");
			assert_true(i > 0 && res->pages[0].ops[i - 1].kind == LAY_OP_TEXT);
			assert_int_equal(res->pages[0].ops[i - 1].color, 0x0000FF);
			links++;
		}
		fills += o->kind == LAY_OP_FILL;
	}
	assert_int_equal(links, 3); /* the link run spans three lines */
	assert_int_equal(fills, 1);
	rg_arena_free(x.a);
}

static enum lay_font fake_fallback(void *ctx, enum lay_font f, uint32_t cp)
{
	(void)ctx;
	return f == LAY_MONO && cp == 0x2103 ? LAY_SANS : f;
}

static void test_fallback_font(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	struct lay_metrics m = fake;
	m.fallback = fake_fallback;
	para(&x, "20\xE2\x84\x83 ok", true);
	struct lay_result *r = lay_paginate(&x.f, &s, &m, x.a);
	const struct lay_page *p = &r->pages[0];
	assert_int_equal(p->nops, 3);
	assert_true(op_is(&p->ops[0], "20") && p->ops[0].font == LAY_MONO);
	assert_true(op_is(&p->ops[1], "\xE2\x84\x83") && p->ops[1].font == LAY_SANS);
	assert_true(op_is(&p->ops[2], " ok") && p->ops[2].font == LAY_MONO);
	assert_true(p->ops[1].x > p->ops[0].x + 9.99 && p->ops[2].x > p->ops[1].x + 4.99);
	rg_arena_free(x.a);
}

/* A face taller than DejaVu (fallback 1 here: ascent 1.2 em, descent 0.5 em) grows the line
 * box it is on, and only that one; DejaVu's own metrics change nothing. */
static void tall_vmetrics(void *ctx, enum lay_font f, double *a, double *d, double *g)
{
	(void)ctx;
	*a = f == LAY_FALLBACK ? 1.2 : 0.928; /* DejaVu: 0.928, 0.236 */
	*d = f == LAY_FALLBACK ? 0.5 : 0.236;
	*g = 0;
}

static enum lay_font tall_fallback(void *ctx, enum lay_font f, uint32_t cp)
{
	(void)ctx;
	return cp == 0x4E2D ? LAY_FALLBACK : f;
}

static void test_face_metrics(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	struct lay_metrics m = fake;
	m.fallback = tall_fallback;
	m.vmetrics = tall_vmetrics;
	para(&x, "ab", false);
	para(&x, "c\xE4\xB8\xAD", false); /* c中 */
	para(&x, "d", false);
	struct lay_result *r = lay_paginate(&x.f, &s, &m, x.a);
	const struct lay_page *p = &r->pages[0];
	assert_int_equal(p->nops, 4);
	assert_true(op_is(&p->ops[2], "\xE4\xB8\xAD") && p->ops[2].font == LAY_FALLBACK);
	/* 10 pt, leading 1.2: 12 pt lines; the tall one needs 17 - 11.64 pt more */
	assert_true(fabs((p->ops[0].y - p->ops[3].y) - (24 + 17 - 11.64)) < 1e-6);
	/* without face metrics (DejaVu's everywhere) every line is 12 pt */
	m.vmetrics = NULL;
	r = lay_paginate(&x.f, &s, &m, x.a);
	p = &r->pages[0];
	assert_true(fabs((p->ops[0].y - p->ops[3].y) - 24) < 1e-6);
	rg_arena_free(x.a);
}

static void test_table_widths(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	struct lay_table *t = table(&x, 4, 3);
	struct lay_run r = run("0123456789012345678901234567890123456789", LAY_MONO);
	t->cells[4].runs.n = 0;
	lay_runs_add(x.a, &t->cells[4].runs, &r);
	struct lay_table *kv = table(&x, 2, 2);
	kv->header = false;
	kv->keyvalue = true;
	r = run("a very long key that would take the whole width", LAY_SANS);
	kv->cells[0].runs.n = 0;
	lay_runs_add(x.a, &kv->cells[0].runs, &r);
	struct lay_result *res = lay_paginate(&x.f, &s, &fake, x.a);
	assert_inside(res, &s);
	for (size_t p = 0; p < res->npages; p++)
		for (size_t i = 0; i < res->pages[p].nops; i++) {
			const struct lay_op *o = &res->pages[p].ops[i];
			if (o->kind == LAY_OP_FILL)
				assert_true(o->x >= 50 - EPS && o->x + o->w <= 150 + EPS);
			if (o->kind == LAY_OP_TEXT)
				assert_true(o->x + 5.0 * (double)o->len <= 150 + EPS);
			/* key/value: the value column starts within 35 % of the width */
			if (op_is(o, "r1c1"))
				assert_true(o->x <= 50 + 35 + 2 + EPS);
		}
	rg_arena_free(x.a);
}

/* Counts the characters measured; a width that depends on the character, so that a memo
 * entry taken for another text would show in the layout. */
static unsigned long memo_measured;

static double counted_width(void *ctx, enum lay_font f, uint32_t cp)
{
	(void)ctx;
	(void)f;
	memo_measured++;
	return cp == 'W' ? 900 : cp == 'i' ? 250 : 500;
}

static char *memo_layout(struct fx *x, const struct lay_page_spec *s, struct lay_memo *memo,
                         unsigned long *measured)
{
	struct lay_metrics m = fake;
	m.width = counted_width;
	m.memo = memo;
	memo_measured = 0;
	char *dump = lay_dump(lay_paginate(&x->f, s, &m, x->a));
	*measured = memo_measured;
	return dump;
}

/* The memo of measured text: a layout with it is the one without it; a second layout with
 * the same memo measures nothing again; a block whose text changed in place (same runs,
 * same pointer) is measured anew; a memo too small to hold anything changes nothing. */
static void test_memo(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	char text[] = "iiii iiii iiii iiii iiii iiii";
	para(&x, text, false);
	table(&x, 6, 3);
	para(&x, "a second paragraph with some words to break", false);
	unsigned long plain, first, again, none;
	char *want = memo_layout(&x, &s, NULL, &plain);
	struct lay_memo *memo = lay_memo_new((size_t)1 << 20);
	char *got = memo_layout(&x, &s, memo, &first);
	assert_string_equal(got, want);
	assert_true(first > 0 && first < plain); /* cells are measured, then broken */
	free(got);
	got = memo_layout(&x, &s, memo, &again);
	assert_string_equal(got, want);
	assert_int_equal(again, 0);
	free(got);
	memcpy(text, "WWWW", 4); /* same runs, same pointer, other text: wider, other lines */
	unsigned long changed, changed_plain;
	char *want2 = memo_layout(&x, &s, NULL, &changed_plain);
	assert_string_not_equal(want2, want);
	got = memo_layout(&x, &s, memo, &changed);
	assert_string_equal(got, want2);
	assert_true(changed > 0 && changed < changed_plain);
	free(got);
	lay_memo_free(memo);
	memo = lay_memo_new(0);
	got = memo_layout(&x, &s, memo, &none);
	assert_string_equal(got, want2);
	assert_int_equal(none, changed_plain);
	free(got);
	lay_memo_free(memo);
	free(want);
	free(want2);
	rg_arena_free(x.a);
}

/* A short column (a host name, a status) stays on one line next to a long prose column,
 * even though UAX #14 could break "WS-FIN-014" after its hyphens. */
static void test_table_narrow_first(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	s.width = 500; /* text width 400 */
	struct lay_table *t = table(&x, 2, 3);
	const char *texts[] = {"Action",
	                       "Target",
	                       "Status",
	                       "isolate the host and then reset the password of the account and "
	                       "block the sender domain at the mail gateway now",
	                       "WS-FIN-014",
	                       "Done"};
	for (size_t i = 0; i < 6; i++) {
		struct lay_run r = run(texts[i], LAY_SANS);
		t->cells[i].runs.n = 0;
		lay_runs_add(x.a, &t->cells[i].runs, &r);
	}
	struct lay_result *res = lay_paginate(&x.f, &s, &fake, x.a);
	assert_inside(res, &s);
	bool whole = false;
	size_t prose_lines = 0;
	for (size_t i = 0; i < res->pages[0].nops; i++) {
		const struct lay_op *o = &res->pages[0].ops[i];
		whole |= op_is(o, "WS-FIN-014");
		prose_lines += o->kind == LAY_OP_TEXT && o->x < 60 && !op_is(o, "Action");
	}
	assert_true(whole);
	assert_true(prose_lines >= 2); /* the prose column wraps instead */
	rg_arena_free(x.a);
}

/* fit_page: level-3 entries are left out when that lets the contents fit on its page. */
static void test_toc_fit_page(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	struct lay_elem *e = lay_flow_add(&x.f, LAY_E_TOC);
	e->u.toc.title = "Contents";
	e->u.toc.size = 8;
	e->u.toc.fit_page = true;
	lay_flow_add(&x.f, LAY_E_PAGEBREAK);
	for (int i = 0; i < 18; i++) {
		heading(&x, 1 + i % 3, rg_arena_printf(x.a, "L%dS%d", 1 + i % 3, i),
		        rg_arena_printf(x.a, "a%d", i));
		para(&x, "text", false);
	}
	struct lay_result *res = lay_paginate(&x.f, &s, &fake, x.a);
	assert_int_equal(res->nmarks, 18);
	size_t shown[4] = {0};
	for (size_t p = 0; p < res->npages; p++)
		for (size_t i = 0; i < res->pages[p].nops; i++) {
			const struct lay_op *o = &res->pages[p].ops[i];
			if (o->kind == LAY_OP_TEXT && o->len > 2 && o->text[0] == 'L' &&
			    o->size == 8) {
				assert_int_equal(p, 0);
				shown[o->text[1] - '0']++;
				assert_int_equal(o[3].kind, LAY_OP_LINK);
				assert_true(o[2].len > 0 && o[2].text[0] >= '2'); /* numbered */
			}
		}
	assert_int_equal(shown[1], 6);
	assert_int_equal(shown[2], 6);
	assert_int_equal(shown[3], 0);
	rg_arena_free(x.a);
}

/* A table does not start with one lone row at the foot of a page: its first two rows go
 * together (here: room for one 17 pt row is left, so the table starts on page 2). */
static void test_table_lead_rows(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	for (int i = 0; i < 15; i++)
		para(&x, "x", false); /* 15 lines of 12 pt: 20 pt left */
	struct lay_table *t = table(&x, 5, 2);
	t->header = false;
	t->keyvalue = true;
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_int_equal(r->npages, 2);
	bool first_on_2 = false, on_1 = false;
	for (size_t i = 0; i < r->pages[1].nops; i++)
		first_on_2 |= op_is(&r->pages[1].ops[i], "HDR0");
	for (size_t i = 0; i < r->pages[0].nops; i++)
		on_1 |= r->pages[0].ops[i].kind == LAY_OP_TEXT && r->pages[0].ops[i].text[0] != 'x';
	assert_true(first_on_2);
	assert_false(on_1);
	rg_arena_free(x.a);
}

/* Nor does a table end with its short last row alone at the top of a page: the row before
 * it goes along (room for four of five 17 pt rows: three stay, two move). */
static void test_table_widow_row(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	for (int i = 0; i < 11; i++)
		para(&x, "x", false); /* 11 lines of 12 pt: 68 pt left */
	struct lay_table *t = table(&x, 5, 2);
	t->header = false;
	t->keyvalue = true;
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_int_equal(r->npages, 2);
	const char *page1[] = {"HDR0", "r1c0", "r2c0"}, *page2[] = {"r3c0", "r4c0"};
	for (size_t k = 0; k < 3; k++) {
		bool found = false;
		for (size_t i = 0; i < r->pages[0].nops; i++)
			found |= op_is(&r->pages[0].ops[i], page1[k]);
		assert_true(found);
	}
	for (size_t k = 0; k < 2; k++) {
		bool found = false;
		for (size_t i = 0; i < r->pages[1].nops; i++)
			found |= op_is(&r->pages[1].ops[i], page2[k]);
		assert_true(found);
	}
	rg_arena_free(x.a);
}

/* Column widths stay fast with very many columns (the narrow-first pass sorts once). */
static void test_table_many_columns(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	struct lay_elem *e = lay_flow_add(&x.f, LAY_E_TABLE);
	struct lay_table *t = &e->u.table;
	t->ncols = 100000;
	t->nrows = 1;
	t->size = 10;
	t->padding = 0;
	t->cells = rg_arena_alloc(x.a, t->ncols * sizeof(*t->cells));
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[c].bg = LAY_NOCOLOR;
	struct lay_run r =
	        run("a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f", LAY_SANS);
	lay_runs_add(x.a, &t->cells[t->ncols / 2].runs, &r);
	clock_t t0 = clock();
	struct lay_result *res = lay_paginate(&x.f, &s, &fake, x.a);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 2.0);
	assert_inside(res, &s);
	rg_arena_free(x.a);
}

static void test_table_pages(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	para(&x, "before", false);
	table(&x, 3001, 2);
	clock_t t0 = clock();
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 2.0);
	assert_true(r->npages > 100);
	assert_inside(r, &s);
	size_t seen = 0;
	for (size_t p = 0; p < r->npages; p++) {
		size_t hdr = 0, rows = 0;
		double hdr_y = 0;
		for (size_t i = 0; i < r->pages[p].nops; i++) {
			const struct lay_op *o = &r->pages[p].ops[i];
			if (op_is(o, "HDR0")) {
				hdr++;
				hdr_y = o->y;
			}
			if (o->kind == LAY_OP_TEXT && o->text[0] == 'r' &&
			    o->text[o->len - 1] == '0') {
				char want[32];
				snprintf(want, sizeof(want), "r%zuc0", ++seen);
				assert_true(
				        op_is(o, want)); /* rows in order, none lost or repeated */
				assert_true(o->y < hdr_y);
				rows++;
			}
		}
		assert_int_equal(hdr, 1);
		assert_true(rows > 0);
	}
	assert_int_equal(seen, 3000);
	rg_arena_free(x.a);
}

static void test_tall_row_splits(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	struct lay_table *t = table(&x, 3, 1);
	char *big = rg_arena_alloc(x.a, 2000);
	for (int i = 0; i < 60; i++)
		strcat(big, "word word word word\n");
	struct lay_run r = run(big, LAY_SANS);
	t->cells[1].runs.n = 0;
	t->cells[1].preformatted = true;
	lay_runs_add(x.a, &t->cells[1].runs, &r);
	struct lay_result *res = lay_paginate(&x.f, &s, &fake, x.a);
	assert_inside(res, &s);
	assert_true(res->npages >= 4);
	size_t lines = 0;
	for (size_t p = 0; p < res->npages; p++)
		for (size_t i = 0; i < res->pages[p].nops; i++)
			lines += op_is(&res->pages[p].ops[i], "word word word word");
	assert_int_equal(lines, 60);
	rg_arena_free(x.a);
}

/* Index of the page holding a text op equal to s, or -1. */
static int page_of(const struct lay_result *r, const char *s)
{
	for (size_t p = 0; p < r->npages; p++)
		for (size_t i = 0; i < r->pages[p].nops; i++)
			if (op_is(&r->pages[p].ops[i], s))
				return (int)p;
	return -1;
}

static void test_keep_with_next(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	/* 200 pt of text area, 12 pt lines: 15 lines fill 180 pt */
	for (int i = 0; i < 15; i++)
		para(&x, "filler", false);
	heading(&x, 1, "Heading", "h1");
	para(&x, "first second third fourth fifth sixth seventh", false);
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_int_equal(r->npages, 2);
	assert_int_equal(page_of(r, "Heading"), 1);
	assert_int_equal(page_of(r, "first second third"), 1);
	assert_int_equal(r->nmarks, 1);
	assert_int_equal(r->marks[0].page, 1);
	assert_true(r->marks[0].y > 249.99 && r->marks[0].y < 250.01);
	rg_arena_free(x.a);
}

/* Count of text ops on page p. */
static size_t texts_on(const struct lay_result *r, size_t p)
{
	size_t n = 0;
	for (size_t i = 0; i < r->pages[p].nops; i++)
		n += r->pages[p].ops[i].kind == LAY_OP_TEXT;
	return n;
}

static void test_orphans_widows(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	/* 16 lines of 12 pt a page: after 15, a 3-line paragraph moves whole */
	for (int i = 0; i < 15; i++)
		para(&x, "filler", false);
	para(&x, "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii", false);
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_int_equal(r->npages, 2);
	assert_int_equal(texts_on(r, 0), 15);
	assert_int_equal(texts_on(r, 1), 3);
	rg_arena_free(x.a);
	/* after 13, a 4-line paragraph leaves two lines, not one, for the next page */
	fx_init(&x);
	for (int i = 0; i < 13; i++)
		para(&x, "filler", false);
	para(&x, "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm", false);
	r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_int_equal(r->npages, 2);
	assert_int_equal(texts_on(r, 0), 15);
	assert_int_equal(texts_on(r, 1), 2);
	rg_arena_free(x.a);
}

/* Many flows of headings and paragraphs of varied lengths and spacing: no page ends with
 * a heading, and every heading has at least two lines of its paragraph under it. */
static void test_heading_never_last(void **state)
{
	(void)state;
	static const char *const lens[] = {"a", "aaaa bbbb cccc dddd eeee",
	                                   "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii",
	                                   "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk "
	                                   "llll mmmm nnnn oooo pppp qqqq rrrr"};
	struct lay_page_spec s = small_page();
	unsigned seed = 12345;
	for (int flow = 0; flow < 60; flow++) {
		struct fx x;
		fx_init(&x);
		for (int i = 0; i < 30; i++) {
			seed = seed * 1103515245u + 12345u;
			struct lay_heading *h = heading(&x, 1 + (int)(seed >> 8) % 3, "H", NULL);
			h->font = LAY_SANS_BOLD;
			h->space_before = (double)((seed >> 12) % 13);
			h->space_after = (double)((seed >> 16) % 9);
			h->rule = (seed >> 20) % 2 ? 0x999999 : LAY_NOCOLOR;
			if ((seed >> 21) % 2)
				lay_flow_add(&x.f, LAY_E_SPACE)->u.space =
				        (double)((seed >> 4) % 11);
			for (unsigned k = 0; k <= (seed >> 22) % 2; k++)
				para(&x, lens[(seed >> (24 + 2 * k)) % 4], false)->space_before =
				        (double)((seed >> 28) % 5);
		}
		struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
		assert_inside(r, &s);
		for (size_t p = 0; p < r->npages; p++) {
			const struct lay_page *pg = &r->pages[p];
			size_t last = pg->nops;
			while (last > 0 && pg->ops[last - 1].kind != LAY_OP_TEXT)
				last--;
			assert_true(last > 0);
			assert_int_not_equal(pg->ops[last - 1].font, LAY_SANS_BOLD);
			/* a heading, then two lines, or a one-line paragraph */
			for (size_t i = 0; i < pg->nops; i++)
				if (pg->ops[i].font == LAY_SANS_BOLD &&
				    pg->ops[i].kind == LAY_OP_TEXT) {
					size_t after = 0, first = 0;
					for (size_t k = i + 1; k < pg->nops && after < 2; k++)
						if (pg->ops[k].kind == LAY_OP_TEXT && after++ == 0)
							first = k;
					assert_true(after == 2 || op_is(&pg->ops[first], "a") ||
					            (flow == 59 && p == r->npages - 1));
				}
		}
		rg_arena_free(x.a);
	}
}

static void test_space_and_breaks(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	para(&x, "one", false);
	lay_flow_add(&x.f, LAY_E_PAGEBREAK);
	lay_flow_add(&x.f, LAY_E_PAGEBREAK); /* no empty page */
	lay_flow_add(&x.f, LAY_E_SPACE)->u.space = 40;
	para(&x, "two", false);
	lay_flow_add(&x.f, LAY_E_SPACE)->u.space = 40;
	para(&x, "three", false);
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_int_equal(r->npages, 2);
	const struct lay_op *two = &r->pages[1].ops[0], *three = &r->pages[1].ops[1];
	assert_true(op_is(two, "two"));
	assert_true(two->y > 250 - 12 && two->y < 250 - 6); /* the space was dropped */
	assert_true(two->y - three->y > 51.99 && two->y - three->y < 52.01);
	rg_arena_free(x.a);
}

static void test_toc(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	struct lay_elem *e = lay_flow_add(&x.f, LAY_E_TOC);
	e->u.toc.title = "Contents";
	e->u.toc.size = 8;
	lay_flow_add(&x.f, LAY_E_PAGEBREAK);
	char *names[40];
	for (int i = 0; i < 40; i++) {
		names[i] = rg_arena_printf(x.a, "S%d", i);
		struct lay_heading *h = heading(&x, 1 + i % 3, names[i], names[i]);
		h->in_toc = i != 5;
		for (int k = 0; k <= i % 4; k++)
			para(&x, "text text text", false);
	}
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_int_equal(r->nmarks, 40);
	/* the TOC spans pages: 39 entries of 12 or 10.8 pt */
	size_t k = 0, tocpages = 0;
	for (size_t p = 0; p < r->npages && k < 39; p++, tocpages++)
		for (size_t i = 0; i + 3 < r->pages[p].nops; i++) {
			const struct lay_op *o = &r->pages[p].ops[i];
			if (o->kind != LAY_OP_TEXT || o->text[0] != 'S' || o->size != 8)
				continue; /* not a contents entry (the body's headings are 10 pt) */
			const struct lay_mark *m = &r->marks[k == 5 ? ++k : k];
			assert_true(op_is(o, m->title));
			char num[16];
			snprintf(num, sizeof(num), "%d", m->page + 1);
			assert_true(op_is(&o[2], num));
			assert_true(o[1].len > 3 && o[1].text[0] == '.');
			assert_true(o[1].x + (double)o[1].len * 4 <= o[2].x + EPS);
			assert_int_equal(o[3].kind, LAY_OP_LINK);
			assert_string_equal(o[3].dest, m->anchor);
			assert_true(o->x > 49.99 + (m->level - 1) * 12 - EPS);
			k++;
			i += 3;
		}
	assert_int_equal(k, 40);
	assert_true(tocpages >= 2);
	/* the contents continued: the page break after it is dropped, the body follows its
	 * last lines on that page */
	assert_int_equal(r->marks[0].page, (int)tocpages - 1);
	rg_arena_free(x.a);
}

/* Page by page (lay_paginate_pass): the second pass hands over, page after page, the very
 * ops lay_paginate keeps for the whole document (contents numbers, "Page X of Y", a turned
 * table), the first pass the same pages with the numbers still empty; neither keeps ops. */
struct pass_check {
	const struct lay_result *all;
	size_t next;         /* the page expected next */
	size_t same, differ; /* pages whose ops match all's, and those that do not */
	bool numbered;       /* some page had "Page 2 of N" as in all */
};

static bool op_same(const struct lay_op *a, const struct lay_op *b)
{
	bool ok = a->kind == b->kind && a->x == b->x && a->y == b->y && a->w == b->w &&
	          a->h == b->h && a->font == b->font && a->size == b->size &&
	          a->color == b->color && a->len == b->len && a->angle == b->angle &&
	          a->radius == b->radius && a->row == b->row && a->col == b->col &&
	          a->rank == b->rank && (a->dest == NULL) == (b->dest == NULL) &&
	          (a->text == NULL) == (b->text == NULL);
	if (ok && a->len > 0)
		ok = memcmp(a->text, b->text, a->len) == 0;
	if (ok && a->dest != NULL)
		ok = strcmp(a->dest, b->dest) == 0;
	return ok;
}

static void pass_page(void *ctx, const struct lay_result *res, size_t i)
{
	struct pass_check *pc = ctx;
	assert_int_equal(i, pc->next);
	pc->next++;
	const struct lay_page *a = &res->pages[i], *b = &pc->all->pages[i];
	bool same = a->nops == b->nops && a->landscape == b->landscape;
	for (size_t k = 0; same && k < a->nops; k++)
		same = op_same(&a->ops[k], &b->ops[k]);
	pc->same += same;
	pc->differ += !same;
	for (size_t k = 0; k < a->nops; k++)
		if (a->ops[k].len > 10 && memcmp(a->ops[k].text, "Page 2 of ", 10) == 0 &&
		    atoi(a->ops[k].text + 10) == (int)pc->all->npages)
			pc->numbered = true;
}

/* The scratch arena a table's rows are broken into: a reset keeps the current chunk (the
 * next allocation starts it again, zeroed) and frees the rest. */
static void test_arena_reset(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	rg_arena_reset(a); /* an empty arena */
	char *p = rg_arena_alloc(a, 100);
	memset(p, 'x', 100);
	char *big = rg_arena_alloc(a, 1 << 20); /* a block of its own */
	memset(big, 'y', 1 << 20);
	for (int i = 0; i < 2000; i++) /* more chunks */
		memset(rg_arena_alloc(a, 100), 'z', 100);
	char *last = rg_arena_alloc(a, 16); /* in the current chunk */
	memset(last, 'w', 16);
	rg_arena_reset(a);
	char *q = rg_arena_alloc(a, 100);
	assert_true(q <= last); /* the current chunk again, from its start */
	char zero[100] = {0};
	assert_memory_equal(q, zero, 100);
	char *r = rg_arena_alloc(a, 16);
	assert_ptr_equal(r, q + 112); /* in the same chunk, after q (rounded to 16 bytes) */
	rg_arena_free(a);
}

static void test_two_passes(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	s.footer_page_format = "Page %d of %d";
	s.header_left = "Head";
	s.footer_label = "TLP:AMBER";
	s.footer_label_bg = 0;
	struct lay_elem *e = lay_flow_add(&x.f, LAY_E_TOC);
	e->u.toc.title = "Contents";
	e->u.toc.size = 8;
	lay_flow_add(&x.f, LAY_E_PAGEBREAK);
	for (int i = 0; i < 30; i++) {
		const char *name = rg_arena_printf(x.a, "S%d", i);
		heading(&x, 1 + i % 2, name, name);
		para(&x, "text text text text text text text text", false);
		if (i % 7 == 3)
			table(&x, 12, 2);
		if (i == 20)
			table(&x, 6, 2)->landscape = true;
	}
	struct lay_result *all = lay_paginate(&x.f, &s, &fake, x.a);
	assert_true(all->npages >= 10);

	struct pass_check c1 = {.all = all};
	struct lay_pass first = {pass_page, &c1, NULL};
	struct lay_result *r1 = lay_paginate_pass(&x.f, &s, &fake, x.a, &first);
	assert_int_equal(r1->npages, all->npages);
	assert_int_equal(c1.next, all->npages);
	assert_true(c1.differ > 0); /* no numbers yet: the contents and every footer differ */
	assert_false(c1.numbered);
	assert_int_equal(r1->nmarks, all->nmarks);
	for (size_t i = 0; i < all->nmarks; i++) {
		assert_int_equal(r1->marks[i].page, all->marks[i].page);
		assert_string_equal(r1->marks[i].anchor, all->marks[i].anchor);
	}

	struct pass_check c2 = {.all = all};
	struct lay_pass second = {pass_page, &c2, r1};
	struct lay_result *r2 = lay_paginate_pass(&x.f, &s, &fake, x.a, &second);
	assert_int_equal(r2->npages, all->npages);
	assert_int_equal(c2.same, all->npages);
	assert_int_equal(c2.differ, 0);
	assert_true(c2.numbered);
	bool turned = false;
	for (size_t i = 0; i < r2->npages; i++) {
		assert_int_equal(r2->pages[i].nops, 0); /* dropped once handed over */
		assert_int_equal(r2->pages[i].landscape, all->pages[i].landscape);
		turned |= r2->pages[i].landscape;
	}
	assert_true(turned);
	rg_arena_free(x.a);
}

static void test_code_100k(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	char *code = rg_arena_alloc(x.a, 100001);
	for (size_t i = 0; i < 100000; i++)
		code[i] = i % 5000 == 4999 ? '\n' : (char)('a' + i % 26);
	para(&x, code, true)->bg = 0xF0F0F0;
	char *word = rg_arena_alloc(x.a, 100001);
	memset(word, 'x', 100000);
	para(&x, word, false);
	struct lay_table *t = table(&x, 2, 2);
	t->cells[3].runs.v[0] = run(word, LAY_MONO);
	clock_t t0 = clock();
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	assert_inside(r, &s);
	size_t chars = 0;
	for (size_t p = 0; p < r->npages; p++)
		for (size_t i = 0; i < r->pages[p].nops; i++)
			if (r->pages[p].ops[i].kind == LAY_OP_TEXT &&
			    r->pages[p].ops[i].text[0] != 'H')
				chars += r->pages[p].ops[i].len;
	/* every character once; the header row repeats on each page of the split cell */
	assert_int_equal(chars, 100000 - 20 + 100000 + 100000 + strlen("r1c0"));
	rg_arena_free(x.a);
}

/* Elements taller than a page still stay inside the text area. */
static void test_oversized(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	char *big = rg_arena_alloc(x.a, 6001);
	for (int i = 0; i < 1200; i++)
		strcat(big, "word ");
	struct lay_elem *e = lay_flow_add(&x.f, LAY_E_TOC);
	e->u.toc.title = big;
	heading(&x, 1, big, "big")->rule = 0;
	struct lay_table *t = table(&x, 3, 2);
	t->cells[0].runs.v[0] = run(big, LAY_SANS);
	t->caption = big;
	struct lay_image *im = &lay_flow_add(&x.f, LAY_E_IMAGE)->u.image;
	im->path = "none.png";
	im->caption = big;
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_inside(r, &s);
	size_t words = 0;
	for (size_t p = 0; p < r->npages; p++)
		for (size_t i = 0; i < r->pages[p].nops; i++) {
			const struct lay_op *o = &r->pages[p].ops[i];
			for (size_t k = 0; o->kind == LAY_OP_TEXT && k + 4 <= o->len; k++)
				words += memcmp(o->text + k, "word", 4) == 0;
		}
	assert_int_equal(words, 5 * 1200 + 2); /* the TOC entry: "word word w…" */
	rg_arena_free(x.a);
}

static void test_furniture(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	s.header_left = "Left";
	s.header_right = "Right";
	s.footer_label = "TLP:AMBER";
	s.footer_label_bg = 0x000000;
	s.footer_label_fg = 0xFFC000;
	s.footer_page_format = "Page %d of %d (100%%)";
	for (int i = 0; i < 40; i++)
		para(&x, "line", false);
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_int_equal(r->npages, 3);
	assert_int_equal(page_of(r, "Page 1 of 3 (100%)"), 0);
	assert_int_equal(page_of(r, "Page 3 of 3 (100%)"), 2);
	assert_int_equal(page_of(r, "Left"), 1); /* not on the cover */
	size_t pills = 0;
	for (size_t p = 0; p < r->npages; p++)
		for (size_t i = 0; i < r->pages[p].nops; i++) {
			const struct lay_op *o = &r->pages[p].ops[i];
			if (o->kind == LAY_OP_FILL && o->radius > 0) {
				assert_int_equal(o->color, 0x000000);
				assert_true(op_is(&o[1], "TLP:AMBER"));
				assert_int_equal(o[1].color, 0xFFC000);
				assert_true(o->y + o->h < s.margin_bottom);
				pills++;
			}
		}
	assert_int_equal(pills, 3);
	/* a long left header is shortened to end before the right one */
	s.header_left = "A very long running header title";
	r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_int_equal(page_of(r, "A very long run\xE2\x80\xA6"),
	                 1); /* 100 - 20 - 16 pt at 4 pt */
	rg_arena_free(x.a);
}

/* A table of ncols columns whose every cell is the one word w (header included). */
static struct lay_table *word_table(struct fx *x, size_t ncols, const char *w)
{
	struct lay_table *t = table(x, 3, ncols);
	for (size_t i = 0; i < 3 * ncols; i++) {
		struct lay_run rr = run(w, LAY_SANS);
		t->cells[i].runs.n = 0;
		lay_runs_add(x->a, &t->cells[i].runs, &rr);
	}
	return t;
}

/* The size of the first text op of table row 2, cell 1, and its page. */
static double cell_size(const struct lay_result *r, size_t *page)
{
	for (size_t p = 0; p < r->npages; p++)
		for (size_t i = 0; i < r->pages[p].nops; i++)
			if (r->pages[p].ops[i].row == 2 && r->pages[p].ops[i].col == 1 &&
			    r->pages[p].ops[i].kind == LAY_OP_TEXT) {
				*page = p;
				return r->pages[p].ops[i].size;
			}
	return 0;
}

/* Wide tables: words never break while a smaller size (down to 70 %) or a landscape page
 * keeps them whole; a table that fits is untouched; landscape pages carry the furniture. */
static void test_table_fit_landscape(void **state)
{
	(void)state;
	struct lay_page_spec s = small_page(); /* text width 100, landscape 200 */
	s.footer_page_format = "%d/%d";
	size_t page;
	for (int k = 0; k < 4; k++) {
		struct fx x;
		fx_init(&x);
		para(&x, "before", false);
		heading(&x, 1, "Log", "log");
		/* 5-character words: 25 pt + 4 pt padding at 10 pt */
		struct lay_table *t = word_table(&x, k == 0 ? 1 : k == 2 ? 6 : 4, "abcde");
		t->fixed_size = k == 3;
		para(&x, "after", false);
		struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
		double size = cell_size(r, &page);
		for (size_t p = 0; p < r->npages; p++)
			for (size_t i = 0; i < r->pages[p].nops; i++)
				if (r->pages[p].ops[i].row > 0 &&
				    r->pages[p].ops[i].kind == LAY_OP_TEXT)
					if (!op_is(&r->pages[p].ops[i], "abcde"))
						fail_msg("k %d: \"%.*s\"", k,
						         (int)r->pages[p].ops[i].len,
						         r->pages[p].ops[i].text);
		if (k == 0) { /* fits: as always */
			assert_true(fabs(size - 10) < EPS);
			assert_int_equal(r->npages, 1);
		} else if (k == 1) { /* 116 pt: 80 % makes 96 */
			assert_true(fabs(size - 8) < EPS);
			assert_int_equal(r->npages, 1);
			assert_false(r->pages[0].landscape);
		} else { /* 174 pt, 129 at 70 % (or 116 at a fixed size): turned, at its size */
			assert_true(fabs(size - 10) < EPS);
			assert_int_equal(r->npages, 3);
			assert_false(r->pages[0].landscape);
			assert_true(r->pages[1].landscape);
			assert_false(r->pages[2].landscape);
			assert_int_equal(page, 1);
			assert_int_equal(page_of(r, "Log"), 1); /* the heading goes along */
			assert_int_equal(page_of(r, "after"), 2);
			double w, h;
			lay_page_size(r, 1, &s, &w, &h);
			assert_true(fabs(w - 300) < EPS && fabs(h - 200) < EPS);
			for (size_t i = 0; i < r->nmarks; i++)
				if (r->marks[i].anchor && strcmp(r->marks[i].anchor, "log") == 0)
					assert_int_equal(r->marks[i].page, 1);
			/* the page number is right-aligned on the turned page: 300 - 50 - 3 x 4 */
			for (size_t i = 0; i < r->pages[1].nops; i++)
				if (op_is(&r->pages[1].ops[i], "2/3"))
					assert_true(fabs(r->pages[1].ops[i].x - 238) < EPS);
			assert_int_equal(page_of(r, "2/3"), 1);
		}
		rg_arena_free(x.a);
	}
	/* forced: a table that fits is still turned */
	struct fx x;
	fx_init(&x);
	word_table(&x, 1, "abc")->landscape = true;
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	assert_int_equal(r->npages, 1);
	assert_true(r->pages[0].landscape);
	rg_arena_free(x.a);
}

/* ---- golden dump ---- */

static void test_golden_dump(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	s.footer_page_format = "%d/%d";
	struct lay_elem *e = lay_flow_add(&x.f, LAY_E_TOC);
	e->u.toc.title = "Contents";
	e->u.toc.size = 8;
	lay_flow_add(&x.f, LAY_E_PAGEBREAK);
	heading(&x, 1, "Summary", "summary")->rule = 0x999999;
	para(&x, "The quick brown fox jumps over the lazy dog again and again.", false);
	struct lay_para *q = para(&x, "A quoted remark.", false);
	q->bar = 0xCCCCCC;
	q->space_before = 4;
	heading(&x, 2, "Indicators", "iocs");
	struct lay_table *t = table(&x, 12, 2);
	t->anchor = "tbl";
	t->caption = "Table 1";
	t->border = 0x888888;
	struct lay_para *li = para(&x, "item", false);
	li->marker = "1.";
	li->indent = 12;
	lay_flow_add(&x.f, LAY_E_RULE)->u.rule.width = 1;
	para(&x, "x = 1\ny = 2", true)->bg = 0xF0F0F0;
	struct lay_result *r = lay_paginate(&x.f, &s, &fake, x.a);
	char *got = lay_dump(r);
	const char *path = RG_SOURCE_DIR "/tests/golden/layout/basic.txt";
	if (tu_regen()) {
		mkdir(RG_SOURCE_DIR "/tests/golden", 0777);
		mkdir(RG_SOURCE_DIR "/tests/golden/layout", 0777);
		FILE *fp = fopen(path, "wb");
		assert_non_null(fp);
		fputs(got, fp);
		fclose(fp);
	}
	char *want = tu_slurp(path);
	assert_non_null(want);
	assert_string_equal(got, want);
	free(want);
	free(got);
	rg_arena_free(x.a);
}

/* ---- one real PDF ---- */

static bool have_tool(const char *name)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

static char *run_cmd(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char *buf = rg_xmalloc(1 << 20);
	size_t n = fread(buf, 1, (1 << 20) - 1, p);
	buf[n] = '\0';
	int st = pclose(p);
	if (st != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int typeset_sample(const char *out, struct rg_diags *d, const char *image)
{
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = {0};
	s.width = 595.28;
	s.height = 841.89;
	s.margin_top = s.margin_bottom = 56;
	s.margin_left = s.margin_right = 50;
	static const char *const files[LAY_NFONTS] = {
	        "DejaVuSans.ttf",         "DejaVuSans-Bold.ttf",
	        "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf",
	        "DejaVuSansMono.ttf",     "DejaVuSansMono-Bold.ttf"};
	for (int i = 0; i < LAY_NFONTS; i++)
		s.font_files[i] = rg_arena_printf(x.a, "%s/fonts/%s", RG_SOURCE_DIR, files[i]);
	s.footer_label = "TLP:AMBER";
	s.footer_label_bg = 0;
	s.footer_label_fg = 0xFFC000;
	s.footer_page_format = "Page %d of %d";
	s.link_color = 0x1155CC;
	heading(&x, 1, "Ανάλυση συμβάντος", "a");
	para(&x, "Έλεγχος ταυτότητας: έ ά ό Έ; ёлка Ёж.", false);
	para(&x, "Emoji 😀 twice 😀 and private use \xEE\x80\x80.", false);
	para(&x, "mono ё έ 😀 \xE2\x84\x83 (sans)", true); /* ℃: not in Mono, drawn in Sans */
	para(&x, "tab\there, bad bytes \xFF\xFE\xC3\xC3\xC3\xC3\xC3\xC3\xC3\xC3 end", false);
	struct lay_table *t = table(&x, 3, 2);
	t->cells[3].runs.v[0] = run("Ёлка", LAY_MONO_BOLD);
	if (image != NULL) {
		struct lay_image *im = &lay_flow_add(&x.f, LAY_E_IMAGE)->u.image;
		im->path = image;
		im->jpeg = strstr(image, ".jpg") != NULL;
		im->width_frac = 0.5;
		im->caption = "Figure 1: intervals";
		s.logo_path = image;
		s.logo_jpeg = im->jpeg;
		s.logo_height = 20;
	}
	struct lay_meta m = {"Ανάλυση ё", "Аналитик", "Subject", "k1, k2",
	                     "reportgen", 1726574700, NULL};
	FILE *fp = fopen(out, "wb");
	assert_non_null(fp);
	int rc = lay_typeset(&x.f, &s, &m, fp, d, "sample.yaml");
	fclose(fp);
	rg_arena_free(x.a);
	return rc;
}

static void test_typeset_pdf(void **state)
{
	(void)state;
	struct rg_diags d;
	rg_diags_init(&d);
	assert_int_equal(typeset_sample("test_layout_1.pdf", &d, NULL), 0);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].code, RG_W_MISSING_GLYPH);
	assert_string_equal(d.v[0].message,
	                    "U+E000 has no glyph in the report fonts; drawn as a replacement mark");
	assert_string_equal(
	        d.v[1].message,
	        "U+1F600 has no glyph in the report fonts; drawn as a replacement mark");
	rg_diags_free(&d);
	rg_diags_init(&d);
	assert_int_equal(typeset_sample("test_layout_2.pdf", &d, NULL), 0);
	rg_diags_free(&d);
	char *a = tu_slurp("test_layout_1.pdf"), *b = tu_slurp("test_layout_2.pdf");
	assert_non_null(a);
	assert_true(strncmp(a, "%PDF-1.", 7) == 0);
	struct stat sa, sb;
	assert_int_equal(stat("test_layout_1.pdf", &sa), 0);
	assert_int_equal(stat("test_layout_2.pdf", &sb), 0);
	assert_int_equal(sa.st_size, sb.st_size);
	assert_memory_equal(a, b, (size_t)sa.st_size); /* reproducible */
	free(a);
	free(b);
	if (!have_tool("pdftotext") || !have_tool("qpdf") || !have_tool("pdffonts")) {
		printf("SKIP: poppler-utils or qpdf not installed\n");
		return;
	}
	char *text = run_cmd("pdftotext -enc UTF-8 test_layout_1.pdf - 2>/dev/null");
	assert_non_null(text);
	assert_non_null(strstr(text, "Ανάλυση συμβάντος"));
	assert_non_null(strstr(text, "Έλεγχος ταυτότητας: έ ά ό Έ; ёлка Ёж."));
	assert_non_null(strstr(text, "Emoji \xEF\xBF\xBD twice \xEF\xBF\xBD"));
	assert_non_null(strstr(text, "mono ё έ \xEF\xBF\xBD \xE2\x84\x83 (sans)"));
	assert_non_null(strstr(text, "Ёлка"));
	assert_non_null(strstr(text, "tab here, bad bytes \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"));
	assert_non_null(strstr(text, "Page 1 of 1"));
	free(text);
	char *check = run_cmd("qpdf --check test_layout_1.pdf 2>&1");
	assert_non_null(check);
	assert_non_null(strstr(check, "No syntax or stream encoding errors"));
	free(check);
	char *fonts = run_cmd("pdffonts test_layout_1.pdf 2>/dev/null");
	assert_non_null(fonts);
	size_t nfonts = 0;
	for (char *line = strtok(fonts, "\n"); line != NULL; line = strtok(NULL, "\n")) {
		if (strncmp(line, "HPDF", 4) != 0)
			continue;
		assert_non_null(strstr(line, "CID TrueType      Identity-H       yes yes yes"));
		nfonts++;
	}
	assert_true(nfonts >= 4);
	free(fonts);
	/* compact faces: each CIDToGIDMap ends after the face's last code (libharu's own has
	 * 65,536 entries, 128 KB deflated at save), and the codes start at U+0020 */
	char *maps = run_cmd(
	        "qpdf --show-npages test_layout_1.pdf >/dev/null && "
	        "qpdf --json=2 --json-stream-data=inline --decode-level=generalized "
	        "test_layout_1.pdf | /usr/bin/python3 -c 'import json,sys,base64\n"
	        "o=json.load(sys.stdin)[\"qpdf\"][1]\n"
	        "for v in o.values():\n"
	        " d=v.get(\"value\")\n"
	        " if isinstance(d,dict) and \"/CIDToGIDMap\" in d:\n"
	        "  m=base64.b64decode(o[\"obj:\"+d[\"/CIDToGIDMap\"]][\"stream\"][\"data\"])\n"
	        "  print(len(m), min(i//2 for i in range(0,len(m),2) if m[i]|m[i+1]))'");
	assert_non_null(maps);
	size_t nmaps = 0;
	for (char *line = strtok(maps, "\n"); line != NULL; line = strtok(NULL, "\n")) {
		unsigned len = 0, first = 0;
		assert_int_equal(sscanf(line, "%u %u", &len, &first), 2);
		assert_true(len < 4096);
		assert_int_equal(first, 0x21);
		nmaps++;
	}
	assert_true(nmaps >= 4);
	free(maps);
	char *info = run_cmd("pdfinfo test_layout_1.pdf 2>/dev/null");
	assert_non_null(info);
	assert_non_null(strstr(info, "Title:           Ανάλυση ё"));
	assert_non_null(strstr(info, "Author:          Аналитик"));
	assert_non_null(strstr(info, "CreationDate:    Tue Sep 17 12:05:00 2024 UTC"));
	free(info);
}

static void test_typeset_images(void **state)
{
	(void)state;
	struct rg_diags d;
	rg_diags_init(&d);
	const char *png = RG_SOURCE_DIR "/examples/img/beacon-intervals.png";
	if (access(png, R_OK) != 0) {
		printf("SKIP: %s missing\n", png);
		return;
	}
	assert_int_equal(typeset_sample("test_layout_3.pdf", &d, png), 0);
	rg_diags_free(&d);
	if (have_tool("pdfimages")) {
		char *list = run_cmd("pdfimages -list test_layout_3.pdf 2>/dev/null");
		assert_non_null(list);
		size_t n = 0;
		for (char *p = strstr(list, " 320   140 "); p != NULL;
		     p = strstr(p + 1, " 320   140 "))
			n++;
		assert_int_equal(n, 2); /* the figure and the logo */
		free(list);
	}
	/* truncated PNG (libpng would abort inside libharu), garbage JPEG: input errors */
	char *full = tu_slurp(png);
	assert_non_null(full);
	static const struct {
		const char *name;
		const char *bytes;
		size_t len;
	} bad[] = {{"test_layout_bad.png", NULL, 100},
	           {"test_layout_bad.jpg", "\xFF\xD8\xFF\xE0garbage", 11}};
	for (size_t i = 0; i < 2; i++) {
		FILE *fp = fopen(bad[i].name, "wb");
		assert_non_null(fp);
		fwrite(bad[i].bytes ? bad[i].bytes : full, 1, bad[i].len, fp);
		fclose(fp);
		rg_diags_init(&d);
		assert_int_equal(typeset_sample("test_layout_4.pdf", &d, bad[i].name), 1);
		assert_int_equal(d.v[d.n - 1].code, RG_E_IMAGE);
		char want[128];
		snprintf(want, sizeof(want), "image \"%s\": truncated", bad[i].name);
		assert_string_equal(d.v[d.n - 1].message, want);
		struct stat st;
		assert_int_equal(stat("test_layout_4.pdf", &st), 0);
		assert_int_equal(st.st_size, 0);
		rg_diags_free(&d);
	}
	free(full);
}

/* Writes a 64 x 32 grey gradient JPEG with libjpeg. */
static void write_jpeg(const char *path)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	struct jpeg_compress_struct cinfo;
	struct jpeg_error_mgr err;
	cinfo.err = jpeg_std_error(&err);
	jpeg_create_compress(&cinfo);
	jpeg_stdio_dest(&cinfo, fp);
	cinfo.image_width = 64;
	cinfo.image_height = 32;
	cinfo.input_components = 1;
	cinfo.in_color_space = JCS_GRAYSCALE;
	jpeg_set_defaults(&cinfo);
	jpeg_start_compress(&cinfo, TRUE);
	JSAMPLE row[64];
	for (int x = 0; x < 64; x++)
		row[x] = (JSAMPLE)(x * 4);
	JSAMPROW rows[1] = {row};
	while (cinfo.next_scanline < cinfo.image_height)
		jpeg_write_scanlines(&cinfo, rows, 1);
	jpeg_finish_compress(&cinfo);
	jpeg_destroy_compress(&cinfo);
	fclose(fp);
}

static void test_typeset_jpeg(void **state)
{
	(void)state;
	write_jpeg("test_layout_ok.jpg");
	struct rg_diags d;
	rg_diags_init(&d);
	assert_int_equal(typeset_sample("test_layout_5.pdf", &d, "test_layout_ok.jpg"), 0);
	rg_diags_free(&d);
	if (!have_tool("pdfimages")) {
		printf("SKIP: pdfimages (poppler-utils) not installed\n");
		return;
	}
	char *list = run_cmd("pdfimages -list test_layout_5.pdf 2>/dev/null");
	assert_non_null(list);
	size_t n = 0;
	for (char *p = strstr(list, "64    32  gray    1   8  jpeg"); p != NULL;
	     p = strstr(p + 1, "64    32  gray    1   8  jpeg"))
		n++;
	assert_int_equal(n, 2); /* the figure and the logo, embedded as DCT */
	free(list);
}

static void test_typeset_bad_font(void **state)
{
	(void)state;
	struct fx x;
	fx_init(&x);
	struct lay_page_spec s = small_page();
	s.font_files[LAY_SANS] = RG_SOURCE_DIR "/fonts/LICENSE";
	para(&x, "text", false);
	struct lay_meta m = {.epoch = -1};
	struct rg_diags d;
	rg_diags_init(&d);
	FILE *fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(lay_typeset(&x.f, &s, &m, fp, &d, "in.yaml"), 3);
	assert_int_equal(ftell(fp), 0);
	fclose(fp);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, RG_F_LIBRARY);
	assert_string_equal(d.v[0].message, "cannot load the font " RG_SOURCE_DIR "/fonts/LICENSE");
	rg_diags_free(&d);
	rg_arena_free(x.a);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_break_widths),
	        cmocka_unit_test(test_long_token),
	        cmocka_unit_test(test_preformatted),
	        cmocka_unit_test(test_link_every_line),
	        cmocka_unit_test(test_table_widths),
	        cmocka_unit_test(test_memo),
	        cmocka_unit_test(test_table_pages),
	        cmocka_unit_test(test_table_narrow_first),
	        cmocka_unit_test(test_toc_fit_page),
	        cmocka_unit_test(test_table_lead_rows),
	        cmocka_unit_test(test_code_cut_delimiters),
	        cmocka_unit_test(test_balanced_cut),
	        cmocka_unit_test(test_table_widow_row),
	        cmocka_unit_test(test_table_many_columns),
	        cmocka_unit_test(test_table_fit_landscape),
	        cmocka_unit_test(test_tall_row_splits),
	        cmocka_unit_test(test_keep_with_next),
	        cmocka_unit_test(test_space_and_breaks),
	        cmocka_unit_test(test_toc),
	        cmocka_unit_test(test_two_passes),
	        cmocka_unit_test(test_arena_reset),
	        cmocka_unit_test(test_code_100k),
	        cmocka_unit_test(test_furniture),
	        cmocka_unit_test(test_oversized),
	        cmocka_unit_test(test_fallback_font),
	        cmocka_unit_test(test_face_metrics),
	        cmocka_unit_test(test_orphans_widows),
	        cmocka_unit_test(test_heading_never_last),
	        cmocka_unit_test(test_golden_dump),
	        cmocka_unit_test(test_typeset_pdf),
	        cmocka_unit_test(test_typeset_images),
	        cmocka_unit_test(test_typeset_bad_font),
	        cmocka_unit_test(test_typeset_jpeg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
