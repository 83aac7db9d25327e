/* test_cli.c: the reportgen command line (exit codes, diagnostics, atomic outputs) and cli_output.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "testutil.h"

#include "imgmake.h"

/* A whole file ("" when missing). */
static char *slurp(const char *path)
{
	char *s = tu_slurp(path);
	return s != NULL ? s : rg_xstrdup("");
}

#include "cli_output.h"
#include "reportgen.h"

static char tmpdir[] = "/tmp/rg-test-cli.XXXXXX";
static const char *run_stdin; /* file given to the next run as standard input, or NULL */

struct run {
	int status; /* exit status, or 128 + signal */
	char *out, *err;
};

static char *in_tmp(const char *name)
{
	static char buf[4][1024];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", tmpdir, name);
	return buf[k];
}

/* Runs the reportgen binary in `dir` with the NULL-terminated arguments; `epoch` (may be
 * NULL to leave it unset) becomes SOURCE_DATE_EPOCH. Captures stdout and stderr. */
static struct run run_in(const char *dir, const char *epoch, const char *arg0, ...)
{
	const char *argv[32] = {RG_BINARY, arg0};
	size_t n = 2;
	va_list ap;
	va_start(ap, arg0);
	while (arg0 != NULL && n < 31 && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	char outp[1100], errp[1100];
	snprintf(outp, sizeof(outp), "%s/.stdout", tmpdir);
	snprintf(errp, sizeof(errp), "%s/.stderr", tmpdir);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int o = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0 || chdir(dir) != 0)
			_exit(99);
		int i = open(run_stdin ? run_stdin : "/dev/null", O_RDONLY);
		if (i < 0 || dup2(i, 0) < 0)
			_exit(97);
		if (epoch != NULL)
			setenv("SOURCE_DATE_EPOCH", epoch, 1);
		else
			unsetenv("SOURCE_DATE_EPOCH");
		execv(RG_BINARY, (char *const *)argv);
		_exit(98);
	}
	int st = 0;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	struct run r = {WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st), slurp(outp),
	                slurp(errp)};
	unlink(outp);
	unlink(errp);
	return r;
}

#define run(...) run_in(tmpdir, "1726574700", __VA_ARGS__, (const char *)NULL)

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* Names in a folder other than . and .., sorted, joined by spaces. */
static char *listing(const char *dir)
{
	struct dirent **ents = NULL;
	int n = scandir(dir, &ents, NULL, alphasort);
	char *s = calloc(1, 4096);
	assert_non_null(s);
	for (int i = 0; i < n; i++) {
		if (strcmp(ents[i]->d_name, ".") != 0 && strcmp(ents[i]->d_name, "..") != 0) {
			if (s[0] != '\0')
				strcat(s, " ");
			strncat(s, ents[i]->d_name, 4096 - strlen(s) - 2);
		}
		free(ents[i]);
	}
	free(ents);
	return s;
}

static bool have_format(const char *name)
{
	for (size_t i = 0; rg_formats[i] != NULL; i++)
		if (strcmp(rg_formats[i]->name, name) == 0)
			return true;
	return false;
}

/* True when the binary reads incident files (the loader is linked in). */
static bool have_loader(void)
{
	struct run r = run("check", RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml");
	bool ok = strstr(r.err, "has no incident loader") == NULL;
	run_free(&r);
	return ok;
}

#define NEED_LOADER()                                                            \
	do {                                                                     \
		if (!have_loader()) {                                            \
			printf("SKIP: this build has no incident loader yet\n"); \
			skip();                                                  \
		}                                                                \
	} while (0)

#define NEED_TREE()                                                          \
	do {                                                                 \
		NEED_LOADER();                                               \
		if (!have_format("tree")) {                                  \
			printf("SKIP: this build has no tree format yet\n"); \
			skip();                                              \
		}                                                            \
	} while (0)

static const char valid_yaml[] = "reportgen: 1\n"
                                 "report:\n"
                                 "  id: \"7\"\n"
                                 "  date: 2024-09-17T12:05:00Z\n";

/* line 5, column 8: the value "ambr" */
static const char invalid_yaml[] = "reportgen: 1\n"
                                   "report:\n"
                                   "  id: \"7\"\n"
                                   "  date: 2024-09-17T12:05:00Z\n"
                                   "  tlp: ambr\n";

/* ------------------------------------------------------------------ */

static void test_version(void **state)
{
	(void)state;
	/* no imported ATT&CK versions: the user data folder is empty */
	char *xdg = rg_xstrdup(in_tmp("xdg"));
	setenv("XDG_DATA_HOME", xdg, 1);
	struct run r = run("--version");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "reportgen " RG_VERSION "\n"
	                           "ATT&CK: Enterprise v18.1 (built in)\n"
	                           "data: " RG_SOURCE_DIR " (the source tree of this build)\n");
	assert_string_equal(r.err, "");
	run_free(&r);
	/* an imported version is named with its folder */
	char dir[2048];
	snprintf(dir, sizeof(dir), "mkdir -p '%s/reportgen/attack/17.1'", xdg);
	assert_int_equal(system(dir), 0);
	r = run("--version");
	snprintf(
	        dir, sizeof(dir),
	        "ATT&CK: Enterprise v18.1 (built in); imported: v17.1 (%s/reportgen/attack/17.1)\n",
	        xdg);
	assert_non_null(strstr(r.out, dir));
	run_free(&r);
	unsetenv("XDG_DATA_HOME");
	free(xdg);
}

