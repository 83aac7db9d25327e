/* test_failures.c: no output is reported written unless it is whole. Internal failures are
 * forced (a file-size limit, RLIMIT_FSIZE, makes writes fail; an allocation failure injected
 * with failalloc.c at sampled points of a whole render); each must end with exit 3 and the
 * old targets untouched, no temporary file left, or exit 0 with every output whole. And
 * --max-pages ends a layout that needs more pages with an error and no file. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "testutil.h"

static char tmpdir[] = "/tmp/rg-test-failures.XXXXXX";
static const char example[] = RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml";
static const char *const targets[] = {"soc326-impersonating-domain.pdf",
                                      "soc326-impersonating-domain.stix.xml",
                                      "soc326-impersonating-domain.stix.json"};
static const char old[] = "OLD\n";

struct child {
	long fsize;         /* RLIMIT_FSIZE in bytes, or 0 */
	long fail_alloc;    /* RG_FAIL_ALLOC, or -1 */
	const char *format; /* --format */
	const char *extra;  /* one more argument, or NULL */
};

/* Runs reportgen render on the example into tmpdir/out; returns the exit status (128 + signal
 * when killed); *err gets standard error. */
static int run_render(const struct child *ch, char **err)
{
	char out[1100], errp[1100];
	snprintf(out, sizeof(out), "%s/out", tmpdir);
	snprintf(errp, sizeof(errp), "%s/stderr", tmpdir);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int e = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int o = open("/dev/null", O_WRONLY);
		if (e < 0 || o < 0 || dup2(e, 2) < 0 || dup2(o, 1) < 0)
			_exit(99);
		setenv("SOURCE_DATE_EPOCH", "1726574700", 1);
#ifdef RG_FAILALLOC
		if (ch->fail_alloc >= 0) {
			char n[32];
			snprintf(n, sizeof(n), "%ld", ch->fail_alloc);
			setenv("RG_FAIL_ALLOC", n, 1);
			setenv("LD_PRELOAD", RG_FAILALLOC, 1);
		}
#endif
		if (ch->fsize > 0) {
			struct rlimit rl = {(rlim_t)ch->fsize, (rlim_t)ch->fsize};
			if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
				_exit(96);
		}
		const char *argv[] = {RG_BINARY,  "render", example,   "--format", ch->format,
		                      "--outdir", out,      ch->extra, NULL};
		execv(RG_BINARY, (char *const *)argv);
		_exit(98);
	}
	int st = 0;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	*err = tu_slurp(errp);
	if (*err == NULL)
		*err = rg_xstrdup("");
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static char *out_path(const char *name)
{
	static char buf[2][1100];
	static int k;
	k ^= 1;
	snprintf(buf[k], sizeof(buf[k]), "%s/out/%s", tmpdir, name);
	return buf[k];
}

/* Puts "OLD" in every target and removes anything else from out/. */
static void reset_targets(void)
{
	char out[1100];
	snprintf(out, sizeof(out), "%s/out", tmpdir);
	mkdir(out, 0700);
	DIR *d = opendir(out);
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlink(out_path(e->d_name));
	closedir(d);
	for (size_t i = 0; i < 3; i++)
		tu_spit(out_path(targets[i]), old);
}

