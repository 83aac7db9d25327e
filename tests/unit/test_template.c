/* test_template.c: the shipped templates load; a bad template gives exact diagnostics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "datadir.h"
#include "template.h"

/* Loads a template, returns the printed diagnostics (caller frees) and the status. */
static char *load(const char *name, struct rg_arena *a, struct template **t, int *rc)
{
	struct rg_diags d;
	rg_diags_init(&d);
	*rc = template_load(name, t, a, &d);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	rg_diags_sort(&d);
	rg_diags_print(&d, fp, false);
	fclose(fp);
	rg_diags_free(&d);
	return buf;
}

/* Writes text to a temporary template file; returns its path (static buffer). */
static const char *write_tpl(const char *text)
{
	static char path[64];
	snprintf(path, sizeof(path), "bad-template-%d.yaml", (int)strlen(text));
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void test_default(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	struct template *t;
	int rc;
	char *diag = load(NULL, a, &t, &rc);
	assert_string_equal(diag, "");
	assert_int_equal(rc, 0);
	assert_true(t->page.width > 595.2 && t->page.width < 595.3);
	assert_true(t->page.height > 841.8 && t->page.height < 841.9);
	assert_int_equal(t->norder, TSEC__MAX);
	assert_int_equal(t->order[0], TSEC_ALERT);
	assert_int_equal(t->order[TSEC__MAX - 1], TSEC_APPENDIX);
	assert_string_equal(t->titles[TSEC_VERIFICATION], "Verify");
	assert_string_equal(t->titles[TT_MITRE], "MITRE ATT&CK");
	assert_non_null(strstr(t->page.font_files[LAY_MONO_BOLD], "fonts/DejaVuSansMono-Bold.ttf"));
	assert_int_equal(t->colors.table_header_bg, 0x1F3A5F);
	assert_true(t->toc);
	free(diag);
	rg_arena_free(a);
}

static void test_letter_compact(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	struct template *t;
	int rc;
	char *diag = load("letter", a, &t, &rc);
	assert_string_equal(diag, "");
	assert_int_equal(rc, 0);
	assert_true(t->page.width == 612 && t->page.height == 792);
	free(diag);
	diag = load(RG_SOURCE_DIR "/templates/compact.yaml", a, &t, &rc);
	assert_string_equal(diag, "");
	assert_int_equal(rc, 0);
	assert_true(t->font_size == 8.5);
	assert_int_equal(t->order[0], TSEC_SUMMARY);
	assert_false(t->toc);
	assert_string_equal(t->titles[TT_ARTIFACTS], "Indicators of Compromise");
	assert_string_equal(t->page_format, "%d / %d");
	assert_int_equal(t->colors.accent, 0x0F766E);
	free(diag);
	rg_arena_free(a);
}

static void test_bad(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	struct template *t;
	int rc;
	const char *path = write_tpl("name: bad\n"
	                             "page:\n"
	                             "  size: a5\n"
	                             "colrs:\n"
	                             "  accent: \"#12345\"\n"
	                             "sections: [alert, summary, alert, apendix]\n"
	                             "footer: {page: \"Page %s\"}\n"
	                             "fonts: {mono: Nope.ttf}\n");
	char *diag = load(path, a, &t, &rc);
	char *want = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&want, &len);
	fprintf(fp,
	        "%s:3:9: error: page.size: expected one of a4, letter; got \"a5\" (did you mean "
	        "\"a4\"?)\n"
	        "%s:4:1: error: colrs: unknown key \"colrs\" (did you mean \"colors\"?)\n"
	        "%s:6:28: error: sections[2]: section \"alert\" listed twice\n"
	        "%s:6:35: error: sections[3]: expected one of alert, assets, emails, detection, "
	        "verification, analysis, containment, eradication, recovery, summary, timeline, "
	        "lessons, remediation, appendix; got \"apendix\" (did you mean \"appendix\"?)\n"
	        "%s:7:16: error: footer.page: expected a format with two %%d (page, pages); got "
	        "\"Page %%s\"\n"
	        "%s:8:15: error: fonts.mono: no font file \"Nope.ttf\" in the fonts folder\n",
	        path, path, path, path, path, path);
	fclose(fp);
	assert_string_equal(diag, want);
	assert_int_equal(rc, 1);
	assert_null(t);
	free(want);
	free(diag);
	remove(path);
	rg_arena_free(a);
}

