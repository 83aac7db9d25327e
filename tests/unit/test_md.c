/* test_md.c: markdown -> typesetter runs and paragraphs (styles, links, lists, raw HTML). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "md.h"

static const struct md_style style = {
        .size = 10,
        .leading = 1.4,
        .color = 0x111111,
        .link_color = 0x0000AA,
        .code_bg = 0xEEEEEE,
        .quote_bar = 0x999999,
        .rule_color = 0xCCCCCC,
        .indent = 0,
        .para_space = 6,
        .list_indent = 15,
};

/* One line per run: font, text, and uri/bg when set. Caller frees. */
static char *dump_runs(const struct lay_runs *r)
{
	static const char *const fonts[] = {"sans",         "bold", "oblique",
	                                    "bold-oblique", "mono", "mono-bold"};
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	for (size_t i = 0; i < r->n; i++) {
		const struct lay_run *x = &r->v[i];
		fprintf(fp, "%s [%.*s]", fonts[x->font], (int)x->len, x->text);
		if (x->uri != NULL)
			fprintf(fp, " uri=%s", x->uri);
		if (x->bg != LAY_NOCOLOR && x->bg != 0)
			fprintf(fp, " bg=%06X", x->bg);
		if (x->color != LAY_NOCOLOR)
			fprintf(fp, " color=%06X", x->color);
		fputc('\n', fp);
	}
	fclose(fp);
	return buf;
}

/* The flow as text: one line per element, paragraphs with indent, marker and runs. */
static char *dump_flow(const struct lay_flow *f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	for (size_t i = 0; i < f->n; i++) {
		const struct lay_elem *e = &f->v[i];
		if (e->kind == LAY_E_RULE) {
			fputs("RULE\n", fp);
			continue;
		}
		if (e->kind != LAY_E_PARA) {
			fputs("OTHER\n", fp);
			continue;
		}
		const struct lay_para *p = &e->u.para;
		fprintf(fp, "PARA indent=%g", p->indent);
		if (p->marker != NULL)
			fprintf(fp, " marker=%s", p->marker);
		if (p->preformatted)
			fputs(" pre", fp);
		if (p->bar != LAY_NOCOLOR)
			fputs(" bar", fp);
		if (p->bg != LAY_NOCOLOR)
			fprintf(fp, " bg=%06X", p->bg);
		fputc(':', fp);
		for (size_t j = 0; j < p->runs.n; j++)
			fprintf(fp, " %d[%.*s]", (int)p->runs.v[j].font, (int)p->runs.v[j].len,
			        p->runs.v[j].text);
		fputc('\n', fp);
	}
	fclose(fp);
	return buf;
}

static void test_inline_styles(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	struct lay_runs runs = {0};
	md_runs(a, &runs,
	        "Plain **bold *both*** *it* `x = 1` [site](https://example.org/a) "
	        "<http://b.example/>\n"
	        "next\\\nline <b>raw</b>",
	        &style);
	char *got = dump_runs(&runs);
	assert_string_equal(got, "sans [Plain ]\n"
	                         "bold [bold ]\n"
	                         "bold-oblique [both]\n"
	                         "sans [ ]\n"
	                         "oblique [it]\n"
	                         "sans [ ]\n"
	                         "mono [x = 1] bg=EEEEEE\n"
	                         "sans [ ]\n"
	                         "sans [site] uri=https://example.org/a color=0000AA\n"
	                         "sans [ ]\n"
	                         "sans [http://b.example/] uri=http://b.example/ color=0000AA\n"
	                         "sans [ ]\n"
	                         "sans [next]\n"
	                         "sans [\n]\n"
	                         "sans [line ]\n"
	                         "sans [<b>]\n"
	                         "sans [raw]\n"
	                         "sans [</b>]\n");
	free(got);
	rg_arena_free(a);
}