/* The word lists of "help --..." that the shell completions read. */
static void test_help_lists(void **state)
{
	(void)state;
	struct run r = run("help", "--options", "render");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\n--format= -f\n"));
	assert_non_null(strstr(r.out, "\n--no-defang\n"));
	run_free(&r);
	r = run("help", "--options", "check");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "--strict\n--diagnostics=\n--help -h\n--attack=\n--jobs= -j\n"
	                           "--quiet -q\n--shard=\n");
	run_free(&r);
	r = run("help", "--options");
	assert_string_equal(r.out, "--help -h\n--version -V\n");
	run_free(&r);
	r = run("help", "--commands");
	assert_non_null(strstr(r.out, "check\nrender\nattack\ninit\nschema\nhelp\n"));
	run_free(&r);
	r = run("help", "--templates");
	assert_non_null(strstr(r.out, "compact\ndefault\n"));
	run_free(&r);
	r = run("help", "--formats");
	for (size_t i = 0; rg_formats[i] != NULL; i++)
		assert_non_null(strstr(r.out, rg_formats[i]->name));
	run_free(&r);
	r = run("help", "--bogus");
	assert_int_equal(r.status, 2);
	run_free(&r);
}

static void test_help(void **state)
{
	(void)state;
	struct run r = run("--help");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "usage: reportgen check [OPTION]... FILE...\n"));
	assert_non_null(strstr(r.out, "       reportgen render [OPTION]... FILE...\n"));
	assert_non_null(strstr(r.out, "3 system or library failure"));
	assert_non_null(strstr(r.out, "reportgen help COMMAND"));
	assert_non_null(strstr(r.out, "man reportgen"));
	assert_non_null(strstr(r.out, "-f, --format="));
	run_free(&r);

	r = run("help", "check");
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "usage: reportgen check [OPTION]... FILE...\n", 43) == 0);
	assert_null(strstr(r.out, "--outdir"));
	run_free(&r);

	r = run("render", "--help");
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "usage: reportgen render [OPTION]... FILE...\n", 44) == 0);
	assert_non_null(strstr(r.out, "--max-tlp=LEVEL"));
	assert_non_null(strstr(r.out, "-o, --output=FILE"));
	for (size_t i = 0; rg_formats[i] != NULL; i++)
		assert_non_null(strstr(r.out, rg_formats[i]->extension));
	run_free(&r);
}

static void test_usage_errors(void **state)
{
	(void)state;
	struct {
		const char *a, *b, *c;
		const char *err;
	} cases[] = {
	        {NULL, NULL, NULL,
	         "reportgen: missing command\nTry 'reportgen help' for more information.\n"},
	        {"chek", "x.yaml", NULL,
	         "reportgen: unknown command 'chek' (did you mean 'check'?)\nTry 'reportgen help' "
	         "for more information.\n"},
	        {"frobnicate", NULL, NULL,
	         "reportgen: unknown command 'frobnicate'\nTry 'reportgen help' for more "
	         "information.\n"},
	        {"check", NULL, NULL,
	         "reportgen: no input file\nTry 'reportgen help check' for more information.\n"},
	        {"check", "--stict", "x.yaml",
	         "reportgen: unknown option '--stict' (did you mean '--strict'?)\n"
	         "Try 'reportgen help check' for more information.\n"},
	        {"check", "--outdir=o", "x.yaml",
	         "reportgen: option '--outdir' is not for check\nTry 'reportgen help check' for "
	         "more information.\n"},
	        {"check", "--diagnostics=xml", "x.yaml",
	         "reportgen: --diagnostics takes gcc, json, github or codequality, not 'xml'\n"
	         "Try 'reportgen help check' for more information.\n"},
	        {"render", "--max-tlp=ambr", "x.yaml",
	         "reportgen: unknown TLP level 'ambr' (did you mean 'amber'?)\n"
	         "Try 'reportgen help render' for more information.\n"},
	        {"render", "--stix1-dialect=1.3", "x.yaml",
	         "reportgen: --stix1-dialect takes 1.2 or 1.2.1, not '1.3'\n"
	         "Try 'reportgen help render' for more information.\n"},
	        {"render", "--out", "x.yaml",
	         "reportgen: ambiguous option '--out' (could be --outdir or --output)\n"
	         "Try 'reportgen help render' for more information.\n"},
	        {"render", "x.yaml", "-t",
	         "reportgen: option '-t' needs an argument\nTry 'reportgen help render' for more "
	         "information.\n"},
	        {"help", "chec", NULL,
	         "reportgen: no help for 'chec': the commands are check, render, attack, init and "
	         "schema\n"
	         "Try 'reportgen help' for more information.\n"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r = run(cases[i].a, cases[i].b, cases[i].c);
		assert_int_equal(r.status, 2);
		assert_string_equal(r.err, cases[i].err);
		assert_string_equal(r.out, "");
		run_free(&r);
	}
	if (rg_formats[0] == NULL)
		return;
	char fmt[64];
	snprintf(fmt, sizeof(fmt), "--format=%s", rg_formats[0]->name);
	struct run r = run("render", fmt, "-o", "x.out", "a.yaml", "b.yaml");
	assert_int_equal(r.status, 2);
	assert_string_equal(
	        r.err, "reportgen: -o needs exactly one input file and one format (use --outdir)\n"
	               "Try 'reportgen help render' for more information.\n");
	run_free(&r);
	r = run("render", fmt, "-o", "x.out", "--outdir=o", "a.yaml");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "reportgen: give either -o or --outdir, not both\n"
	                           "Try 'reportgen help render' for more information.\n");
	run_free(&r);
	r = run("render", "--format=tree,pfd", "a.yaml");
	assert_int_equal(r.status, 2);
	assert_true(strncmp(r.err, "reportgen: unknown format 'pfd'", 31) == 0);
	run_free(&r);
	/* an unknown format lists the formats there are */
	char known[256] = "";
	for (size_t i = 0; rg_formats[i] != NULL; i++)
		snprintf(known + strlen(known), sizeof(known) - strlen(known), "%s%s",
		         i ? ", " : "", rg_formats[i]->name);
	char want[512];
	snprintf(want, sizeof(want),
	         "reportgen: unknown format 'html' (formats: %s)\nTry 'reportgen help render' "
	         "for more information.\n",
	         known);
	r = run("render", "-f", "html", "a.yaml");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, want);
	run_free(&r);
}

