/* test_export.c: the choices shared by the STIX exports (TLP filter, indicators, times, plain
 * text). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "export.h"
#include "techlink.h"

static void test_tlp_filter(void **state)
{
	(void)state;
	struct rg_render_opts opts = {.max_tlp = RG_TLP_GREEN, .epoch = -1};
	struct rg_artifact a = {0};
	a.tlp = RG_TLP_NONE;
	assert_true(export_keep_artifact(&opts, &a));
	a.tlp = RG_TLP_CLEAR;
	assert_true(export_keep_artifact(&opts, &a));
	a.tlp = RG_TLP_GREEN;
	assert_true(export_keep_artifact(&opts, &a));
	a.tlp = RG_TLP_AMBER;
	assert_false(export_keep_artifact(&opts, &a));
	a.tlp = RG_TLP_RED;
	assert_false(export_keep_artifact(&opts, &a));
	opts.max_tlp = RG_TLP_AMBER_STRICT;
	assert_true(export_keep_artifact(&opts, &a) == false);
	a.tlp = RG_TLP_AMBER_STRICT;
	assert_true(export_keep_artifact(&opts, &a));
	opts.max_tlp = RG_TLP_NONE;
	a.tlp = RG_TLP_RED;
	assert_true(export_keep_artifact(&opts, &a));
}

static void test_withheld_and_governing_tlp(void **state)
{
	(void)state;
	struct rg_artifact arts[2] = {0};
	arts[0].refanged = "evil.example";
	arts[0].tlp = RG_TLP_RED;
	arts[1].refanged = "ok.example";
	struct rg_doc doc = {0};
	doc.artifacts = arts;
	doc.nartifacts = 2;
	doc.report.tlp = RG_TLP_AMBER;
	struct rg_render_opts opts = {.max_tlp = RG_TLP_AMBER, .epoch = -1};
	struct rg_arena *ar = rg_arena_new();
	struct export_withheld w = export_withheld_new(ar, &doc, &opts);
	assert_true(export_is_withheld(&w, "evil.example"));
	assert_false(export_is_withheld(&w, "ok.example"));
	assert_false(export_is_withheld(&w, NULL));
	rg_arena_free(ar);
	assert_int_equal(export_artifact_tlp(&doc, &arts[0]), RG_TLP_RED);
	assert_int_equal(export_artifact_tlp(&doc, &arts[1]), RG_TLP_AMBER);
}

static void test_dropped_duplicates(void **state)
{
	(void)state;
	struct rg_artifact arts[4] = {0};
	arts[0].refanged = "1.2.3.4";
	arts[1].refanged = "evil.example";
	arts[2].refanged = "1.2.3.4";
	arts[2].tlp = RG_TLP_RED; /* a stricter duplicate withholds the first one too */
	arts[3].value.s = "as.written";
	struct rg_doc doc = {0};
	doc.artifacts = arts;
	doc.nartifacts = 4;
	struct rg_arena *ar = rg_arena_new();
	struct rg_render_opts opts = {.max_tlp = RG_TLP_AMBER, .epoch = -1};
	const bool *d = export_dropped(ar, &doc, &opts);
	assert_true(d[0]);
	assert_false(d[1]);
	assert_true(d[2]);
	assert_false(d[3]);
	opts.max_tlp = RG_TLP_RED;
	d = export_dropped(ar, &doc, &opts);
	assert_false(d[0] || d[1] || d[2] || d[3]);
	opts.max_tlp = RG_TLP_NONE;
	d = export_dropped(ar, &doc, &opts);
	assert_false(d[0] || d[1] || d[2] || d[3]);
	rg_arena_free(ar);
}

/* techniques: names an entry of mitre by id or name, in any case, with spaces around; the
 * first entry of a technique listed twice; a sub-technique by its own name too. */
static void test_techlink(void **state)
{
	(void)state;
	struct rg_arena *ar = rg_arena_new();
	struct rg_technique m[3] = {0};
	m[0].technique = (struct rg_text){"T1071.001", {1, 1}};
	m[0].id = "T1071.001";
	m[0].full_name = "Application Layer Protocol: Web Protocols";
	m[1].technique = (struct rg_text){"T1566", {2, 1}};
	m[1].name = (struct rg_text){"Phishing", {2, 1}};
	m[2] = m[0];
	struct rg_doc doc = {.mitre = m, .nmitre = 3};
	const struct techlink_index *x = techlink_index(ar, &doc);
	assert_ptr_equal(techlink_find(x, "T1071.001"), &m[0]);
	assert_ptr_equal(techlink_find(x, " t1071.001 "), &m[0]);
	assert_ptr_equal(techlink_find(x, "web protocols"), &m[0]);
	assert_ptr_equal(techlink_find(x, "Application Layer Protocol: Web Protocols"), &m[0]);
	assert_ptr_equal(techlink_find(x, "PHISHING"), &m[1]);
	assert_null(techlink_find(x, "T1071"));
	assert_null(techlink_find(x, "Phish"));
	assert_null(techlink_find(x, ""));
	assert_true(techlink_names(&m[2], "T1071.001"));
	assert_false(techlink_names(&m[1], "T1071.001"));
	rg_arena_free(ar);
}