static void test_bad_color_and_missing(void **state)
{
	(void)state;
	struct rg_arena *a = rg_arena_new();
	struct template *t;
	int rc;
	const char *path = write_tpl("colors:\n  accent: \"#12345\"\n");
	char *diag = load(path, a, &t, &rc);
	char *want = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&want, &len);
	fprintf(fp,
	        "%s:2:11: error: colors.accent: expected a colour \"#RRGGBB\" (quoted); got "
	        "\"#12345\"\n",
	        path);
	fclose(fp);
	assert_string_equal(diag, want);
	assert_int_equal(rc, 1);
	free(want);
	free(diag);
	remove(path);
	diag = load("no-such-template", a, &t, &rc);
	assert_int_equal(rc, 3);
	assert_non_null(
	        strstr(diag, "templates/no-such-template.yaml: error: cannot read template: "));
	free(diag);
	rg_arena_free(a);
}

/* A template of the limit's size (1 MiB) is read whole, one byte more is refused; a file
 * is read into a buffer of its size, so the last bytes count. */
static void test_size_limit(void **state)
{
	(void)state;
	const size_t limit = 1024u * 1024;
	const char head[] = "colors:\n  accent: \"#12345\"\n";
	for (size_t extra = 0; extra < 2; extra++) {
		char *text = malloc(limit + extra + 1);
		assert_non_null(text);
		memset(text, '\n', limit + extra);
		memcpy(text + limit + extra - strlen(head), head, strlen(head));
		text[limit + extra] = '\0';
		const char *path = write_tpl(text);
		struct rg_arena *a = rg_arena_new();
		struct template *t;
		int rc;
		char *diag = load(path, a, &t, &rc);
		if (extra == 0) { /* read to its last line, where the error is */
			assert_int_equal(rc, 1);
			assert_non_null(strstr(diag, ": error: colors.accent: expected a colour"));
		} else {
			assert_int_equal(rc, 3);
			assert_non_null(strstr(diag, "cannot read template: File too large"));
		}
		free(diag);
		rg_arena_free(a);
		remove(path);
		free(text);
	}
}

static void test_datadir_env(void **state)
{
	(void)state;
	enum datadir_from from;
	unsetenv("RG_DATADIR");
	/* this program runs from its build folder: the source tree, whose templates exist */
	assert_string_equal(datadir_path(&from), RG_SOURCE_DIR);
	assert_int_equal(from, DATADIR_BUILD);
	setenv("RG_DATADIR", "/nonexistent-datadir", 1);
	assert_string_equal(datadir_path(&from), "/nonexistent-datadir");
	assert_int_equal(from, DATADIR_ENV);
	setenv("RG_DATADIR", "", 1); /* empty is unset */
	assert_string_equal(datadir_path(&from), RG_SOURCE_DIR);
	setenv("RG_DATADIR", "/nonexistent-datadir", 1);
	struct rg_arena *a = rg_arena_new();
	struct template *t;
	int rc;
	char *diag = load("default", a, &t, &rc);
	assert_int_equal(rc, 3);
	assert_non_null(strstr(diag, "/nonexistent-datadir/templates/default.yaml: error: "));
	free(diag);
	unsetenv("RG_DATADIR");
	rg_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_default),     cmocka_unit_test(test_letter_compact),
	        cmocka_unit_test(test_bad),         cmocka_unit_test(test_bad_color_and_missing),
	        cmocka_unit_test(test_datadir_env), cmocka_unit_test(test_size_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
