/* test_timing.c: the opt-in phase timings (RG_TIMINGS): every phase of a render of all
 * formats prints its line on standard error, the outputs are byte for byte those of a
 * render without it, and nothing is printed when it is unset or empty. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

static char tmpdir[] = "/tmp/rg-test-timing.XXXXXX";

static char *render(const char *env, const char *sub)
{
	int st = 0;
	char *err =
	        tu_popen(&st,
	                 "cd '%s' && %s '%s' render -q --format pdf,stix1,stix2 --outdir '%s/%s' "
	                 "'%s/examples/soc326-impersonating-domain.yaml' 2>&1 >/dev/null",
	                 tmpdir, env, RG_BINARY, tmpdir, sub, RG_SOURCE_DIR);
	assert_int_equal(st, 0);
	return err;
}

static void same_file(const char *name)
{
	int st = -1;
	char *out = tu_popen(&st, "test -s '%s/plain/%s' && cmp '%s/plain/%s' '%s/timed/%s'",
	                     tmpdir, name, tmpdir, name, tmpdir, name);
	free(out);
	assert_int_equal(st, 0);
}

static void test_timings(void **state)
{
	(void)state;
	char *plain = render("env -u RG_TIMINGS", "plain");
	assert_null(strstr(plain, "timing:"));
	free(plain);
	char *empty = render("RG_TIMINGS=", "empty");
	assert_null(strstr(empty, "timing:"));
	free(empty);
	char *timed = render("RG_TIMINGS=1", "timed");
	const char *phases[] = {"load",        "validate",    "edition", "build", "fonts",
	                        "layout",      "draw",        "save",    "pdf",   "stix1",
	                        "stix2-build", "stix2-write", "stix2"};
	for (size_t i = 0; i < sizeof(phases) / sizeof(phases[0]); i++) {
		char want[64];
		snprintf(want, sizeof(want), "reportgen: timing: %s ", phases[i]);
		if (strstr(timed, want) == NULL)
			fail_msg("no line for phase %s in:\n%s", phases[i], timed);
	}
	assert_non_null(strstr(timed, " ms (peak RSS "));
	free(timed);
	same_file("soc326-impersonating-domain.pdf");
	same_file("soc326-impersonating-domain.stix.xml");
	same_file("soc326-impersonating-domain.stix.json");
	char *rm = tu_popen(NULL, "rm -rf '%s'", tmpdir);
	free(rm);
}

int main(void)
{
	if (mkdtemp(tmpdir) == NULL)
		return 1;
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_timings)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
