/* test_golden.c: the one golden runner: every tests/golden/NAME.yaml is loaded and validated;
 * its sorted diagnostics are compared with NAME.diag (absent: none expected) and, for every
 * format of the table (listed and hidden), its output with NAME + the format's extension when that
 * file exists (text formats only: no PDF goldens). RG_REGEN=1 rewrites the expected files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

#include "reportgen.h"

#define GOLDEN_DIR RG_SOURCE_DIR "/tests/golden"
#define GOLDEN_EPOCH 1726574700 /* SOURCE_DATE_EPOCH of the tests */

/* The level of a case whose first line is "# edition: LEVEL" (render --max-tlp LEVEL), else
 * RG_TLP_NONE. */
static enum rg_tlp golden_edition(const char *name)
{
	char *text = tu_slurp(name);
	enum rg_tlp t = RG_TLP_NONE;
	const char *key = "# edition: ";
	if (text != NULL && strncmp(text, key, strlen(key)) == 0) {
		const char *v = text + strlen(key);
		for (int i = RG_TLP_CLEAR; i <= RG_TLP_RED; i++)
			if (strncmp(v, rg_tlp_names[i], strlen(rg_tlp_names[i])) == 0 &&
			    (v[strlen(rg_tlp_names[i])] == '\n' ||
			     v[strlen(rg_tlp_names[i])] == ' '))
				t = (enum rg_tlp)i;
	}
	free(text);
	return t;
}

/* The sorted diagnostics of loading and validating name (relative to the golden folder, the
 * cwd) in gcc form, with those of its edition and leak scan ("# edition: LEVEL"); *doc is the
 * document (NULL when nothing could be read), *ed the edition rendered (NULL when none), *d
 * its diagnostics, for the renderers to add to. The caller frees the string. */
static char *golden_load(const char *name, struct rg_doc **doc, const struct rg_doc **ed,
                         struct rg_diags *d)
{
	*doc = rg_load_file(name, d);
	*ed = NULL;
	if (*doc != NULL && rg_validate(*doc, d)) {
		*ed = rg_edition(*doc, golden_edition(name), d);
		if (*ed != NULL)
			rg_leak_scan(*ed, NULL, 0, false, d);
	} else if (*doc != NULL) {
		*ed = *doc;
	}
	rg_diags_sort(d);
	char *text = NULL;
	size_t n;
	FILE *fp = open_memstream(&text, &n);
	assert_non_null(fp);
	rg_diags_print(d, fp, false);
	fclose(fp);
	return text;
}

/* The output of one format for doc (empty when there is no document); the caller frees. */
static char *golden_render(const struct rg_format *f, const struct rg_doc *doc, struct rg_diags *d)
{
	char *text = NULL;
	size_t n;
	FILE *fp = open_memstream(&text, &n);
	assert_non_null(fp);
	if (doc != NULL) {
		struct rg_render_opts opts = {.epoch = GOLDEN_EPOCH, .diags = d};
		f->render(doc, &opts, fp);
	}
	fclose(fp);
	return text;
}

static int golden_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Compares (or with regen rewrites) one expected file; returns true when it matches. An
 * optional file (NAME.diag) stands for empty output when absent. */
static bool golden_check(const char *path, const char *got, bool optional, bool regen)
{
	char *want = tu_slurp(path);
	bool ok;
	if (regen) {
		if (got[0] != '\0' || !optional)
			tu_spit(path, got);
		else if (want != NULL)
			unlink(path);
		ok = true;
	} else if (want == NULL) {
		ok = optional ? got[0] == '\0' : true;
		if (!ok)
			printf("%s: missing; got:\n%s", path, got);
	} else {
		ok = strcmp(want, got) == 0;
		if (!ok)
			printf("%s: differs.\n--- expected\n%s--- got\n%s", path, want, got);
	}
	free(want);
	return ok;
}

static size_t golden_names(char ***out)
{
	DIR *dir = opendir(".");
	assert_non_null(dir);
	size_t n = 0, cap = 64;
	char **names = rg_xmalloc(cap * sizeof(*names));
	for (struct dirent *e; (e = readdir(dir)) != NULL;) {
		size_t len = strlen(e->d_name);
		if (len <= 5 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		if (n == cap)
			names = rg_xrealloc(names, (cap *= 2) * sizeof(*names));
		names[n++] = rg_xstrdup(e->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), golden_cmp);
	*out = names;
	return n;
}

/* Checks one case: NAME.diag, then each format whose expected file exists. Returns true
 * when everything matches; *nfiles counts the expected files compared. */
static bool golden_case(const char *name, bool regen, size_t *nfiles)
{
	struct rg_diags d;
	rg_diags_init(&d);
	struct rg_doc *doc;
	const struct rg_doc *ed;
	char *diag = golden_load(name, &doc, &ed, &d);
	int stem = (int)(strlen(name) - 5);
	char path[1024];
	snprintf(path, sizeof(path), "%.*s.diag", stem, name);
	bool ok = golden_check(path, diag, true, regen);
	*nfiles += access(path, F_OK) == 0;
	free(diag);
	const struct rg_format *const *tables[] = {rg_formats, rg_hidden_formats};
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (const struct rg_format *const *f = tables[t]; *f != NULL; f++) {
			snprintf(path, sizeof(path), "%.*s%s", stem, name, (*f)->extension);
			if (access(path, F_OK) != 0)
				continue;
			char *got = golden_render(*f, ed, &d);
			ok = golden_check(path, got, false, regen) && ok;
			(*nfiles)++;
			free(got);
		}
	rg_doc_free(doc);
	rg_diags_free(&d);
	return ok;
}

static void test_golden(void **state)
{
	(void)state;
	assert_int_equal(chdir(GOLDEN_DIR), 0);
	bool regen = tu_regen();
	char **names;
	size_t n = golden_names(&names), failed = 0, nfiles = 0;
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		failed += !golden_case(names[i], regen, &nfiles);
		free(names[i]);
	}
	free(names);
	printf("golden: %zu cases, %zu expected files, %zu failed%s\n", n, nfiles, failed,
	       regen ? " (rewritten)" : "");
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_golden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