static void test_source_date_epoch(void **state)
{
	(void)state;
	struct run r = run_in(tmpdir, "17e8", "render", "x.yaml", (const char *)NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "reportgen: SOURCE_DATE_EPOCH must be a number of seconds "
	                           "(digits only), not '17e8'\n"
	                           "Try 'reportgen help' for more information.\n");
	run_free(&r);
	r = run_in(tmpdir, "-5", "render", "x.yaml", (const char *)NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
}

static void test_system_errors(void **state)
{
	(void)state;
	NEED_LOADER();
	struct run r = run("check", "--diagnostics=json", "missing.yaml", "missing/");
	assert_int_equal(r.status, 3);
	cJSON *arr = cJSON_Parse(r.out);
	assert_non_null(arr);
	assert_int_equal(cJSON_GetArraySize(arr), 3); /* and the summary */
	const char *files[] = {"missing.yaml", "missing/"};
	for (int i = 0; i < 2; i++) {
		cJSON *d = cJSON_GetArrayItem(arr, i);
		assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(d, "file")), files[i]);
		assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(d, "code")), "io");
		assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(d, "severity")),
		                    "error");
	}
	cJSON_Delete(arr);
	run_free(&r);
	r = run("check", "missing.yaml");
	assert_int_equal(r.status, 3);
	assert_true(strncmp(r.err, "missing.yaml: error: ", 21) == 0);
	run_free(&r);
}

/* The libraries loaded on first use (core/dynlib.c): a render that does not need one never
 * maps it, one that needs it does, and when it cannot be loaded the render says why, exits
 * 3 and writes nothing. libxml2 for STIX 1; libidn2 for an xn-- host; libjpeg for a JPEG;
 * HarfBuzz for a PDF. */
struct on_demand {
	const char *soname, *needs; /* needs: a YAML document that needs the library */
	const char *format, *message;
	const char *without; /* formats of the seed that do not need it */
};

static void assert_on_demand(const struct on_demand *od, const char *ex)
{
	char fake[1100], lib[1200];
	snprintf(fake, sizeof(fake), "%s/fake-lib", tmpdir);
	tu_fresh_dir(fake);
	snprintf(lib, sizeof(lib), "%s/%s", fake, od->soname);
	tu_spit(lib, ""); /* not a shared object */
	tu_fresh_dir(in_tmp("od-broken"));
	if (od->needs != NULL)
		tu_spit(in_tmp("od-needs.yaml"), od->needs);
	const char *needs = od->needs != NULL ? "od-needs.yaml" : ex;
	setenv("LD_DEBUG", "files", 1);
	struct run without = run("render", "-f", od->without, "-d", "od-without", ex);
	struct run with = run("render", "-f", od->format, "-d", "od-with", needs);
	unsetenv("LD_DEBUG");
	setenv("LD_LIBRARY_PATH", fake, 1);
	struct run broken = run("render", "-f", od->format, "-d", "od-broken", needs);
	unsetenv("LD_LIBRARY_PATH");
	char file[256];
	snprintf(file, sizeof(file), "file=%s ", od->soname);
	assert_int_equal(without.status, 0);
	if (with.status != 0)
		fail_msg("%s: exit %d: %.500s", od->soname, with.status, with.err);
	if (strstr(without.err, file) != NULL)
		fail_msg("%s loaded for %s of %s", od->soname, od->without, ex);
	if (strstr(with.err, file) == NULL)
		fail_msg("%s not loaded where it is needed", od->soname);
	assert_int_equal(broken.status, 3);
	if (strstr(broken.err, od->message) == NULL || strstr(broken.err, lib) == NULL)
		fail_msg("%s: no \"%s\" naming %s: %s", od->soname, od->message, lib, broken.err);
	char *left = listing(in_tmp("od-broken"));
	assert_string_equal(left, "");
	free(left);
	run_free(&without);
	run_free(&with);
	run_free(&broken);
}

