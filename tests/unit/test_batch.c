/* test_batch.c: many inputs at once: folders, -j, the summary, --name, --shard, and the
 * diagnostic forms for CI (GitHub workflow commands, GitLab code quality). */
#define _GNU_SOURCE
#include <dirent.h>
#include <ftw.h>
#include <regex.h>
#include <setjmp.h>
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

#include "batch.h"
#include "reportgen.h"
#include "summary.h"

static char tmpdir[] = "/tmp/rg-test-batch.XXXXXX";

struct run {
	int status;
	char *out, *err;
};

/* Runs `reportgen ARGS` through sh in tmpdir (SOURCE_DATE_EPOCH set, standard input
 * empty) and captures both streams. */
static struct run rg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static struct run rg(const char *fmt, ...)
{
	char args[8192], cmd[16384];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd),
	         "cd '%s' && SOURCE_DATE_EPOCH=1726574700 '%s' %s <//dev/null >.out 2>.err", tmpdir,
	         RG_BINARY, args);
	int st = system(cmd);
	char p[2048];
	struct run r = {WIFEXITED(st) ? WEXITSTATUS(st) : 128, NULL, NULL};
	snprintf(p, sizeof(p), "%s/.out", tmpdir);
	r.out = tu_slurp(p);
	snprintf(p, sizeof(p), "%s/.err", tmpdir);
	r.err = tu_slurp(p);
	assert_non_null(r.out);
	assert_non_null(r.err);
	return r;
}

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
	char args[8192], cmd[9000];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s", tmpdir, args);
	assert_int_equal(system(cmd), 0);
}

static char *at(const char *name)
{
	static char buf[4][2048];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", tmpdir, name);
	return buf[k];
}

static const char valid_fmt[] = "reportgen: 1\nreport:\n  id: \"%s\"\n  date: 2024-09-17\n"
                                "  tlp: %s\n";
/* line 5, column 8: "ambr" */
static const char invalid_yaml[] =
        "reportgen: 1\nreport:\n  id: \"9\"\n  date: 2024-09-17\n  tlp: ambr\n";
/* line 6, column 16: an unknown technique, a warning */
static const char warn_yaml[] = "reportgen: 1\nreport:\n  id: \"8\"\n  date: 2024-09-17\n"
                                "mitre:\n  - technique: T1999\n";

static void put_valid(const char *name, const char *id, const char *tlp)
{
	char text[512];
	snprintf(text, sizeof(text), valid_fmt, id, tlp);
	tu_spit(at(name), text);
}

/* The number of lines of s that start with prefix. */
static int count_lines(const char *s, const char *prefix)
{
	int n = 0;
	for (const char *p = s; *p != '\0'; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "")
		n += strncmp(p, prefix, strlen(prefix)) == 0;
	return n;
}

/* s with the time of the summary line ("..., 0.42 s") replaced by "T s". */
static char *without_time(const char *s)
{
	regex_t re;
	assert_int_equal(regcomp(&re, "[0-9]+\\.[0-9]+ s$", REG_EXTENDED | REG_NEWLINE), 0);
	regmatch_t m;
	char *c;
	if (regexec(&re, s, 1, &m, 0) == 0) {
		c = rg_xmalloc(strlen(s) + 4);
		snprintf(c, strlen(s) + 4, "%.*sT s%s", (int)m.rm_so, s, s + m.rm_eo);
	} else {
		c = rg_xstrdup(s);
	}
	regfree(&re);
	return c;
}

static bool same_file(const char *a, const char *b)
{
	char *x = tu_slurp(a), *y = tu_slurp(b);
	bool same = x != NULL && y != NULL;
	if (same) {
		struct stat sa, sb;
		same = stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_size == sb.st_size &&
		       memcmp(x, y, (size_t)sa.st_size) == 0;
	}
	free(x);
	free(y);
	return same;
}