static void test_indicator_choice(void **state)
{
	(void)state;
	struct rg_artifact a = {0};
	a.disposition = RG_DISP_MALICIOUS;
	assert_true(export_is_indicator(&a));
	a.disposition = RG_DISP_SUSPICIOUS;
	assert_true(export_is_indicator(&a));
	a.disposition = RG_DISP_BENIGN;
	assert_false(export_is_indicator(&a));
	a.disposition = RG_DISP_UNKNOWN;
	assert_false(export_is_indicator(&a));
	a.disposition = RG_DISP_NONE;
	assert_false(export_is_indicator(&a));
}

static void test_times(void **state)
{
	(void)state;
	struct rg_arena *ar = rg_arena_new();
	assert_string_equal(export_utc(ar, 1726574700, 0, false), "2024-09-17T12:05:00Z");
	assert_string_equal(export_utc(ar, 1726574700, 123999999, true),
	                    "2024-09-17T12:05:00.123Z");
	assert_string_equal(export_utc(ar, 0, 0, false), "1970-01-01T00:00:00Z");
	assert_string_equal(export_utc(ar, -1, 0, false), "1969-12-31T23:59:59Z");
	assert_string_equal(export_utc(ar, 951782400, 0, false), "2000-02-29T00:00:00Z");
	assert_string_equal(export_utc(ar, INT64_MAX, 0, false), "9999-12-31T23:59:59Z");
	assert_string_equal(export_utc(ar, INT64_MIN, 0, true), "0001-01-01T00:00:00.000Z");

	struct rg_time t = {.prec = RG_TIME_MINUTE, .utc = 1726574700};
	assert_string_equal(export_time(ar, &t, false), "2024-09-17T12:05:00Z");
	assert_string_equal(export_time_precision(&t), "minute");
	t.prec = RG_TIME_UNKNOWN;
	assert_null(export_time(ar, &t, false));
	assert_null(export_time_precision(&t));

	/* the file's dates first; SOURCE_DATE_EPOCH only when it gives none */
	struct rg_doc doc = {0};
	struct rg_render_opts opts = {.epoch = -1};
	assert_int_equal(export_created(&doc, &opts), 0);
	opts.epoch = 7;
	assert_int_equal(export_created(&doc, &opts), 7);
	doc.alert.present = true;
	doc.alert.time = (struct rg_time){.prec = RG_TIME_SECOND, .utc = 100};
	assert_int_equal(export_created(&doc, &opts), 100);
	doc.report.date = (struct rg_time){.prec = RG_TIME_DATE, .utc = 200};
	assert_int_equal(export_created(&doc, &opts), 200);
	assert_int_equal(export_revised(&doc, &opts), 200);
	/* revisions: created at the first, the report's own objects modified at the last */
	doc.report.first_time = (struct rg_time){.prec = RG_TIME_DATE, .utc = 150};
	doc.report.revision_time = (struct rg_time){.prec = RG_TIME_DATE, .utc = 900};
	assert_int_equal(export_created(&doc, &opts), 150);
	assert_int_equal(export_revised(&doc, &opts), 900);
	/* an item's object: created, unless the item is dated later (up to the revision) */
	struct rg_time seen = {.prec = RG_TIME_SECOND, .utc = 120};
	assert_int_equal(export_modified(&doc, &opts, NULL), 150);
	assert_int_equal(export_modified(&doc, &opts, &seen), 150);
	seen.utc = 400;
	assert_int_equal(export_modified(&doc, &opts, &seen), 400);
	seen.utc = 5000;
	assert_int_equal(export_modified(&doc, &opts, &seen), 900);
	/* a revision time before the first time never makes modified precede created */
	doc.report.revision_time.utc = 10;
	assert_int_equal(export_revised(&doc, &opts), 150);
	rg_arena_free(ar);
}

static void test_plain(void **state)
{
	(void)state;
	struct rg_arena *ar = rg_arena_new();
	assert_null(export_plain(ar, NULL));
	assert_null(export_plain(ar, "  \n\n "));
	assert_string_equal(export_plain(ar, "A **bold** `x<y` line\nwrapped.\n\nSecond."),
	                    "A bold x<y line wrapped.\n\nSecond.");
	assert_string_equal(
	        export_plain(ar, "See [the site](https://a.example/x) or <https://b.example>."),
	        "See the site (https://a.example/x) or https://b.example.");
	assert_string_equal(export_plain(ar, "Steps:\n\n1. one\n2. two\n   - sub\n\nDone."),
	                    "Steps:\n\n1. one\n2. two\n  - sub\n\nDone.");
	assert_string_equal(export_plain(ar, "<b>raw</b> & text"), "<b>raw</b> & text");
	rg_arena_free(ar);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_tlp_filter),
	        cmocka_unit_test(test_withheld_and_governing_tlp),
	        cmocka_unit_test(test_dropped_duplicates),
	        cmocka_unit_test(test_techlink),
	        cmocka_unit_test(test_indicator_choice),
	        cmocka_unit_test(test_times),
	        cmocka_unit_test(test_plain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
