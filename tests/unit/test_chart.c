/* test_chart.c: the timeline chart: the typesetter's label placement on crowded synthetic
 * charts, and the chart of every example and of a generated 3,000-event incident read from
 * the hidden layout dump (no two labels overlap, every label at least the minimum size and
 * inside the text width, marks in time order, one tick per timed event). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

#include "layout.h"
#include "reportgen.h"

#define DESCENT 0.236 /* DejaVu descender, em (the dump's text y is the baseline) */

struct box {
	int page;
	int role; /* 0 label, 1 tick label, 2 band label */
	double x, y, w, h, size;
	char text[200]; /* as long as parse_dump's buffer */
};

struct chart {
	struct box *labels;
	size_t nlabels;
	double mark_x[64];
	unsigned mark_item[64];
	size_t nmarks;
	size_t nevents, naxes;
	double left, right; /* the axis */
};

static void add_label(struct chart *c, int page, int role, double x, double y, double w, double h,
                      double size, const char *text)
{
	c->labels = rg_xrealloc(c->labels, (c->nlabels + 1) * sizeof(*c->labels));
	struct box *b = &c->labels[c->nlabels++];
	*b = (struct box){page, role, x, y - size * DESCENT, w, h, size, ""};
	snprintf(b->text, sizeof(b->text), "%s", text);
}

static bool boxes_overlap(const struct box *a, const struct box *b)
{
	const double e = 0.01;
	return a->page == b->page && a->x < b->x + b->w - e && b->x < a->x + a->w - e &&
	       a->y < b->y + b->h - e && b->y < a->y + a->h - e;
}

/* Every check on one chart; what names the chart in messages. */
static void check_chart(const struct chart *c, const char *what)
{
	for (size_t i = 0; i < c->nlabels; i++) {
		const struct box *a = &c->labels[i];
		if (a->size < LAY_CHART_MIN_SIZE - 1e-9)
			fail_msg("%s: label \"%s\" at %.2f pt, below %.2f", what, a->text, a->size,
			         LAY_CHART_MIN_SIZE);
		if (c->naxes > 0 && (a->x < c->left - 3 || a->x + a->w > c->right + 3))
			fail_msg("%s: label \"%s\" outside the chart", what, a->text);
		for (size_t j = i + 1; j < c->nlabels; j++)
			if (boxes_overlap(a, &c->labels[j]))
				fail_msg("%s: labels \"%s\" and \"%s\" overlap", what, a->text,
				         c->labels[j].text);
	}
	for (size_t i = 1; i < c->nmarks; i++)
		if (c->mark_x[i] < c->mark_x[i - 1] - 1e-6 ||
		    c->mark_item[i] <= c->mark_item[i - 1])
			fail_msg("%s: mark %u left of mark %u", what, c->mark_item[i],
			         c->mark_item[i - 1]);
}

/* The chart ops of a layout dump. */
static void parse_dump(const char *dump, struct chart *c)
{
	memset(c, 0, sizeof(*c));
	int page = 0;
	for (const char *l = dump; l != NULL && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		char role[32], font[32], color[16], text[200] = "";
		unsigned item;
		double x, y, w, h, size;
		if (sscanf(l, "page %d ", &page) == 1)
			continue;
		if (strncmp(l, "  chart ", 8) != 0)
			continue;
		if (sscanf(l, "  chart %31s %u text %lf %lf %31s %lf %15s w %lf h %lf \"%199[^\"]",
		           role, &item, &x, &y, font, &size, color, &w, &h, text) >= 9) {
			int r = strcmp(role, "label") == 0        ? 0
			        : strcmp(role, "tick-label") == 0 ? 1
			        : strcmp(role, "band-label") == 0 ? 2
			                                          : -1;
			assert_true(r >= 0);
			add_label(c, page, r, x, y, w, h, size, text);
		} else if (sscanf(l, "  chart mark %u fill %lf %lf %lf", &item, &x, &y, &w) == 4) {
			assert_true(c->nmarks < 64);
			c->mark_x[c->nmarks] = x + w / 2;
			c->mark_item[c->nmarks++] = item;
		} else if (sscanf(l, "  chart event %u", &item) == 1) {
			c->nevents++;
		} else if (sscanf(l, "  chart axis %u line %lf %lf %lf", &item, &x, &y, &w) == 4) {
			c->naxes++;
			c->left = x;
			c->right = x + w;
		}
	}
}

/* ---- the typesetter alone ---- */

static double fake_width(void *ctx, enum lay_font f, uint32_t cp)
{
	(void)ctx;
	(void)f;
	(void)cp;
	return 550;
}
static const struct lay_metrics fake = {fake_width, NULL, NULL, NULL, NULL, NULL};

static struct chart chart_of(struct lay_chart *ch, struct rg_arena *a)
{
	struct lay_page_spec s = {0};
	s.width = 595;
	s.height = 842;
	s.margin_top = s.margin_right = s.margin_bottom = s.margin_left = 50;
	struct lay_flow f;
	lay_flow_init(&f, a);
	lay_flow_add(&f, LAY_E_CHART)->u.chart = *ch;
	struct lay_result *r = lay_paginate(&f, &s, &fake, a);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	lay_dump_pages(fp, r, &s);
	fclose(fp);
	struct chart c;
	parse_dump(buf, &c);
	free(buf);
	return c;
}

/* 40 marks in 2 % of the axis, 12 at one instant, labels asked at 4 pt, 30 scale ticks
 * crammed together and two bands too narrow for their labels: labels stagger, move aside,
 * stay at the minimum size and never overlap. */
