/* test_fonts.c: the embedded fonts as PDF readers see them: every example and golden input
 * renders to a PDF that poppler reads without a word on stderr, with every face embedded,
 * subset and mapped to Unicode. Skips when poppler-utils or the executable are missing. */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

static bool have_tools;

/* Runs a shell command; returns its standard output (caller frees) and exit status. */
static char *run(int *status, const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char *buf = tu_read_stream(p);
	int st = pclose(p);
	if (status != NULL)
		*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return buf;
}

static int setup(void **state)
{
	(void)state;
	int st;
	free(run(&st, "command -v pdftotext pdfinfo pdffonts >/dev/null 2>&1"));
	have_tools = st == 0;
	struct stat sb;
	if (stat(RG_BINARY, &sb) != 0)
		have_tools = false;
	if (!have_tools)
		printf("SKIP: test_fonts: poppler-utils or the reportgen executable missing\n");
	return 0;
}

#define NEED_TOOLS()             \
	do {                     \
		if (!have_tools) \
			skip();  \
	} while (0)

/* Fails unless every font pdffonts lists is embedded, subset and has a ToUnicode map. */
static void assert_fonts_embedded(const char *pdf)
{
	int st;
	char *o = run(&st, "pdffonts '%s' 2>/dev/null", pdf);
	assert_int_equal(st, 0);
	int fonts = 0;
	char *save = NULL;
	for (char *l = strtok_r(o, "\n", &save); l != NULL; l = strtok_r(NULL, "\n", &save)) {
		if (strncmp(l, "name", 4) == 0 || l[0] == '-')
			continue;
		char *tok[16];
		int nt = 0;
		for (char *s2 = NULL, *t = strtok_r(l, " ", &s2); t != NULL && nt < 16;
		     t = strtok_r(NULL, " ", &s2))
			tok[nt++] = t;
		if (nt < 6 || strcmp(tok[nt - 5], "yes") != 0 || strcmp(tok[nt - 4], "yes") != 0 ||
		    strcmp(tok[nt - 3], "yes") != 0)
			fail_msg("%s: font %s is not embedded, subset and with ToUnicode", pdf,
			         nt > 0 ? tok[0] : "?");
		fonts++;
	}
	if (fonts < 1)
		fail_msg("%s: no fonts", pdf);
	free(o);
}

/* Fails when pdftotext, pdffonts or pdfinfo print anything on stderr for pdf. */
static void assert_poppler_quiet(const char *pdf)
{
	static const char *const tools[] = {"pdftotext '%s' /dev/null", "pdffonts '%s' >/dev/null",
	                                    "pdfinfo '%s' >/dev/null"};
	for (size_t t = 0; t < sizeof(tools) / sizeof(tools[0]); t++) {
		char cmd[2048];
		snprintf(cmd, sizeof(cmd), tools[t], pdf);
		int st;
		char *err = run(&st, "%s 2>&1", cmd);
		if (st != 0 || *err != '\0')
			fail_msg("%s: %s (exit %d)", cmd, err, st);
		free(err);
	}
}

/* Renders every NAME.yaml matching pattern (from its folder, so relative image paths
 * resolve); each one that renders must give a PDF poppler reads silently. Returns the
 * number of PDFs checked. */
static size_t check_inputs(const char *pattern)
{
	glob_t g;
	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	size_t checked = 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		const char *in = g.gl_pathv[i];
		char dir[1024];
		snprintf(dir, sizeof(dir), "%s", in);
		char *slash = strrchr(dir, '/');
		assert_non_null(slash);
		*slash = '\0';
		remove("fonts-in.pdf");
		int st;
		char cwd[1024];
		assert_non_null(getcwd(cwd, sizeof(cwd)));
		char *o = run(&st, "cd '%s' && '%s' render -f pdf -o '%s/fonts-in.pdf' '%s' 2>&1",
		              dir, RG_BINARY, cwd, slash + 1);
		free(o);
		struct stat sb;
		if (st != 0 && st != 1)
			fail_msg("render %s: exit %d", in, st);
		if (stat("fonts-in.pdf", &sb) != 0)
			continue; /* rejected input: no output */
		assert_poppler_quiet("fonts-in.pdf");
		assert_fonts_embedded("fonts-in.pdf");
		checked++;
	}
	globfree(&g);
	remove("fonts-in.pdf");
	return checked;
}

static void test_examples_quiet(void **state)
{
	(void)state;
	NEED_TOOLS();
	assert_true(check_inputs(RG_SOURCE_DIR "/examples/*.yaml") >= 4);
}

static void test_goldens_quiet(void **state)
{
	(void)state;
	NEED_TOOLS();
	assert_true(check_inputs(RG_SOURCE_DIR "/tests/golden/*.yaml") >= 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_examples_quiet),
	        cmocka_unit_test(test_goldens_quiet),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
