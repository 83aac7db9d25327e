/* test_pdf_build.c: the report builder's flow for the seed example, without typesetting:
 * headings and their order, defanged artifact cells, asset links, cover badges; and the
 * layout decisions of the real build through the hidden "layout" format (its goldens,
 * tests/golden/NAME.layout, are compared by test_golden). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pdf_build.h"

struct fixture {
	struct rg_diags diags;
	struct rg_doc *doc;
	struct rg_arena *a;
	struct lay_flow flow;
	struct rg_render_opts opts;
	struct pdf_ctx c;
};

static struct fixture *build(const char *file, bool no_defang)
{
	struct fixture *f = calloc(1, sizeof(*f));
	rg_diags_init(&f->diags);
	f->doc = rg_load_file(file, &f->diags);
	assert_non_null(f->doc);
	assert_true(rg_validate(f->doc, &f->diags));
	f->a = rg_arena_new();
	struct template *t;
	assert_int_equal(template_load(NULL, &t, f->a, &f->diags), 0);
	lay_flow_init(&f->flow, f->a);
	f->opts = (struct rg_render_opts){.no_defang = no_defang, .epoch = -1, .diags = &f->diags};
	f->c = (struct pdf_ctx){
	        .doc = f->doc, .tpl = t, .opts = &f->opts, .flow = &f->flow, .a = f->a};
	pdf_styles(&f->c);
	pdf_prepare(&f->c);
	pdf_build(&f->c);
	return f;
}

static void fixture_free(struct fixture *f)
{
	rg_arena_free(f->a);
	rg_doc_free(f->doc);
	rg_diags_free(&f->diags);
	free(f);
}

/* The runs of a cell (or paragraph) as one string (caller frees). */
static char *runs_text(const struct lay_runs *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	for (size_t i = 0; i < r->n; i++)
		fwrite(r->v[i].text, 1, r->v[i].len, fp);
	fclose(fp);
	return buf;
}