static void test_cell_blocks(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	struct lay_runs runs = {0};
	md_runs(a, &runs, "One.\n\n- a\n- b\n\n3. c\n", &style);
	char *got = dump_runs(&runs);
	assert_string_equal(got, "sans [One.]\n"
	                         "sans [\n]\n"
	                         "sans [\xE2\x80\xA2]\n"
	                         "sans [ ]\n"
	                         "sans [a]\n"
	                         "sans [\n]\n"
	                         "sans [\xE2\x80\xA2]\n"
	                         "sans [ ]\n"
	                         "sans [b]\n"
	                         "sans [\n]\n"
	                         "sans [3.]\n"
	                         "sans [ ]\n"
	                         "sans [c]\n");
	free(got);
	rg_arena_free(a);
}

static void test_flow_blocks(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	struct lay_flow f;
	lay_flow_init(&f, a);
	md_flow(&f,
	        "# Head\n\n"
	        "Para one\nsoft.\n\n"
	        "- item\n"
	        "  1) sub\n"
	        "  2) sub2\n\n"
	        "> quoted\n\n"
	        "---\n\n"
	        "```\ncode  here\n```\n\n"
	        "<div>html</div>\n",
	        &style, NULL);
	char *got = dump_flow(&f);
	assert_string_equal(got, "PARA indent=0: 1[Head]\n"
	                         "PARA indent=0: 0[Para one] 0[ ] 0[soft.]\n"
	                         "PARA indent=15 marker=\xE2\x80\xA2: 0[item]\n"
	                         "PARA indent=30 marker=1): 0[sub]\n"
	                         "PARA indent=30 marker=2): 0[sub2]\n"
	                         "PARA indent=11.25 bar: 0[quoted]\n"
	                         "RULE\n"
	                         "PARA indent=0 pre bg=EEEEEE: 4[code  here]\n"
	                         "PARA indent=0 pre: 0[<div>html</div>]\n");
	free(got);
	rg_arena_free(a);
}

static void test_marker_and_deep_nesting(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	struct lay_flow f;
	lay_flow_init(&f, a);
	md_flow(&f, "first\n\nsecond", &style, "3.");
	char *got = dump_flow(&f);
	assert_string_equal(got, "PARA indent=0 marker=3.: 0[first]\nPARA indent=0: 0[second]\n");
	free(got);
	/* 5,000 nested quotes and lists: no crash, bounded indent */
	size_t n = 5000;
	char *deep = malloc(n * 2 + 2);
	for (size_t i = 0; i < n; i++)
		memcpy(deep + 2 * i, i % 2 ? "> " : "- ", 2);
	strcpy(deep + 2 * n, "x");
	lay_flow_init(&f, a);
	md_flow(&f, deep, &style, NULL);
	assert_true(f.n >= 1);
	assert_true(f.v[f.n - 1].u.para.indent < 15 * 200);
	free(deep);
	rg_arena_free(a);
}

static const char *unsafe(void *ctx, const char *url)
{
	(void)ctx;
	return strstr(url, "evil") != NULL ? "hxxp://evil[.]example/" : NULL;
}

static void test_unsafe_links(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	struct lay_runs runs = {0};
	struct md_style st = style;
	st.unsafe_link = unsafe;
	md_runs(a, &runs,
	        "<http://evil.example/> [click](http://evil.example/x) <https://ok.example/>", &st);
	char *got = dump_runs(&runs);
	assert_string_equal(got,
	                    "sans [hxxp://evil[.]example/]\n"
	                    "sans [ ]\n"
	                    "sans [click]\n"
	                    "sans [ ]\n"
	                    "sans [https://ok.example/] uri=https://ok.example/ color=0000AA\n");
	free(got);
	rg_arena_free(a);
}

static const char *unsafe_echo(void *ctx, const char *url)
{
	struct rg_arena *a = ctx;
	return strstr(url, "evil") != NULL ? rg_arena_printf(a, "<%s>", url) : NULL;
}