/* A folder of inputs: the four examples (with their images), one invalid, one with a
 * warning, one in a subfolder, and what must be skipped (hidden folder, other extension). */
static void make_tree(void)
{
	sh("rm -rf in && mkdir -p in/sub in/.hidden && cd '%s'/examples && cp -r img "
	   "soc326-impersonating-domain.yaml malware-registry-run-key.yaml web-sqli-webshell.yaml "
	   "false-positive-certutil-download.yaml '%s'/in/",
	   RG_SOURCE_DIR, tmpdir);
	tu_spit(at("in/bad.yaml"), invalid_yaml);
	tu_spit(at("in/warn.yml"), warn_yaml);
	put_valid("in/sub/inner.yaml", "11", "green");
	put_valid("in/.hidden/skipped.yaml", "12", "green");
	put_valid("in/notes.txt", "13", "green");
}

static void test_folder_order(void **state)
{
	(void)state;
	make_tree();
	struct run r = rg("render -f tree -d out in");
	assert_int_equal(r.status, 1);
	/* byte order of names in each folder; subfolders where their name sorts */
	const char *order[] = {"bad.yaml:5:8: error: ",
	                       "wrote out/false-positive-certutil-download.tree",
	                       "wrote out/malware-registry-run-key.tree",
	                       "wrote out/soc326-impersonating-domain.tree",
	                       "wrote out/inner.tree",
	                       "warn.yml:6:16: warning: ",
	                       "wrote out/warn.tree",
	                       "wrote out/web-sqli-webshell.tree",
	                       "7 files, 0 pages, 6 outputs, 1 warning, 1 error, "};
	const char *p = r.err;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const char *q = strstr(p, order[i]);
		if (q == NULL)
			fail_msg("'%s' missing or out of order in:\n%s", order[i], r.err);
		p = q + 1;
	}
	assert_null(strstr(r.err, "skipped"));
	assert_null(strstr(r.err, "notes"));
	assert_false(access(at("out/skipped.tree"), F_OK) == 0);
	run_free(&r);
	/* a folder without incident files is a warning, not a failure */
	sh("mkdir -p empty");
	r = rg("check empty");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "empty: warning: no *.yaml or *.yml file in this folder"));
	run_free(&r);
}

/* -j 2 and -j 3 give the bytes and the order of -j 1: files, stdout and stderr. */
static void test_parallel_same(void **state)
{
	(void)state;
	make_tree();
	struct run r1 = rg("render -j 1 -d j1 in");
	struct run r2 = rg("render -j 2 -d j2 in");
	struct run r3 = rg("render --jobs=3 -d j3 in");
	assert_int_equal(r1.status, 1);
	assert_int_equal(r2.status, 1);
	assert_int_equal(r3.status, 1);
	const char *names[] = {"soc326-impersonating-domain",
	                       "malware-registry-run-key",
	                       "web-sqli-webshell",
	                       "false-positive-certutil-download",
	                       "inner",
	                       "warn"};
	const char *ext[] = {".pdf", ".stix.xml", ".stix.json"};
	char a[512], b[512];
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		for (size_t e = 0; e < 3; e++) {
			snprintf(a, sizeof(a), "j1/%s%s", names[i], ext[e]);
			snprintf(b, sizeof(b), "j2/%s%s", names[i], ext[e]);
			assert_true(access(at(a), F_OK) == 0);
			if (!same_file(at(a), at(b)))
				fail_msg("%s and %s differ", a, b);
			snprintf(b, sizeof(b), "j3/%s%s", names[i], ext[e]);
			if (!same_file(at(a), at(b)))
				fail_msg("%s and %s differ", a, b);
		}
	char *e1 = without_time(r1.err), *e2 = without_time(r2.err);
	/* the same lines in the same order, but for the folder name */
	for (char *p = strstr(e2, "j2/"); p != NULL; p = strstr(p, "j2/"))
		p[1] = '1';
	assert_string_equal(e1, e2);
	free(e1);
	free(e2);
	run_free(&r1);
	run_free(&r2);
	run_free(&r3);
	/* standard output too: trees one after the other, in input order */
	r1 = rg("render -j 1 -f tree in");
	r2 = rg("render -j 2 -f tree in");
	assert_true(strlen(r1.out) > 1000);
	assert_string_equal(r1.out, r2.out);
	e1 = without_time(r1.err), e2 = without_time(r2.err);
	assert_string_equal(e1, e2);
	free(e1);
	free(e2);
	run_free(&r1);
	run_free(&r2);
	struct run r = rg("render -j 0 in");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "-j takes a number of jobs"));
	run_free(&r);
}