static void test_libraries_on_demand(void **state)
{
	(void)state;
	NEED_LOADER();
	struct im_jpeg pixel = {8, 8, IM_JPEG_RGB, false, 0};
	assert_true(im_write_jpeg(in_tmp("od-pixel.jpg"), &pixel));
	const struct on_demand libs[] = {
	        {RG_XML2_SONAME, NULL, "stix1",
	         "cannot load libxml2, which writes the STIX 1 package: ", "pdf,stix2"},
	        {RG_IDN2_SONAME,
	         "reportgen: 1\nreport:\n  id: \"7\"\n  date: 2024-09-17T12:05:00Z\n"
	         "artifacts:\n  - value: xn--80ak6aa92e.com\n    type: domain\n",
	         "stix2",
	         "cannot load " RG_IDN2_SONAME ", which checks internationalised domain names: ",
	         "pdf,stix2"},
	        {RG_JPEG_SONAME,
	         "reportgen: 1\nreport:\n  id: \"7\"\n  date: 2024-09-17T12:05:00Z\n"
	         "analysis:\n  blocks:\n    - image:\n        path: od-pixel.jpg\n",
	         "pdf", "cannot load " RG_JPEG_SONAME ", which reads JPEG images: ", "pdf,stix2"},
	        {RG_HB_SONAME, NULL, "pdf",
	         "cannot load " RG_HB_SONAME ", which makes the PDF's font subsets: ",
	         "stix1,stix2"},
	};
	for (size_t i = 0; i < sizeof(libs) / sizeof(libs[0]); i++)
		assert_on_demand(&libs[i],
		                 RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml");
}

/* How a document's outputs reach the disk (syncwatch.c records the calls): each file's
 * writing starts as soon as its format is made (sync_file_range), every file is synced
 * before the first rename, and the folder is synced once, after the last rename. */
static void test_sync_order(void **state)
{
	(void)state;
	NEED_LOADER();
	char log[1200];
	snprintf(log, sizeof(log), "%s/sync.log", tmpdir);
	unlink(log);
	tu_fresh_dir(in_tmp("sync-out"));
	setenv("RG_SYNC_LOG", log, 1);
	setenv("LD_PRELOAD", RG_SYNCWATCH, 1);
	setenv("ASAN_OPTIONS", "verify_asan_link_order=0", 1);
	struct run r = run("render", "-d", "sync-out", "-f", "pdf,stix1,stix2",
	                   RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml");
	unsetenv("LD_PRELOAD");
	unsetenv("RG_SYNC_LOG");
	unsetenv("ASAN_OPTIONS");
	assert_int_equal(r.status, 0);
	run_free(&r);
	char *text = tu_slurp(log);
	assert_non_null(text);
	/* each line's kind, in order: r(ange) f(sync) n (rename) d(ir fsync) */
	char kinds[64] = "";
	size_t nk = 0;
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l != NULL && nk < 63;
	     l = strtok_r(NULL, "\n", &save)) {
		if (strstr(l, "sync-out") == NULL)
			continue; /* a file of the data folder, say */
		kinds[nk++] = strncmp(l, "range ", 6) == 0        ? 'r'
		              : strncmp(l, "fsync-dir ", 10) == 0 ? 'd'
		              : strncmp(l, "fsync ", 6) == 0      ? 'f'
		              : strncmp(l, "rename ", 7) == 0     ? 'n'
		                                                  : '?';
	}
	kinds[nk] = '\0';
	/* a range start after each format and again when sealing, then the sync */
	if (strcmp(kinds, "rrrrfrfrfnnnd") != 0)
		fail_msg("calls in order: %s\n%s", kinds, tu_slurp(log));
	free(text);
}

static void test_invalid_json(void **state)
{
	(void)state;
	NEED_LOADER();
	tu_spit(in_tmp("bad.yaml"), invalid_yaml);
	tu_spit(in_tmp("good.yaml"), valid_yaml);
	struct run r = run("check", "--diagnostics=json", "good.yaml", "bad.yaml", "good.yaml");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "");
	cJSON *arr = cJSON_Parse(r.out);
	assert_non_null(arr);
	assert_int_equal(cJSON_GetArraySize(arr), 2);
	cJSON *sum = cJSON_GetArrayItem(arr, 1); /* the summary comes last */
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(sum, "code")), "summary");
	assert_int_equal(cJSON_GetNumberValue(cJSON_GetObjectItem(sum, "files")), 3);
	assert_int_equal(cJSON_GetNumberValue(cJSON_GetObjectItem(sum, "errors")), 1);
	cJSON *d = cJSON_GetArrayItem(arr, 0);
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(d, "file")), "bad.yaml");
	assert_int_equal(cJSON_GetNumberValue(cJSON_GetObjectItem(d, "line")), 5);
	assert_int_equal(cJSON_GetNumberValue(cJSON_GetObjectItem(d, "column")), 8);
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(d, "severity")), "error");
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(d, "path")), "report.tlp");
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(d, "code")), "enum");
	assert_non_null(strstr(cJSON_GetStringValue(cJSON_GetObjectItem(d, "message")), "ambr"));
	cJSON_Delete(arr);
	run_free(&r);
}