/* Plain-text URLs: found after a non-alphanumeric character, ended before white space,
 * quotes and trailing sentence punctuation, replaced only when flagged. */
static void test_defang_plain_urls(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	struct md_style st = style;
	st.unsafe_link = unsafe_echo;
	st.ctx = a;
	const char *in = "see http://evil.example/a?b=1, then HTTPS://evil.example. "
	                 "'https://evil.example/q' xhttp://evil.example http://ok.example/";
	assert_string_equal(md_defang_urls(a, in, &st),
	                    "see <http://evil.example/a?b=1>, then <HTTPS://evil.example>. "
	                    "'<https://evil.example/q>' xhttp://evil.example http://ok.example/");
	const char *same = "nothing to see: http://ok.example/";
	assert_ptr_equal(md_defang_urls(a, same, &st), same);
	st.unsafe_link = NULL;
	assert_ptr_equal(md_defang_urls(a, in, &st), in);
	/* through the markdown walker: text and code spans, not link targets */
	struct lay_runs runs = {0};
	st.unsafe_link = unsafe_echo;
	md_runs(a, &runs, "**http://evil.example/** `curl http://evil.example/x`", &st);
	char *got = dump_runs(&runs);
	assert_non_null(strstr(got, "[<http://evil.example/>]"));
	assert_non_null(strstr(got, "[curl <http://evil.example/x>]"));
	free(got);
	rg_arena_free(a);
}

/* One line of plain text (a typical comment) gives the run CommonMark would, pointing at the
 * text itself: no copy. Anything markdown could read otherwise goes through the parser. */
static void test_plain_borrowed(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	struct md_style st = style;
	st.unsafe_link = unsafe_echo;
	st.ctx = a;
	const char *plain = "Indicator 551 from the proxy logs (seen twice: 10/12, o'clock).";
	struct lay_runs runs = {0};
	md_runs(a, &runs, plain, &st);
	char *got = dump_runs(&runs);
	assert_string_equal(got, "sans [Indicator 551 from the proxy logs (seen twice: 10/12, "
	                         "o'clock).]\n");
	free(got);
	assert_ptr_equal(runs.v[0].text, plain);
	/* after a run already in the cell: a new line first, as for any paragraph */
	md_runs(a, &runs, "Second", &st);
	got = dump_runs(&runs);
	assert_non_null(strstr(got, "sans [\n]\nsans [Second]\n"));
	free(got);
	/* plain-text URLs are still defanged */
	struct lay_runs r2 = {0};
	md_runs(a, &r2, "see http://evil.example/a, then", &st);
	got = dump_runs(&r2);
	assert_string_equal(got, "sans [see <http://evil.example/a>, then]\n");
	free(got);
	/* a list, a heading, emphasis, an entity, spaces at the ends: the parser's reading */
	static const char *const parsed[][2] = {
	        {"1. one", "sans [1.]\nsans [ ]\nsans [one]\n"},
	        {"- one", "sans [\xE2\x80\xA2]\nsans [ ]\nsans [one]\n"},
	        {"a *b*", "sans [a ]\noblique [b]\n"},
	        {"a &amp; b", "sans [a & b]\n"},
	        {"trailing ", "sans [trailing]\n"},
	        {" leading", "sans [leading]\n"},
	};
	for (size_t i = 0; i < sizeof(parsed) / sizeof(parsed[0]); i++) {
		struct lay_runs r = {0};
		md_runs(a, &r, parsed[i][0], &st);
		got = dump_runs(&r);
		assert_string_equal(got, parsed[i][1]);
		free(got);
		assert_true(r.v[0].text != parsed[i][0]);
	}
	rg_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_inline_styles),           cmocka_unit_test(test_cell_blocks),
	        cmocka_unit_test(test_plain_borrowed),          cmocka_unit_test(test_flow_blocks),
	        cmocka_unit_test(test_marker_and_deep_nesting), cmocka_unit_test(test_unsafe_links),
	        cmocka_unit_test(test_defang_plain_urls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