/* The pages of a PDF as pdfinfo counts them. */
static int pdf_pages(const char *path)
{
	char cmd[2048];
	snprintf(cmd, sizeof(cmd), "pdfinfo '%s' | sed -n 's/^Pages: *//p'", path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	int n = -1;
	if (fscanf(p, "%d", &n) != 1)
		n = -1;
	pclose(p);
	return n;
}

static void test_summary_counts(void **state)
{
	(void)state;
	if (system("command -v pdfinfo >/dev/null") != 0)
		fail_msg("pdfinfo (poppler-utils, installed by build.sh) is missing");
	make_tree();
	struct run r = rg("render -f pdf,stix2 -d sum in/soc326-impersonating-domain.yaml "
	                  "in/bad.yaml in/warn.yml in/web-sqli-webshell.yaml missing.yaml");
	assert_int_equal(r.status, 3); /* worst wins: missing file (3) over invalid (1) */
	int pages = pdf_pages(at("sum/soc326-impersonating-domain.pdf")) +
	            pdf_pages(at("sum/warn.pdf")) + pdf_pages(at("sum/web-sqli-webshell.pdf"));
	assert_true(pages >= 3);
	char want[256];
	snprintf(want, sizeof(want), "\n5 files, %d pages, 6 outputs, 1 warning, 2 errors, ",
	         pages);
	if (strstr(r.err, want) == NULL)
		fail_msg("no '%s' in:\n%s", want + 1, r.err);
	/* one line per output, with its pages and size */
	assert_int_equal(count_lines(r.err, "wrote sum/"), 6);
	snprintf(want, sizeof(want), "wrote sum/soc326-impersonating-domain.pdf (%d pages, ",
	         pdf_pages(at("sum/soc326-impersonating-domain.pdf")));
	assert_non_null(strstr(r.err, want));
	struct stat st;
	assert_int_equal(stat(at("sum/warn.stix.json"), &st), 0);
	snprintf(want, sizeof(want), "wrote sum/warn.stix.json (%lld KiB)\n",
	         (long long)(st.st_size + 512) / 1024);
	assert_non_null(strstr(r.err, want));
	run_free(&r);

	/* -q: diagnostics only */
	r = rg("render -q -f stix2 -d q in/bad.yaml in/warn.yml");
	assert_int_equal(r.status, 1);
	assert_int_equal(count_lines(r.err, "in/"), 2);
	assert_null(strstr(r.err, "wrote"));
	assert_null(strstr(r.err, "files,"));
	run_free(&r);

	/* JSON: standard error stays empty, the summary is the last element */
	r = rg("render --diagnostics=json -j 2 -f pdf -d js in/soc326-impersonating-domain.yaml "
	       "in/bad.yaml in/warn.yml");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "");
	cJSON *arr = cJSON_Parse(r.out);
	assert_non_null(arr);
	assert_int_equal(cJSON_GetArraySize(arr), 3);
	cJSON *s = cJSON_GetArrayItem(arr, 2);
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(s, "code")), "summary");
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(s, "severity")), "note");
	assert_int_equal(cJSON_GetNumberValue(cJSON_GetObjectItem(s, "files")), 3);
	assert_int_equal(cJSON_GetNumberValue(cJSON_GetObjectItem(s, "outputs")), 2);
	assert_int_equal(cJSON_GetNumberValue(cJSON_GetObjectItem(s, "pages")),
	                 pdf_pages(at("js/soc326-impersonating-domain.pdf")) +
	                         pdf_pages(at("js/warn.pdf")));
	assert_int_equal(cJSON_GetNumberValue(cJSON_GetObjectItem(s, "warnings")), 1);
	assert_int_equal(cJSON_GetNumberValue(cJSON_GetObjectItem(s, "errors")), 1);
	assert_int_equal(cJSON_GetNumberValue(cJSON_GetObjectItem(s, "status")), 1);
	assert_true(cJSON_IsNumber(cJSON_GetObjectItem(s, "seconds")));
	cJSON_Delete(arr);
	run_free(&r);
}