static void test_gcc_order(void **state)
{
	(void)state;
	NEED_LOADER();
	/* files keep command-line order; inside a file, diagnostics are sorted by position */
	tu_spit(in_tmp("b.yaml"), "reportgen: 1\nreport:\n  id: \"7\"\n  date: 2024-09-17\n  "
	                          "severity: hot\n  tlp: ambr\n");
	tu_spit(in_tmp("a.yaml"), invalid_yaml);
	struct run r = run("check", "b.yaml", "a.yaml");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	const char *b1 = strstr(r.err, "b.yaml:5:13: error: report.severity: ");
	const char *b2 = strstr(r.err, "b.yaml:6:8: error: report.tlp: ");
	const char *a1 = strstr(r.err, "a.yaml:5:8: error: report.tlp: ");
	assert_non_null(b1);
	assert_non_null(b2);
	assert_non_null(a1);
	assert_true(b1 == r.err && b1 < b2 && b2 < a1);
	run_free(&r);
}

static void test_strict(void **state)
{
	(void)state;
	NEED_LOADER();
	tu_spit(in_tmp("warn.yaml"),
	        "reportgen: 1\nreport:\n  id: \"7\"\n  date: 2024-09-17T12:05:00Z\n"
	        "mitre:\n  - technique: T1999\n");
	/* a warning keeps the status at 0 and does not stop the output */
	struct run r = run("check", "-q", "warn.yaml");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err,
	                    "warn.yaml:6:16: warning: mitre[0].technique: T1999 is not a technique "
	                    "in ATT&CK v18.1\n");
	run_free(&r);
	r = run("check", "-q", "--strict", "warn.yaml");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err,
	                    "warn.yaml:6:16: error: mitre[0].technique: T1999 is not a technique "
	                    "in ATT&CK v18.1\n");
	run_free(&r);
	if (!have_format("tree"))
		return;
	r = run("render", "--format=tree", "--outdir=strict", "warn.yaml");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, ": warning: mitre[0].technique: "));
	run_free(&r);
	char *ls = listing(in_tmp("strict"));
	assert_string_equal(ls, "warn.tree");
	free(ls);
	unlink(in_tmp("strict/warn.tree"));
	r = run("render", "--strict", "--format=tree", "--outdir=strict", "warn.yaml");
	assert_int_equal(r.status, 1);
	run_free(&r);
	ls = listing(in_tmp("strict"));
	assert_string_equal(ls, "");
	free(ls);
}

static void test_stdin(void **state)
{
	(void)state;
	NEED_TREE();
	tu_spit(in_tmp("in.yaml"), valid_yaml);
	tu_spit(in_tmp("bad.yaml"), invalid_yaml);
	run_stdin = in_tmp("bad.yaml");
	struct run r = run("check", "-");
	assert_int_equal(r.status, 1);
	assert_true(strncmp(r.err, "<stdin>:5:8: error: report.tlp: ", 32) == 0);
	run_free(&r);
	run_stdin = in_tmp("in.yaml");
	r = run("render", "--format=tree", "-");
	run_stdin = NULL;
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "reportgen 1\n", 12) == 0);
	run_free(&r);
	r = run("check", "-", "in.yaml", "-");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "reportgen: standard input (-) can be read only once\n"
	                           "Try 'reportgen help check' for more information.\n");
	run_free(&r);
	r = run("render", "--format=tree", "--outdir=o", "-");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "reportgen: standard input (-) has no file name: give -o FILE\n"
	                           "Try 'reportgen help render' for more information.\n");
	run_free(&r);
}

static void test_examples_valid(void **state)
{
	(void)state;
	NEED_LOADER();
	struct dirent **ents = NULL;
	int n = scandir(RG_SOURCE_DIR "/examples", &ents, NULL, alphasort);
	int checked = 0;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(ents[i]->d_name);
		if (len > 5 && strcmp(ents[i]->d_name + len - 5, ".yaml") == 0) {
			char path[4096];
			snprintf(path, sizeof(path), "%s/examples/%s", RG_SOURCE_DIR,
			         ents[i]->d_name);
			struct run r = run("check", "-q", "--strict", path);
			if (r.status != 0 || r.err[0] != '\0')
				print_error("%s:\n%s", ents[i]->d_name, r.err);
			assert_int_equal(r.status, 0);
			assert_string_equal(r.err, "");
			run_free(&r);
			checked++;
		}
		free(ents[i]);
	}
	free(ents);
	assert_true(checked >= 4);
}