/* Entries of out/ (including hidden temporary files). */
static int out_entries(void)
{
	char out[1100];
	snprintf(out, sizeof(out), "%s/out", tmpdir);
	DIR *d = opendir(out);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void expect_untouched(void)
{
	for (size_t i = 0; i < 3; i++) {
		char *s = tu_slurp(out_path(targets[i]));
		assert_non_null(s);
		assert_string_equal(s, old);
		free(s);
	}
	assert_int_equal(out_entries(), 3); /* no temporary file left */
}

/* The outputs of a successful render are whole. */
static void expect_whole(void)
{
	struct stat st;
	assert_int_equal(stat(out_path(targets[0]), &st), 0);
	assert_true(st.st_size > 16);
	char *pdf = tu_slurp(out_path(targets[0]));
	assert_non_null(pdf);
	assert_true(strncmp(pdf, "%PDF-", 5) == 0);
	assert_non_null(memmem(pdf + st.st_size - 7, 7, "%%EOF", 5));
	free(pdf);
	char cmd[1200];
	snprintf(cmd, sizeof(cmd), "xmllint --noout %s", out_path(targets[1]));
	assert_int_equal(system(cmd), 0);
	char *json = tu_slurp(out_path(targets[2]));
	cJSON *j = cJSON_Parse(json);
	assert_non_null(j);
	cJSON_Delete(j);
	free(json);
	assert_int_equal(out_entries(), 3);
}

/* A write error through a file-size limit, for each back end: exit 3, old target kept. */
static void test_write_error(void **state)
{
	(void)state;
	/* the whole PDF's size, so that a limit can fall inside its final write (the font
	 * subsets, which go through anonymous files, are smaller) */
	reset_targets();
	struct child whole = {.fail_alloc = -1, .format = "pdf"};
	char *err = NULL;
	assert_int_equal(run_render(&whole, &err), 0);
	free(err);
	struct stat st;
	assert_int_equal(stat(out_path(targets[0]), &st), 0);
	static const char *const formats[] = {"pdf", "pdf", "stix1", "stix2", "pdf,stix1,stix2"};
	const long limits[] = {3000, (long)st.st_size - 100, 3000, 3000, 3000};
	for (size_t i = 0; i < 5; i++) {
		reset_targets();
		struct child ch = {.fsize = limits[i], .fail_alloc = -1, .format = formats[i]};
		int rc = run_render(&ch, &err);
		printf("%s under a %ld-byte file-size limit: exit %d: %s", formats[i], limits[i],
		       rc, err);
		assert_int_equal(rc, 3);
		assert_non_null(strstr(err, "error"));
		free(err);
		expect_untouched();
	}
}

/* An allocation failure at sampled points of a whole render of the example in all three
 * formats: exit 3 with the old targets untouched, or exit 0 with whole outputs; never a
 * crash, a hang, another exit status or a partial file. */
static void test_alloc_failures(void **state)
{
	(void)state;
#if defined(__SANITIZE_ADDRESS__)
	printf("SKIP: allocation failure injection needs a build without AddressSanitizer\n");
	return;
#elif !defined(RG_FAILALLOC)
	printf("SKIP: this build has no allocation failure injection library\n");
	return;
#else
	char *ldd = NULL;
	{
		FILE *p = popen("getconf GNU_LIBC_VERSION 2>/dev/null", "r");
		ldd = p != NULL ? tu_read_stream(p) : NULL;
		if (p != NULL)
			pclose(p);
	}
	if (ldd == NULL || strncmp(ldd, "glibc", 5) != 0) {
		printf("SKIP: allocation failure injection needs glibc\n");
		free(ldd);
		return;
	}
	free(ldd);
	int exits[4] = {0}; /* 0, 3, last: other */
	long n = 0;
	for (int step = 0; step < 48; step++) {
		reset_targets();
		struct child ch = {.fail_alloc = n, .format = "pdf,stix1,stix2"};
		char *err = NULL;
		int rc = run_render(&ch, &err);
		if (rc != 0 && rc != 3)
			printf("allocation %ld failed: exit %d: %s", n, rc, err);
		assert_true(rc == 0 || rc == 3);
		if (rc == 3) {
			expect_untouched();
			exits[1]++;
		} else {
			expect_whole();
			exits[0]++;
		}
		free(err);
		n = n < 8 ? n + 1 : n * 13 / 10; /* 0..8, then 30 % further each time */
	}
	printf("allocation failures injected at 48 points up to %ld: %d exit 3, %d absorbed\n", n,
	       exits[1], exits[0]);
	assert_true(exits[1] >= 20);
#endif
}

/* --max-pages: a bound under the report's page count is an error and writes nothing. */
static void test_max_pages(void **state)
{
	(void)state;
	reset_targets();
	struct child ch = {.fail_alloc = -1, .format = "pdf,stix1,stix2", .extra = "--max-pages=2"};
	char *err = NULL;
	int rc = run_render(&ch, &err);
	printf("--max-pages=2: exit %d: %s", rc, err);
	assert_int_equal(rc, 1);
	assert_non_null(strstr(err, "error: the report needs more than 2 pages"));
	free(err);
	expect_untouched();
	ch.extra = "--max-pages=1000";
	rc = run_render(&ch, &err);
	assert_int_equal(rc, 0);
	free(err);
	expect_whole();
	ch.extra = "--max-pages=0";
	rc = run_render(&ch, &err);
	assert_int_equal(rc, 2);
	assert_non_null(strstr(err, "--max-pages needs a whole number"));
	free(err);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[1100];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_write_error),
	        cmocka_unit_test(test_alloc_failures),
	        cmocka_unit_test(test_max_pages),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