static void test_worst_status(void **state)
{
	(void)state;
	make_tree();
	struct {
		const char *args;
		int status;
	} cases[] = {
	        {"check in/warn.yml in/sub", 0},
	        {"check in/warn.yml in/bad.yaml in/sub", 1},
	        {"check in/bad.yaml missing.yaml in/warn.yml", 3},
	        {"check missing.yaml in/bad.yaml", 3},
	        {"render -f tree -d w in/bad.yaml in/sub", 1},
	        {"render -f tree -d w in/sub missing.yaml in/bad.yaml", 3},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (int j = 1; j <= 2; j++) {
			struct run r = rg("-j %d", j); /* a usage error: -j is no command */
			assert_int_equal(r.status, 2);
			run_free(&r);
			char args[512];
			snprintf(args, sizeof(args), "%s -j %d", cases[i].args, j);
			r = rg("%s", args);
			if (r.status != cases[i].status)
				fail_msg("'%s': status %d, expected %d\n%s", args, r.status,
				         cases[i].status, r.err);
			run_free(&r);
		}
}

static void test_name(void **state)
{
	(void)state;
	sh("rm -rf nm && mkdir -p nm");
	put_valid("nm/a.yaml", "IR-1", "green");
	put_valid("nm/b.yaml", "IR-2", "amber+strict");
	put_valid("nm/c.yaml", "IR-1", "red"); /* the same id as a.yaml */
	put_valid("nm/dots.yaml", "..", "red");
	put_valid("nm/slash.yaml", "../../escape", "red");

	/* syntax errors are usage errors before anything is read or written */
	const char *bad[] = {"'{nope}'",  "'{id'",    "'id}'", "'../{id}'", "'/tmp/{id}'",
	                     "'a//{id}'", "'{id}/.'", "''",    "'{stm}'"};
	const char *msg[] = {"unknown placeholder '{nope}'",
	                     "'{' without '}'",
	                     "'}' without '{'",
	                     "outputs stay in --outdir",
	                     "absolute name",
	                     "outputs stay in --outdir",
	                     "outputs stay in --outdir",
	                     "--name needs a template",
	                     "(did you mean '{stem}'?)"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct run r =
		        rg("render -f tree -d nout --name %s nm/a.yaml missing.yaml", bad[i]);
		if (r.status != 2 || strstr(r.err, msg[i]) == NULL)
			fail_msg("--name %s: status %d, stderr %s", bad[i], r.status, r.err);
		assert_null(strstr(r.err, "missing.yaml")); /* nothing was read */
		run_free(&r);
	}
	assert_false(access(at("nout"), F_OK) == 0);

	/* values, placeholders and subfolders */
	struct run r = rg("render -f tree,stix2 -d nout --name '{tlp}/{id}_{stem}.{format}' "
	                  "nm/a.yaml nm/b.yaml");
	assert_int_equal(r.status, 0);
	assert_true(access(at("nout/green/IR-1_a.tree.tree"), F_OK) == 0);
	assert_true(access(at("nout/green/IR-1_a.stix2.stix.json"), F_OK) == 0);
	assert_true(access(at("nout/amber+strict/IR-2_b.tree.tree"), F_OK) == 0);
	assert_non_null(strstr(r.err, "wrote nout/amber+strict/IR-2_b.stix2.stix.json ("));
	run_free(&r);
	r = rg("render -f tree -d nd --name '{date}-{{x}}' nm/a.yaml");
	assert_int_equal(r.status, 0);
	assert_true(access(at("nd/2024-09-17-{x}.tree"), F_OK) == 0);
	run_free(&r);

	/* a collision of values: the first input keeps the name, the later one is refused */
	for (int j = 1; j <= 2; j++) {
		sh("rm -rf col");
		r = rg("render -j %d -f tree -d col --name '{id}' nm/a.yaml nm/b.yaml nm/c.yaml",
		       j);
		assert_int_equal(r.status, 1);
		assert_non_null(strstr(r.err, "nm/c.yaml: error: two inputs would both write "
		                              "'col/IR-1.tree' (--name; the first, 'nm/a.yaml', "
		                              "keeps it)"));
		char *tree = tu_slurp(at("col/IR-1.tree"));
		assert_non_null(tree);
		assert_non_null(strstr(tree, "green")); /* a.yaml's, not c.yaml's (red) */
		assert_null(strstr(tree, "red"));
		free(tree);
		assert_true(access(at("col/IR-2.tree"), F_OK) == 0);
		run_free(&r);
	}
	/* names that do not depend on the document collide before anything is read */
	r = rg("render -f tree -d col2 --name 'same-{format}' nm/a.yaml nm/b.yaml");
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "two inputs would both write 'col2/same-tree.tree'"));
	assert_false(access(at("col2"), F_OK) == 0);
	run_free(&r);
	/* values that would leave --outdir */
	r = rg("render -f tree -d esc --name 'x-{id}/{id}' nm/dots.yaml nm/slash.yaml nm/b.yaml");
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "nm/dots.yaml: error: --name: the value of {id}, '..'"));
	assert_non_null(strstr(r.err, "nm/slash.yaml: error: --name: the value of {id}, "
	                              "'../../escape'"));
	sh("test ! -e escape && test ! -e esc/escape && test -f esc/x-IR-2/IR-2.tree");
	run_free(&r);
	r = rg("render -f tree -o x.tree --name '{id}' nm/a.yaml");
	assert_int_equal(r.status, 2);
	run_free(&r);
}