static void test_render_refuses_input(void **state)
{
	(void)state;
	NEED_TREE();
	tu_spit(in_tmp("in.yaml"), valid_yaml);
	struct run r = run("render", "--format=tree", "-o", "in.yaml", "in.yaml");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err,
	                    "reportgen: refusing to write 'in.yaml' over the input 'in.yaml'\n"
	                    "Try 'reportgen help render' for more information.\n");
	run_free(&r);
	/* the same file under another name */
	assert_int_equal(link(in_tmp("in.yaml"), in_tmp("alias.tree")), 0);
	r = run("render", "--format=tree", "-o", "alias.tree", "in.yaml");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "refusing to write 'alias.tree' over the input 'in.yaml'"));
	run_free(&r);
	/* an input whose output name is itself */
	r = run("render", "--format=tree", "--outdir=.", "alias.tree");
	assert_int_equal(r.status, 2);
	run_free(&r);
	/* two inputs with one output name */
	mkdir(in_tmp("a"), 0777);
	tu_spit(in_tmp("a/in.yaml"), valid_yaml);
	r = run("render", "--format=tree", "--outdir=o", "in.yaml", "a/in.yaml");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "reportgen: two inputs would both write 'o/in.tree'\n"
	                           "Try 'reportgen help render' for more information.\n");
	run_free(&r);
	assert_int_equal(access(in_tmp("o"), F_OK), -1); /* nothing created */
	char *in = slurp(in_tmp("in.yaml"));
	assert_string_equal(in, valid_yaml);
	free(in);
	unlink(in_tmp("alias.tree"));
}

static void test_render_invalid_keeps_old(void **state)
{
	(void)state;
	NEED_TREE();
	mkdir(in_tmp("out"), 0777);
	tu_spit(in_tmp("out/bad.tree"), "old output\n");
	tu_spit(in_tmp("bad.yaml"), invalid_yaml);
	struct run r = run("render", "--format=tree", "--outdir", "out", "bad.yaml");
	assert_int_equal(r.status, 1);
	assert_true(strncmp(r.err, "bad.yaml:5:8: error: report.tlp: ", 33) == 0);
	run_free(&r);
	char *old = slurp(in_tmp("out/bad.tree"));
	assert_string_equal(old, "old output\n");
	free(old);
	char *ls = listing(in_tmp("out"));
	assert_string_equal(ls, "bad.tree");
	free(ls);
}

/* A wrong --template is reported once, before any input is read, and nothing is written. */
static void test_render_bad_template(void **state)
{
	(void)state;
	if (!have_format("pdf"))
		skip();
	tu_spit(in_tmp("t1.yaml"), valid_yaml);
	tu_spit(in_tmp("t2.yaml"), valid_yaml);
	struct run r =
	        run("render", "--template", "nosuch", "--outdir", "tpl", "t1.yaml", "t2.yaml");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "reportgen: no template named 'nosuch' (installed: "));
	assert_null(strstr(r.err, "did you mean"));
	assert_non_null(strstr(r.err, "default"));
	assert_null(strstr(strstr(r.err, "nosuch") + 1, "nosuch")); /* said once */
	run_free(&r);
	r = run("render", "--template", "lettr", "--outdir", "tpl", "t1.yaml");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "reportgen: no template named 'lettr' (did you mean "
	                              "'letter'? installed: "));
	assert_non_null(strstr(r.err, "compact"));
	run_free(&r);
	tu_spit(in_tmp("bad-template.yaml"), "page:\n  size: a5\n");
	r = run("render", "--template", "bad-template.yaml", "--outdir", "tpl", "t1.yaml",
	        "t2.yaml");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "bad-template.yaml:2:9: error: page.size: expected one of a4, "
	                           "letter; got \"a5\" (did you mean \"a4\"?)\n");
	run_free(&r);
	struct stat st;
	assert_int_not_equal(stat(in_tmp("tpl"), &st), 0);
}

/* -o FILE: the format follows from the longest extension of the format table that FILE ends
 * with; a --format that disagrees with it is refused. */
