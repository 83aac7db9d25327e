/* test_loader.c: rg_load_buffer / rg_load_file: files, folders, fields and defaults. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "reportgen.h"

static struct rg_doc *load(struct rg_diags *d, const char *file, const char *text)
{
	rg_diags_init(d);
	return rg_load_buffer(file, text, strlen(text), d);
}

static void test_io_errors(void **state)
{
	(void)state;
	struct rg_diags d;
	rg_diags_init(&d);
	assert_null(rg_load_file("no/such/incident.yaml", &d));
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, RG_F_IO);
	assert_string_equal(d.v[0].message, "cannot open the file: No such file or directory");
	assert_int_equal(rg_diags_exit(&d), 3);
	rg_diags_free(&d);
	rg_diags_init(&d);
	assert_null(rg_load_file(RG_SOURCE_DIR "/tests", &d));
	assert_int_equal(d.v[0].code, RG_F_IO);
	assert_string_equal(d.v[0].message, "cannot read the file: Is a directory");
	rg_diags_free(&d);
}

static void test_dir_and_file(void **state)
{
	(void)state;
	static const char *const cases[][2] = {{"incident.yaml", "."},
	                                       {"cases/2024/incident.yaml", "cases/2024"},
	                                       {"/incident.yaml", "/"}};
	for (size_t i = 0; i < 3; i++) {
		struct rg_diags d;
		struct rg_doc *doc = load(&d, cases[i][0], "reportgen: 1\nreport: {id: x}\n");
		assert_non_null(doc);
		assert_string_equal(doc->file, cases[i][0]);
		assert_string_equal(doc->dir, cases[i][1]);
		rg_doc_free(doc);
		rg_diags_free(&d);
	}
}

static void test_fields(void **state)
{
	(void)state;
	struct rg_diags d;
	struct rg_doc *doc =
	        load(&d, "i.yaml",
	             "reportgen: 1\n"
	             "report: {id: 304, date: 2024-09-17T12:05:00Z, tlp: Amber, tags: [a]}\n"
	             "assets: [{ip: 10.0.0.1, bits: 64}]\n"
	             "emails: [{from: a@b.example, to: c@d.example, cc: [e@f.example]}]\n"
	             "sections: [{title: Root Cause}, {title: Hunt, after: alert}]\n"
	             "remediation: [Patch., {action: MFA}]\n");
	assert_non_null(doc);
	assert_int_equal(d.n, 0);
	assert_int_equal(doc->version, 1);
	assert_string_equal(doc->report.id.s, "304");
	assert_int_equal(doc->report.id.pos.line, 2);
	assert_int_equal(doc->report.id.pos.col, 14);
	assert_int_equal(doc->report.date.utc, 1726574700);
	assert_int_equal(doc->report.tlp, RG_TLP_AMBER);
	assert_string_equal(doc->report.title.s, "Incident Report");
	assert_int_equal(doc->nassets, 1);
	assert_null(doc->assets[0].name.s); /* the validator names it after its ip */
	assert_int_equal(doc->assets[0].kind, RG_KIND_HOST);
	assert_string_equal(doc->assets[0].bits.s, "64");
	assert_int_equal(doc->assets[0].ip.n, 1);
	assert_int_equal(doc->emails[0].to.n, 1);
	assert_string_equal(doc->emails[0].cc.v[0].s, "e@f.example");
	assert_int_equal(doc->sections[0].after, RG_AFTER_REMEDIATION);
	assert_int_equal(doc->sections[1].after, RG_AFTER_ALERT);
	assert_true(doc->sections[1].s.present);
	assert_int_equal(doc->nremediation, 2);
	assert_false(doc->remediation[0].is_action);
	assert_true(doc->remediation[1].is_action);
	assert_false(doc->remediation_table);
	assert_false(doc->alert.present);
	assert_false(doc->analysis.present);
	rg_doc_free(doc);
	rg_diags_free(&d);
}

static void test_keeps_going(void **state)
{
	(void)state;
	struct rg_diags d;
	struct rg_doc *doc =
	        load(&d, "i.yaml",
	             "reportgen: 1\nreport: {id: x, tlp: blue}\n"
	             "artifacts: [{value: a.example, type: domian}, {value: b.example}]\n");
	assert_non_null(doc); /* a partial document comes back with the errors */
	assert_int_equal(d.n, 2);
	assert_int_equal(doc->report.tlp, RG_TLP_NONE);
	assert_int_equal(doc->nartifacts, 2);
	assert_int_equal(doc->artifacts[0].type, RG_IOC_NONE);
	assert_string_equal(doc->artifacts[1].value.s, "b.example");
	assert_int_equal(rg_diags_exit(&d), 1);
	rg_doc_free(doc);
	rg_diags_free(&d);
}

static void test_unterminated_and_empty_buffers(void **state)
{
	(void)state;
	struct rg_diags d;
	rg_diags_init(&d);
	char buf[] = {'r', 'e', 'p', 'o', 'r', 't', 'g', 'e', 'n', ':', ' ', '1', 'X'};
	struct rg_doc *doc = rg_load_buffer("b.yaml", buf, sizeof(buf) - 1, &d);
	assert_non_null(doc);
	assert_int_equal(doc->version, 1);
	assert_int_equal(d.n, 1); /* report is missing; the X past the length is not read */
	assert_int_equal(d.v[0].code, RG_E_MISSING_KEY);
	rg_doc_free(doc);
	rg_diags_free(&d);
	rg_diags_init(&d);
	assert_null(rg_load_buffer("e.yaml", "", 0, &d));
	assert_int_equal(d.v[0].code, RG_E_EMPTY);
	rg_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_io_errors),
	        cmocka_unit_test(test_dir_and_file),
	        cmocka_unit_test(test_fields),
	        cmocka_unit_test(test_keeps_going),
	        cmocka_unit_test(test_unterminated_and_empty_buffers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