/* The names of the .tree files in a folder, each followed by a newline, sorted. */
static char *trees_in(const char *dir)
{
	struct dirent **ents = NULL;
	int n = scandir(at(dir), &ents, NULL, alphasort);
	char *s = rg_xcalloc(1, 65536);
	for (int i = 0; i < n; i++) {
		if (strstr(ents[i]->d_name, ".tree") != NULL) {
			strcat(s, ents[i]->d_name);
			strcat(s, "\n");
		}
		free(ents[i]);
	}
	free(ents);
	return s;
}

static void test_shard(void **state)
{
	(void)state;
	sh("rm -rf sh && mkdir -p sh/a sh/b");
	char name[64], id[16];
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "sh/%c/in%02d.yaml", i % 2 ? 'a' : 'b', i);
		snprintf(id, sizeof(id), "%d", i);
		put_valid(name, id, "clear");
	}
	int seen[40] = {0};
	char *before[4] = {NULL};
	for (int k = 1; k <= 3; k++) {
		char dir[32];
		snprintf(dir, sizeof(dir), "s%d", k);
		struct run r = rg("render -f tree -d %s --shard %d/3 sh", dir, k);
		assert_int_equal(r.status, 0);
		run_free(&r);
		before[k] = trees_in(dir);
		int n = 0;
		for (char *p = before[k]; *p != '\0'; p = strchr(p, '\n') + 1) {
			int i = atoi(p + 2);
			assert_true(i >= 0 && i < 40);
			seen[i]++;
			n++;
			/* the same shard as the library function says */
			snprintf(name, sizeof(name), "sh/%c/in%02d.yaml", i % 2 ? 'a' : 'b', i);
			assert_int_equal(batch_shard_of(name, 3), (unsigned)k);
		}
		assert_true(n > 0); /* 40 inputs: no shard is empty */
	}
	for (int i = 0; i < 40; i++)
		if (seen[i] != 1)
			fail_msg("in%02d.yaml is in %d shards", i, seen[i]);
	/* adding files elsewhere moves no input from one shard to another */
	for (int i = 40; i < 60; i++) {
		snprintf(name, sizeof(name), "sh/c%02d.yaml", i);
		put_valid(name, "x", "clear");
	}
	for (int k = 1; k <= 3; k++) {
		sh("rm -rf again");
		struct run r = rg("check -q --shard %d/3 sh && '%s' render -q -f tree -d again "
		                  "--shard %d/3 sh/a sh/b",
		                  k, RG_BINARY, k);
		assert_int_equal(r.status, 0);
		run_free(&r);
		char *after = trees_in("again");
		assert_string_equal(after, before[k]);
		free(after);
		free(before[k]);
	}
	const char *bad[] = {"0/3", "4/3", "1/0", "a/3", "1", "1/3/4", "-1/3", ""};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct run r = rg("check --shard '%s' sh", bad[i]);
		assert_int_equal(r.status, 2);
		assert_non_null(strstr(r.err, "--shard takes K/N"));
		run_free(&r);
	}
	unsigned k = 0, n = 0;
	assert_true(batch_parse_shard("2/4", &k, &n));
	assert_int_equal(k, 2);
	assert_int_equal(n, 4);
}