static void test_render_output_extension(void **state)
{
	(void)state;
	NEED_LOADER();
	if (!have_format("pdf") || !have_format("stix1") || !have_format("stix2") ||
	    !have_format("tree"))
		skip();
	tu_spit(in_tmp("o.yaml"), valid_yaml);
	static const struct {
		const char *file, *head;
	} cases[] = {
	        {"report.pdf", "%PDF-"},   {"report.stix.xml", "<?xml"},
	        {"report.stix.json", "{"}, {"report.tree", "reportgen 1\n"},
	        {"REPORT.PDF", "%PDF-"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r = run("render", "-q", "-o", cases[i].file, "o.yaml");
		assert_int_equal(r.status, 0);
		assert_string_equal(r.err, "");
		char *out = slurp(in_tmp(cases[i].file));
		if (strncmp(out, cases[i].head, strlen(cases[i].head)) != 0)
			fail_msg("%s starts with %.20s", cases[i].file, out);
		/* one output only: the file named, no other format beside it */
		if (strcmp(cases[i].file, "report.stix.json") == 0)
			assert_null(strstr(out, "<?xml"));
		free(out);
		unlink(in_tmp(cases[i].file));
		run_free(&r);
	}
	char *files = listing(tmpdir);
	assert_null(strstr(files, "o.pdf"));
	assert_null(strstr(files, "o.stix"));
	free(files);
	/* the longest extension wins: .stix.json is stix2, not a ".json" of anything else */
	struct run r = run("render", "-o", "x.stix.json", "-f", "stix1", "o.yaml");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "reportgen: 'x.stix.json' is named for format stix2 "
	                           "(.stix.json), but --format is stix1 (.stix.xml); change the "
	                           "file name or the format\n"
	                           "Try 'reportgen help render' for more information.\n");
	run_free(&r);
	r = run("render", "-f", "stix2", "-o", "report.pdf", "o.yaml");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "'report.pdf' is named for format pdf (.pdf), but --format "
	                              "is stix2 (.stix.json)"));
	run_free(&r);
	struct stat st;
	assert_int_not_equal(stat(in_tmp("report.pdf"), &st), 0);
	r = run("render", "-o", "report.out", "o.yaml");
	assert_int_equal(r.status, 2);
	assert_string_equal(
	        r.err, "reportgen: cannot tell the format of 'report.out' from its "
	               "extension (known: .pdf, .stix.xml, .stix.json, .tree, .layer.json); give "
	               "--format\nTry 'reportgen help render' for more information.\n");
	run_free(&r);
	/* an unknown extension with --format is the user's choice */
	r = run("render", "-f", "tree", "-o", "report.out", "o.yaml");
	assert_int_equal(r.status, 0);
	char *out = slurp(in_tmp("report.out"));
	assert_true(strncmp(out, "reportgen 1\n", 12) == 0);
	free(out);
	unlink(in_tmp("report.out"));
	run_free(&r);
	/* -o with the extension and the same --format */
	r = run("render", "-f", "tree", "-o", "same.tree", "o.yaml");
	assert_int_equal(r.status, 0);
	unlink(in_tmp("same.tree"));
	run_free(&r);
	unlink(in_tmp("o.yaml"));
}

static void test_render_tree(void **state)
{
	(void)state;
	NEED_TREE();
	tu_spit(in_tmp("good.yaml"), valid_yaml);
	tu_spit(in_tmp("bad.yaml"), invalid_yaml);
	/* one bad file does not stop the good one; the missing folders are created */
	struct run r = run("render", "--format=tree", "--outdir=new/sub", "bad.yaml", "good.yaml");
	assert_int_equal(r.status, 1);
	run_free(&r);
	char *ls = listing(in_tmp("new/sub"));
	assert_string_equal(ls, "good.tree");
	free(ls);
	char *file = slurp(in_tmp("new/sub/good.tree"));
	assert_true(strlen(file) > 0);
	/* tree alone goes to standard output, byte for byte the same */
	r = run("render", "--format=tree", "good.yaml");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, file);
	run_free(&r);
	r = run("render", "--format=tree", "-o", "-", "good.yaml");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, file);
	run_free(&r);
	free(file);
	/* an output folder that is a file: system error, nothing written */
	r = run("render", "--format=tree", "--outdir=good.yaml", "good.yaml");
	assert_int_equal(r.status, 3);
	assert_true(strncmp(r.err, "good.yaml: error: ", 18) == 0);
	run_free(&r);
}

static bool same_bytes(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	bool same = fa != NULL && fb != NULL;
	while (same) {
		int ca = getc(fa), cb = getc(fb);
		same = ca == cb;
		if (ca == EOF)
			break;
	}
	if (fa != NULL)
		fclose(fa);
	if (fb != NULL)
		fclose(fb);
	return same;
}

/* Every example in every format: no diagnostic, every output present and not empty, and a
 * second run with the same SOURCE_DATE_EPOCH gives the same bytes. */
static void test_render_examples(void **state)
{
	(void)state;
	NEED_LOADER();
	char formats[256] = "--format=";
	for (size_t i = 0; rg_formats[i] != NULL; i++)
		snprintf(formats + strlen(formats), sizeof(formats) - strlen(formats), "%s%s",
		         i ? "," : "", rg_formats[i]->name);
	if (rg_formats[0] == NULL)
		skip();
	const char *ex[] = {"soc326-impersonating-domain", "malware-registry-run-key",
	                    "web-sqli-webshell", "false-positive-certutil-download"};
	for (size_t e = 0; e < sizeof(ex) / sizeof(ex[0]); e++) {
		char in[4096];
		snprintf(in, sizeof(in), "%s/examples/%s.yaml", RG_SOURCE_DIR, ex[e]);
		for (int pass = 0; pass < 2; pass++) {
			struct run r = run("render", "-q", formats,
			                   pass ? "--outdir=ex2" : "--outdir=ex1", in);
			if (r.status != 0 || r.err[0] != '\0')
				print_error("%s:\n%s", ex[e], r.err);
			assert_int_equal(r.status, 0);
			assert_string_equal(r.err, "");
			run_free(&r);
		}
		for (size_t i = 0; rg_formats[i] != NULL; i++) {
			char a[256], b[256];
			snprintf(a, sizeof(a), "ex1/%s%s", ex[e], rg_formats[i]->extension);
			snprintf(b, sizeof(b), "ex2/%s%s", ex[e], rg_formats[i]->extension);
			struct stat st;
			assert_int_equal(stat(in_tmp(a), &st), 0);
			assert_true(st.st_size > 0);
			if (!same_bytes(in_tmp(a), in_tmp(b)))
				fail_msg("%s differs between two runs", a);
		}
	}
}

