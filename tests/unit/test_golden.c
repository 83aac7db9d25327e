/* test_golden.c: loads + validates every tests/golden/NAME.yaml and compares the sorted
 * diagnostics with NAME.diag (absent: none expected) and the tree dump with NAME.tree (when
 * present). RG_REGEN=1 rewrites the expected files (NAME.tree only where one exists). */
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

extern const struct rg_format format_tree;

struct golden_out {
	char *diag, *tree;
};

/* Loads, validates and dumps name (relative to the golden folder, the cwd). */
static struct golden_out golden_run(const char *name)
{
	struct golden_out o = {NULL, NULL};
	struct rg_diags d;
	rg_diags_init(&d);
	struct rg_doc *doc = rg_load_file(name, &d);
	if (doc != NULL)
		rg_validate(doc, &d);
	rg_diags_sort(&d);
	size_t n;
	FILE *fp = open_memstream(&o.diag, &n);
	rg_diags_print(&d, fp, false);
	fclose(fp);
	fp = open_memstream(&o.tree, &n);
	if (doc != NULL) {
		struct rg_render_opts opts = {.epoch = -1, .diags = &d};
		format_tree.render(doc, &opts, fp);
	}
	fclose(fp);
	rg_doc_free(doc);
	rg_diags_free(&d);
	return o;
}

static int golden_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Compares (or with regen rewrites) one expected file; returns true when it matches. */
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

static void test_golden(void **state)
{
	(void)state;
	assert_int_equal(chdir(GOLDEN_DIR), 0);
	bool regen = getenv("RG_REGEN") != NULL && strcmp(getenv("RG_REGEN"), "1") == 0;
	char **names;
	size_t n = golden_names(&names), failed = 0;
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		struct golden_out o = golden_run(names[i]);
		size_t stem = strlen(names[i]) - 5;
		char path[1024];
		snprintf(path, sizeof(path), "%.*s.diag", (int)stem, names[i]);
		bool ok = golden_check(path, o.diag, true, regen);
		snprintf(path, sizeof(path), "%.*s.tree", (int)stem, names[i]);
		if (access(path, F_OK) == 0)
			ok = golden_check(path, o.tree, false, regen) && ok;
		if (!ok)
			failed++;
		free(o.diag);
		free(o.tree);
		free(names[i]);
	}
	free(names);
	printf("golden: %zu cases, %zu failed%s\n", n, failed, regen ? " (rewritten)" : "");
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_golden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