/* Labels of enum names: "true-positive" -> "True Positive", made once per name. */
static void test_labels(void **state)
{
	(void)state;
	struct fixture *f =
	        build(RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml", false);
	static const char *const names[] = {"true-positive", "in-progress", "malicious"};
	const char *first = pdf_label(&f->c, names[0]);
	assert_string_equal(first, "True Positive");
	assert_string_equal(pdf_label(&f->c, names[1]), "In Progress");
	assert_ptr_equal(pdf_label(&f->c, names[0]), first);
	for (int i = 0; i < 40; i++) /* past the cache's room: still right */
		assert_string_equal(pdf_label(&f->c, rg_arena_printf(f->a, "x-%d", i)),
		                    rg_arena_printf(f->a, "X %d", i));
	assert_string_equal(pdf_label(&f->c, names[2]), "Malicious");
	assert_null(pdf_label(&f->c, NULL));
	fixture_free(f);
}

static void test_headings(void **state)
{
	(void)state;
	struct fixture *f =
	        build(RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml", false);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	for (size_t i = 0; i < f->flow.n; i++)
		if (f->flow.v[i].kind == LAY_E_HEADING)
			fprintf(fp, "%d %s\n", f->flow.v[i].u.heading.level,
			        f->flow.v[i].u.heading.text);
	fclose(fp);
	assert_string_equal(buf, "1 1\xE2\x80\x82"
	                         "Alert Details\n"
	                         "2 1.1\xE2\x80\x82"
	                         "Assessment\n"
	                         "1 2\xE2\x80\x82"
	                         "Assets\n"
	                         "2 2.1\xE2\x80\x82"
	                         "Mateo\n"
	                         "1 3\xE2\x80\x82"
	                         "Emails\n"
	                         "2 3.1\xE2\x80\x82"
	                         "Email 1: voucher[@]letsdefwnd[.]io\n"
	                         "1 4\xE2\x80\x82"
	                         "Verify\n"
	                         "2 4.1\xE2\x80\x82"
	                         "Email Security\n"
	                         "2 4.2\xE2\x80\x82"
	                         "CTI notification 1: impersonating domain\n"
	                         "2 4.3\xE2\x80\x82"
	                         "Mitigation advised by the CTI provider\n"
	                         "2 4.4\xE2\x80\x82"
	                         "CTI notification 2: compromised account\n"
	                         "2 4.5\xE2\x80\x82"
	                         "Phishing email\n"
	                         "1 5\xE2\x80\x82"
	                         "Analysis\n"
	                         "2 5.1\xE2\x80\x82"
	                         "Browser history\n"
	                         "2 5.2\xE2\x80\x82"
	                         "Network actions\n"
	                         "2 5.3\xE2\x80\x82"
	                         "Log management\n"
	                         "1 6\xE2\x80\x82"
	                         "Containment\n"
	                         "1 7\xE2\x80\x82"
	                         "Summary\n"
	                         "1 8\xE2\x80\x82"
	                         "Timeline\n"
	                         "1 9\xE2\x80\x82"
	                         "Lessons Learned\n"
	                         "1 10\xE2\x80\x82"
	                         "Remediation Actions\n"
	                         "1 Appendix\n"
	                         "2 A.1\xE2\x80\x82"
	                         "MITRE ATT&CK\n"
	                         "2 A.2\xE2\x80\x82"
	                         "Artifacts\n"
	                         "2 A.3\xE2\x80\x82"
	                         "References\n"
	                         "2 A.4\xE2\x80\x82"
	                         "Integrity\n");
	free(buf);
	fixture_free(f);
}

/* The last table before the heading whose text ends with `title`. */
static const struct lay_table *table_after(const struct lay_flow *fl, const char *title)
{
	bool seen = false;
	for (size_t i = 0; i < fl->n; i++) {
		const struct lay_elem *e = &fl->v[i];
		if (e->kind == LAY_E_HEADING) {
			size_t n = strlen(e->u.heading.text), m = strlen(title);
			seen = n >= m && strcmp(e->u.heading.text + n - m, title) == 0;
		} else if (seen && e->kind == LAY_E_TABLE) {
			return &e->u.table;
		}
	}
	return NULL;
}

static void test_artifacts_and_links(void **state)
{
	(void)state;
	struct fixture *f =
	        build(RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml", false);
	const struct lay_table *t = table_after(&f->flow, "Artifacts");
	assert_non_null(t);
	assert_int_equal(t->ncols, 4);
	assert_int_equal(t->nrows, 6);
	assert_true(t->header);
	char *v = runs_text(&t->cells[1 * t->ncols + 1].runs);
	assert_string_equal(v, "hxxp://letsdefwnd[.]io");
	free(v);
	/* the header says the values are defanged */
	assert_string_equal(t->cells[1].runs.v[0].text, "Value (defanged)");
	assert_int_equal(t->cells[1 * t->ncols + 1].runs.v[0].font, LAY_MONO);
	/* the containment action's target links to the asset's heading */
	const struct lay_table *act = table_after(&f->flow, "Containment");
	assert_non_null(act);
	const struct lay_run *target = &act->cells[1 * act->ncols + 1].runs.v[0];
	assert_string_equal(target->text, "Mateo");
	assert_non_null(target->dest);
	const char *anchor = NULL;
	for (size_t i = 0; i < f->flow.n; i++)
		if (f->flow.v[i].kind == LAY_E_HEADING &&
		    strstr(f->flow.v[i].u.heading.text, "Mateo"))
			anchor = f->flow.v[i].u.heading.anchor;
	assert_non_null(anchor);
	assert_string_equal(target->dest, anchor);
	/* ATT&CK ids link to attack.mitre.org: in the matrix (first the parent T1598 of the
	 * T1598.003 seen under Reconnaissance), and in the table below it */
	const struct lay_table *m = table_after(&f->flow, "MITRE ATT&CK");
	assert_non_null(m);
	assert_string_equal(m->cells[1 * m->ncols + 0].runs.v[0].uri,
	                    "https://attack.mitre.org/techniques/T1598");
	assert_string_equal(m->cells[2 * m->ncols + 0].runs.v[1].uri,
	                    "https://attack.mitre.org/techniques/T1598/003");
	fixture_free(f);
	f = build(RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml", true);
	t = table_after(&f->flow, "Artifacts");
	v = runs_text(&t->cells[1 * t->ncols + 1].runs);
	assert_string_equal(v, "http://letsdefwnd.io");
	free(v);
	assert_string_equal(t->cells[1].runs.v[0].text, "Value"); /* --no-defang */
	fixture_free(f);
}

static void test_cover(void **state)
{
	(void)state;
	struct fixture *f =
	        build(RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml", false);
	const struct lay_para *badges = NULL;
	size_t toc = 0, brk = 0;
	for (size_t i = 0; i < f->flow.n; i++) {
		const struct lay_elem *e = &f->flow.v[i];
		if (e->kind == LAY_E_PARA && badges == NULL && e->u.para.runs.n > 0 &&
		    e->u.para.runs.v[0].bg != LAY_NOCOLOR)
			badges = &e->u.para;
		if (e->kind == LAY_E_TOC && toc == 0)
			toc = i;
		if (e->kind == LAY_E_PAGEBREAK && brk == 0)
			brk = i;
	}
	assert_non_null(badges);
	char *s = runs_text(&badges->runs);
	/* a badge never wraps inside: its spaces are no-break spaces */
	assert_string_equal(
	        s, "\xC2\xA0SEVERITY:\xC2\xA0MEDIUM\xC2\xA0\xE2\x80\x83\xC2\xA0TRUE\xC2\xA0"
	           "POSITIVE\xC2\xA0\xE2\x80\x83\xC2\xA0STATUS:\xC2\xA0"
	           "CONTAINED\xC2\xA0"
	           "\xE2\x80\x83\xC2\xA0TLP:AMBER\xC2\xA0");
	free(s);
	const struct lay_run *tlp = &badges->runs.v[badges->runs.n - 1];
	assert_int_equal(tlp->color, 0xFFC000);
	assert_int_equal(tlp->bg, 0x000000);
	assert_int_equal(badges->runs.v[2].bg, 0xC62828); /* true positive: red */
	assert_true(toc > 0 && brk == toc + 1);
	/* no summary_line: the summary section's first paragraph is the cover's summary box */
	const struct lay_para *box = NULL;
	for (size_t i = 0; i < toc && box == NULL; i++)
		if (f->flow.v[i].kind == LAY_E_PARA && f->flow.v[i].u.para.bar != LAY_NOCOLOR)
			box = &f->flow.v[i].u.para;
	assert_non_null(box);
	s = runs_text(&box->runs);
	assert_string_equal(
	        s, "The incident involves the compromised system Mateo (172.16.17.162). The "
	           "alert was raised by rule SOC326 - Impersonating Domain MX Record Change "
	           "Detected.");
	free(s);
	fixture_free(f);
}

/* Times with an offset show it bare ("+01:00"), UTC ones say UTC; the appendix follows the
 * body without a page break (the cover's break is the only one); the contents fits its page. */
static void test_times_and_breaks(void **state)
{
	(void)state;
	struct fixture *f = build(RG_SOURCE_DIR "/examples/web-sqli-webshell.yaml", false);
	const struct lay_table *t = table_after(&f->flow, "Timeline");
	assert_non_null(t);
	char *v = runs_text(&t->cells[1 * t->ncols + 0].runs);
	assert_string_equal(v, "2025-05-12 02:17\xC2\xA0+01:00");
	free(v);
	size_t breaks = 0, toc = 0;
	for (size_t i = 0; i < f->flow.n; i++) {
		breaks += f->flow.v[i].kind == LAY_E_PAGEBREAK;
		if (f->flow.v[i].kind == LAY_E_TOC) {
			toc++;
			assert_false(f->flow.v[i].u.toc.fit_page); /* it continues, every level */
		}
	}
	assert_int_equal(breaks, 1);
	assert_int_equal(toc, 1);
	/* action statuses are badges: done green, in progress blue */
	const struct lay_table *ct = table_after(&f->flow, "Containment");
	assert_non_null(ct);
	const struct lay_run *st = &ct->cells[1 * ct->ncols + 4].runs.v[0];
	assert_string_equal(st->text, "\xC2\xA0"
	                              "Done\xC2\xA0");
	assert_int_equal(st->bg, 0x2E7D32);
	assert_int_equal(st->color, 0xFFFFFF);
	const struct lay_table *rt = table_after(&f->flow, "Remediation Actions");
	assert_non_null(rt);
	st = &rt->cells[2 * rt->ncols + 4].runs.v[0];
	assert_string_equal(st->text, "\xC2\xA0In\xC2\xA0Progress\xC2\xA0");
	assert_int_equal(st->bg, 0x1A5FB4);
	fixture_free(f);
	f = build(RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml", false);
	t = table_after(&f->flow, "Timeline");
	assert_non_null(t);
	v = runs_text(&t->cells[1 * t->ncols + 0].runs);
	assert_string_equal(v, "2024-09-17 12:05\xC2\xA0UTC");
	free(v);
	fixture_free(f);
}

/* Every run of the flow (paragraphs and table cells) as one string, runs separated by '|'. */
static char *flow_text(const struct lay_flow *fl)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	for (size_t i = 0; i < fl->n; i++) {
		const struct lay_elem *e = &fl->v[i];
		const struct lay_runs *rs[1] = {NULL};
		if (e->kind == LAY_E_PARA)
			rs[0] = &e->u.para.runs;
		for (size_t k = 0; rs[0] != NULL && k < rs[0]->n; k++)
			fprintf(fp, "%.*s|", (int)rs[0]->v[k].len, rs[0]->v[k].text);
		if (e->kind == LAY_E_TABLE)
			for (size_t c = 0; c < e->u.table.nrows * e->u.table.ncols; c++)
				for (size_t k = 0; k < e->u.table.cells[c].runs.n; k++)
					fprintf(fp, "%.*s|", (int)e->u.table.cells[c].runs.v[k].len,
					        e->u.table.cells[c].runs.v[k].text);
	}
	fclose(fp);
	return buf;
}

/* Plain-text URLs to attacker hosts are defanged everywhere (prose, table cells, facts, code),
 * since PDF viewers make plain URLs clickable; other URLs stay as written. */
static void test_plain_urls_defanged(void **state)
{
	(void)state;
	struct fixture *f =
	        build(RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml", false);
	char *all = flow_text(&f->flow);
	assert_null(strstr(all, "http://letsdefwnd.io"));
	assert_null(strstr(all, "https://letsdefwnd.io"));
	assert_null(strstr(all, "http://www.letsdefwnd.io"));
	assert_non_null(strstr(all, "|hxxp://www[.]letsdefwnd[.]io/|"));    /* table cell */
	assert_non_null(strstr(all, "|hxxps://letsdefwnd[.]io|"));          /* fact */
	assert_non_null(strstr(all, "'URL': 'hxxps://letsdefwnd[.]io', ")); /* code */
	assert_non_null(strstr(all, "opens hxxp://letsdefwnd[.]io; host")); /* timeline */
	assert_non_null(strstr(all, "https://app.letsdefend.io/"));         /* benign */
	free(all);
	fixture_free(f);
	f = build(RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml", true);
	all = flow_text(&f->flow);
	assert_non_null(strstr(all, "|http://www.letsdefwnd.io/|")); /* --no-defang */
	free(all);
	fixture_free(f);
}

/* The "layout" format's output for tests/golden/NAME.yaml (caller frees). */
static char *layout_of(const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/tests/golden/%s.yaml", RG_SOURCE_DIR, name);
	struct rg_diags diags;
	rg_diags_init(&diags);
	struct rg_doc *doc = rg_load_file(path, &diags);
	assert_non_null(doc);
	assert_true(rg_validate(doc, &diags));
	const struct rg_format *fmt = rg_format_find("layout");
	assert_non_null(fmt);
	struct rg_render_opts o = {.epoch = -1, .diags = &diags};
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_int_equal(fmt->render(doc, &o, fp), 0);
	fclose(fp);
	rg_doc_free(doc);
	rg_diags_free(&diags);
	return buf;
}

/* A few decisions read through the format: A4 pages, the contents on page 1 linking to the
 * first section, numbered level-1 headings in the outline, cells of the cover table. */
static void test_layout_decisions(void **state)
{
	(void)state;
	for (size_t i = 0; rg_formats[i] != NULL; i++)
		assert_string_not_equal(rg_formats[i]->name, "layout"); /* hidden */
	assert_false(rg_format_find("layout")->is_default);
	assert_string_equal(rg_format_find("layout")->extension, ".layout");
	char *got = layout_of("valid-soc326");
	assert_true(strncmp(got, "pages 8\npage 1 595.28 x 841.89\n", 31) == 0);
	assert_non_null(strstr(got, "\npage 8 595.28 x 841.89\n"));
	assert_null(strstr(got, "\npage 9 "));
	char *p2 = strstr(got, "\npage 2 ");
	assert_non_null(p2);
	char *toc = strstr(got, "#h1\n");
	assert_true(toc != NULL && toc < p2); /* the contents links to section 1 from page 1 */
	char *h1 = strstr(got, "  heading 1 ");
	assert_true(h1 != NULL && h1 > p2);
	char *h1end = strchr(h1, '\n'), *h1title = strstr(h1, " toc \"1\xE2\x80\x82"
	                                                      "Alert Details\" #h1\n");
	assert_true(h1title != NULL && h1title < h1end);
	assert_non_null(
	        strstr(got, "  r1c1 text 59.69 539.76 sans-bold 9.00 #000000 \"Incident ID\"\n"));
	assert_non_null(strstr(got, "  r1c2 text 131.02 539.76 sans 9.00 #000000 \"304\"\n"));
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_headings),
	        cmocka_unit_test(test_labels),
	        cmocka_unit_test(test_artifacts_and_links),
	        cmocka_unit_test(test_cover),
	        cmocka_unit_test(test_times_and_breaks),
	        cmocka_unit_test(test_plain_urls_defanged),
	        cmocka_unit_test(test_layout_decisions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