static void test_crowded(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	struct lay_chart ch = {.t0 = 0, .t1 = 1000, .size = 4};
	ch.marks = rg_arena_alloc(a, 40 * sizeof(*ch.marks));
	for (int i = 0; i < 40; i++)
		ch.marks[ch.nmarks++] = (struct lay_chart_mark){
		        i < 12 ? 500 : 500 + (i - 12) * 0.7,
		        rg_arena_printf(a, "Milestone number %d", i), 0xFF0000};
	ch.ticks = rg_arena_alloc(a, 30 * sizeof(*ch.ticks));
	for (int i = 0; i < 30; i++)
		ch.ticks[ch.nticks++] =
		        (struct lay_chart_tick){i * 5.0, rg_arena_printf(a, "17 Sep %02d:00", i)};
	struct lay_chart_band bands[2] = {{10, 11, "A long band label", 0xCCCCCC},
	                                  {990, 1000, "Another long band label", 0xCCCCCC}};
	ch.bands = bands;
	ch.nbands = 2;
	struct chart c = chart_of(&ch, a);
	check_chart(&c, "crowded");
	size_t marks = 0, ticks = 0, bl = 0;
	for (size_t i = 0; i < c.nlabels; i++) {
		marks += c.labels[i].role == 0;
		ticks += c.labels[i].role == 1;
		bl += c.labels[i].role == 2;
		assert_true(fabs(c.labels[i].size - LAY_CHART_MIN_SIZE) < 1e-9);
	}
	assert_int_equal(marks, 40); /* every mark keeps its label */
	assert_int_equal(bl, 2);
	assert_true(ticks >= 1 && ticks < 30); /* crowded scale labels are thinned out */
	assert_int_equal(c.nmarks, 40);
	free(c.labels);
	rg_arena_free(a);
}

/* Marks given out of time order are still drawn at their times. */
static void test_mark_positions(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	struct lay_chart_mark m[3] = {{0, "start", 0}, {100, "end", 0}, {50, "middle", 0}};
	struct lay_chart ch = {.t0 = 0, .t1 = 100, .size = 8, .marks = m, .nmarks = 3};
	struct chart c = chart_of(&ch, a);
	assert_int_equal(c.nmarks, 3);
	assert_true(c.mark_x[0] < c.mark_x[2] && c.mark_x[2] < c.mark_x[1]);
	assert_true(fabs(c.mark_x[2] - (c.left + c.right) / 2) < 0.01);
	free(c.labels);
	rg_arena_free(a);
}

/* ---- through the executable ---- */

static char *layout_of(const char *yaml)
{
	int st;
	char *out =
	        tu_popen(&st, "'%s' render --format layout -o - '%s' 2>/dev/null", RG_BINARY, yaml);
	assert_int_equal(st, 0);
	return out;
}

static void test_examples(void **state)
{
	(void)state;
	static const char *const ex[] = {"soc326-impersonating-domain", "malware-registry-run-key",
	                                 "web-sqli-webshell", "false-positive-certutil-download",
	                                 "partner-share-credential-phish"};
	size_t charts = 0;
	for (size_t i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/examples/%s.yaml", RG_SOURCE_DIR, ex[i]);
		char *dump = layout_of(path);
		struct chart c;
		parse_dump(dump, &c);
		check_chart(&c, ex[i]);
		charts += c.naxes;
		if (c.naxes >
		    0) { /* each example with a timeline: milestones marked and labelled */
			assert_true(c.nmarks >= 2);
			assert_true(c.nlabels >= c.nmarks);
		}
		free(c.labels);
		free(dump);
	}
	assert_int_equal(charts, 4); /* every example with a timeline */
}

/* 3,000 events over two weeks with every milestone, several at one instant. */
static void test_generated(void **state)
{
	(void)state;
	const char *yaml = "test_chart_3000.yaml";
	FILE *fp = fopen(yaml, "w");
	assert_non_null(fp);
	fputs("reportgen: 1\nreport: {id: \"3000\", date: 2024-10-01, timezone: Europe/Berlin, "
	      "status: closed}\nalert: {rule: R, time: 2024-09-18T09:00:00+02:00}\ntimeline:\n",
	      fp);
	static const char *const ms[] = {"first-activity", "compromise", "detected",
	                                 "reported",       "triaged",    "contained",
	                                 "eradicated",     "recovered",  "closed"};
	for (int i = 0; i < 3000; i++) {
		int64_t t = 1726300800 + (int64_t)i * 403; /* 2024-09-14, every 6 min 43 s */
		char when[32];
		time_t tt = (time_t)t;
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&tt));
		fprintf(fp, "  - time: %s\n    event: event %d\n", when, i);
		if (i % 333 == 0 && i / 333 < 9)
			fprintf(fp, "    milestone: %s\n", ms[i / 333]);
		if (i == 999) /* a milestone at the instant of another: one mark */
			fprintf(fp,
			        "  - time: %s\n    event: same instant\n    milestone: triaged\n",
			        when);
	}
	fclose(fp);
	char *dump = layout_of(yaml);
	struct chart c;
	parse_dump(dump, &c);
	check_chart(&c, "3000 events");
	assert_int_equal(c.naxes, 1);
	assert_int_equal(c.nevents, 3001);
	assert_true(c.nmarks >= 8);
	free(c.labels);
	free(dump);
	unlink(yaml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_crowded),
	        cmocka_unit_test(test_mark_positions),
	        cmocka_unit_test(test_examples),
	        cmocka_unit_test(test_generated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