/* Unescapes GitHub's %XX escapes. */
static void gh_unescape(char *s)
{
	char *w = s;
	for (char *r = s; *r != '\0'; r++) {
		if (r[0] == '%' && r[1] != '\0' && r[2] != '\0') {
			char hex[3] = {r[1], r[2], '\0'};
			*w++ = (char)strtol(hex, NULL, 16);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
}

static void test_github(void **state)
{
	(void)state;
	make_tree();
	sh("cp in/bad.yaml 'in/odd, name: 100%%.yaml'");
	struct run r = rg("check --diagnostics=github in");
	assert_int_equal(r.status, 1);
	struct run j = rg("check --diagnostics=json in");
	cJSON *arr = cJSON_Parse(j.out);
	assert_non_null(arr);
	/* every line is a workflow command that parses, one per diagnostic, in order */
	regex_t re;
	assert_int_equal(regcomp(&re,
	                         "^::(error|warning) file=([^,:]+),line=([0-9]+),col=([0-9]+),"
	                         "title=([^,:]+)::(.+)$",
	                         REG_EXTENDED),
	                 0);
	assert_non_null(strstr(r.out, "file=in/odd%2C name%3A 100%25.yaml,line=5,col=8,"));
	int n = 0;
	char *save = NULL;
	for (char *line = strtok_r(r.out, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save), n++) {
		regmatch_t m[7];
		if (regexec(&re, line, 7, m, 0) != 0)
			fail_msg("not a workflow command: %s", line);
		cJSON *d = cJSON_GetArrayItem(arr, n);
		assert_non_null(d);
		char file[512], msg[2048];
		snprintf(file, sizeof(file), "%.*s", (int)(m[2].rm_eo - m[2].rm_so),
		         line + m[2].rm_so);
		gh_unescape(file);
		assert_string_equal(file, cJSON_GetStringValue(cJSON_GetObjectItem(d, "file")));
		assert_int_equal(atoi(line + m[3].rm_so),
		                 cJSON_GetNumberValue(cJSON_GetObjectItem(d, "line")));
		assert_int_equal(atoi(line + m[4].rm_so),
		                 cJSON_GetNumberValue(cJSON_GetObjectItem(d, "column")));
		assert_true(strncmp(line + 2,
		                    cJSON_GetStringValue(cJSON_GetObjectItem(d, "severity")),
		                    (size_t)(m[1].rm_eo - m[1].rm_so)) == 0);
		snprintf(msg, sizeof(msg), "%s", line + m[6].rm_so);
		gh_unescape(msg);
		assert_non_null(
		        strstr(msg, cJSON_GetStringValue(cJSON_GetObjectItem(d, "message"))));
	}
	regfree(&re);
	assert_int_equal(n, 3);                       /* bad.yaml, the odd copy, warn.yml */
	assert_int_equal(cJSON_GetArraySize(arr), 4); /* and the summary */
	assert_non_null(strstr(r.err, "8 files, "));
	cJSON_Delete(arr);
	run_free(&j);
	run_free(&r);

	/* escapes of data: % \r \n; of properties also : and , */
	struct rg_diags d;
	rg_diags_init(&d);
	rg_diag(&d, "a:b,c.yaml", (struct rg_pos){3, 4}, RG_E_VALUE, "x.y", "50%% done\r\nnext");
	rg_diag(&d, "", (struct rg_pos){0, 0}, RG_W_OTHER, "", "no file");
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	summary_github(&d.v[0], mem);
	summary_github(&d.v[1], mem);
	fclose(mem);
	assert_string_equal(buf, "::error file=a%3Ab%2Cc.yaml,line=3,col=4,title=reportgen "
	                         "value::x.y: 50%25 done%0D%0Anext\n"
	                         "::warning title=reportgen warning::no file\n");
	free(buf);
	rg_diags_free(&d);

	/* the annotations go to standard output, which no output may then take */
	r = rg("render --diagnostics=github -f tree in/warn.yml");
	assert_int_equal(r.status, 2);
	run_free(&r);
}

static void test_codequality(void **state)
{
	(void)state;
	make_tree();
	struct run r = rg("check --diagnostics=codequality -j 2 in");
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "");
	cJSON *arr = cJSON_Parse(r.out);
	assert_non_null(arr);
	assert_true(cJSON_IsArray(arr));
	assert_int_equal(cJSON_GetArraySize(arr), 2); /* no summary in a code-quality report */
	const char *sev[] = {"major", "minor"};
	const char *path[] = {"in/bad.yaml", "in/warn.yml"};
	int line[] = {5, 6};
	for (int i = 0; i < 2; i++) {
		cJSON *o = cJSON_GetArrayItem(arr, i);
		assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(o, "severity")),
		                    sev[i]);
		cJSON *loc = cJSON_GetObjectItem(o, "location");
		assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(loc, "path")),
		                    path[i]);
		assert_int_equal(cJSON_GetNumberValue(cJSON_GetObjectItem(
		                         cJSON_GetObjectItem(loc, "lines"), "begin")),
		                 line[i]);
		assert_int_equal(
		        strlen(cJSON_GetStringValue(cJSON_GetObjectItem(o, "fingerprint"))), 64);
		assert_non_null(cJSON_GetStringValue(cJSON_GetObjectItem(o, "description")));
		assert_true(strncmp(cJSON_GetStringValue(cJSON_GetObjectItem(o, "check_name")),
		                    "reportgen/", 10) == 0);
	}
	assert_string_not_equal(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(arr, 0),
	                                                                 "fingerprint")),
	                        cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(arr, 1),
	                                                                 "fingerprint")));
	cJSON_Delete(arr);
	run_free(&r);
	r = rg("check --diagnostics=codequality in/sub");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "[]\n");
	run_free(&r);
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
	        cmocka_unit_test(test_folder_order),   cmocka_unit_test(test_parallel_same),
	        cmocka_unit_test(test_summary_counts), cmocka_unit_test(test_worst_status),
	        cmocka_unit_test(test_name),           cmocka_unit_test(test_shard),
	        cmocka_unit_test(test_github),         cmocka_unit_test(test_codequality),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