/* ------------------------------------------------------------------ */
/* cli_output, directly                                                 */
/* ------------------------------------------------------------------ */

static void test_output_commit_abort(void **state)
{
	(void)state;
	struct rg_diags d;
	rg_diags_init(&d);
	mkdir(in_tmp("o"), 0777);
	tu_spit(in_tmp("o/x.txt"), "old\n");
	struct output out;
	assert_int_equal(output_open(&out, in_tmp("o/x.txt"), &d), 0);
	fputs("half", out.fp);
	char *ls = listing(in_tmp("o"));
	assert_true(strncmp(ls, ".x.txt.", 7) == 0); /* the temporary file sits beside */
	free(ls);
	output_abort(&out);
	ls = listing(in_tmp("o"));
	assert_string_equal(ls, "x.txt");
	free(ls);
	char *s = slurp(in_tmp("o/x.txt"));
	assert_string_equal(s, "old\n");
	free(s);

	assert_int_equal(output_open(&out, in_tmp("o/x.txt"), &d), 0);
	fputs("new\n", out.fp);
	assert_int_equal(output_commit(&out, &d), 0);
	s = slurp(in_tmp("o/x.txt"));
	assert_string_equal(s, "new\n");
	free(s);
	ls = listing(in_tmp("o"));
	assert_string_equal(ls, "x.txt");
	free(ls);
	struct stat st;
	assert_int_equal(stat(in_tmp("o/x.txt"), &st), 0);
	mode_t mask = umask(0);
	umask(mask);
	assert_int_equal(st.st_mode & 0777, 0666 & ~mask);
	assert_int_equal(d.n, 0);
	rg_diags_free(&d);
}

static void test_output_errors(void **state)
{
	(void)state;
	struct rg_diags d;
	rg_diags_init(&d);
	struct output out;
	assert_int_equal(output_open(&out, in_tmp("nowhere/x.txt"), &d), 3);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, RG_F_IO);
	assert_string_equal(d.v[0].file, in_tmp("nowhere/x.txt"));
	assert_string_equal(d.v[0].message,
	                    "cannot create a temporary file beside it: No such file or directory");
	output_abort(&out); /* harmless after a failed open */
	tu_spit(in_tmp("plain"), "");
	assert_int_equal(output_mkdirs(in_tmp("plain/sub"), &d), 3);
	assert_int_equal(d.n, 2);
	assert_int_equal(output_mkdirs(in_tmp("m/n/o"), &d), 0);
	struct stat st;
	assert_int_equal(stat(in_tmp("m/n/o"), &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_true(output_same_file(in_tmp("plain"), in_tmp("plain")));
	assert_false(output_same_file(in_tmp("plain"), in_tmp("m")));
	assert_false(output_same_file(in_tmp("plain"), in_tmp("absent")));
	rg_diags_free(&d);
}

static void test_output_signal(void **state)
{
	(void)state;
	mkdir(in_tmp("sig"), 0777);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rg_diags d;
		rg_diags_init(&d);
		struct output out;
		output_catch_signals();
		if (output_open(&out, in_tmp("sig/x.pdf"), &d) != 0)
			_exit(90);
		fputs("partial", out.fp);
		fflush(out.fp);
		raise(SIGTERM);
		_exit(91); /* not reached: the handler re-raises with the default action */
	}
	int st = 0;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGTERM);
	char *ls = listing(in_tmp("sig"));
	assert_string_equal(ls, ""); /* the temporary file went with the process */
	free(ls);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	return nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_version),
	        cmocka_unit_test(test_help),
	        cmocka_unit_test(test_help_lists),
	        cmocka_unit_test(test_usage_errors),
	        cmocka_unit_test(test_source_date_epoch),
	        cmocka_unit_test(test_system_errors),
	        cmocka_unit_test(test_libraries_on_demand),
	        cmocka_unit_test(test_sync_order),
	        cmocka_unit_test(test_invalid_json),
	        cmocka_unit_test(test_gcc_order),
	        cmocka_unit_test(test_strict),
	        cmocka_unit_test(test_stdin),
	        cmocka_unit_test(test_examples_valid),
	        cmocka_unit_test(test_render_refuses_input),
	        cmocka_unit_test(test_render_invalid_keeps_old),
	        cmocka_unit_test(test_render_tree),
	        cmocka_unit_test(test_render_output_extension),
	        cmocka_unit_test(test_render_bad_template),
	        cmocka_unit_test(test_render_examples),
	        cmocka_unit_test(test_output_commit_abort),
	        cmocka_unit_test(test_output_errors),
	        cmocka_unit_test(test_output_signal),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
