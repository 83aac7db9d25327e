/* test_pathological.c: generated inputs at and past every limit, each with its expected
 * diagnostic and a time bound (a hang guard, generous under sanitizers). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "reportgen.h"
#include "ytree.h"

#if defined(__SANITIZE_ADDRESS__)
#define PATH_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PATH_SANITIZED 1
#endif
#endif
#ifndef PATH_SANITIZED
#define PATH_SANITIZED 0
#endif

#define HEAD "reportgen: 1\nreport:\n  id: \"1\"\n  date: 2024-09-17\n"

/* A growing text buffer. */
struct buf {
	char *s;
	size_t n, cap;
};

static void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (b->n + (size_t)k + 1 > b->cap) {
		b->cap = (b->n + (size_t)k + 1) * 2;
		b->s = rg_xrealloc(b->s, b->cap);
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, (size_t)k + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)k;
}

static void put_rep(struct buf *b, char c, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = rg_xrealloc(b->s, b->cap);
	}
	memset(b->s + b->n, c, n);
	b->n += n;
	b->s[b->n] = '\0';
}

/* The hang guard, in CPU seconds of this process (so that other work on the machine does not
 * count): 1 s for optimized builds; unoptimized and sanitized code is slower. */
static double bound(void)
{
	if (PATH_SANITIZED || getenv("RG_SANITIZE_BUILD") != NULL)
		return 5.0;
#ifdef __OPTIMIZE__
	return 1.0;
#else
	return 3.0;
#endif
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct run {
	struct rg_diags d;
	bool loaded;
	double secs;
};

/* Loads and validates len bytes of text; checks the time bound. */
static void run(struct run *r, const char *what, const char *text, size_t len)
{
	rg_diags_init(&r->d);
	double t0 = now();
	struct rg_doc *doc = rg_load_buffer("p.yaml", text, len, &r->d);
	if (doc != NULL)
		rg_validate(doc, &r->d);
	r->secs = now() - t0;
	r->loaded = doc != NULL;
	rg_doc_free(doc);
	printf("  %-36s %8.1f ms, %zu diagnostics\n", what, r->secs * 1000, r->d.n);
	assert_true(r->secs < bound());
}

/* The first diagnostic with code, or NULL. */
static const struct rg_diag *find(const struct run *r, enum rg_diag_code code)
{
	for (size_t i = 0; i < r->d.n; i++)
		if (r->d.v[i].code == code)
			return &r->d.v[i];
	return NULL;
}

static void done(struct run *r, struct buf *b)
{
	rg_diags_free(&r->d);
	free(b->s);
	memset(b, 0, sizeof(*b));
}

/* A valid incident of exactly size bytes: a summary block scalar of 'x' lines. */
static void file_of_size(struct buf *b, size_t size)
{
	put(b, HEAD "summary: |\n");
	while (b->n < size) {
		size_t left = size - b->n;
		if (left <= 3) { /* pad the last line */
			b->n--;
			put_rep(b, 'x', left);
			put(b, "\n");
			break;
		}
		size_t line = left - 3 > 1000 ? 1000 : left - 3;
		put(b, "  ");
		put_rep(b, 'x', line);
		put(b, "\n");
	}
	assert_int_equal(b->n, size);
}

static void test_file_size(void **state)
{
	(void)state;
	struct buf b = {0};
	struct run r;
	file_of_size(&b, RG_MAX_FILE);
	run(&r, "16 MiB file", b.s, b.n);
	assert_true(r.loaded);
	assert_int_equal(r.d.n, 0);
	done(&r, &b);
	file_of_size(&b, RG_MAX_FILE + 1);
	run(&r, "16 MiB + 1 byte file", b.s, b.n);
	assert_false(r.loaded);
	assert_int_equal(r.d.n, 1);
	assert_int_equal(r.d.v[0].code, RG_E_LIMIT_SIZE);
	assert_int_equal(r.d.v[0].pos.line, 1);
	done(&r, &b);
}

/* Loads the n bytes of b from a file (fifo: through a pipe, written by a child); the
 * diagnostics' count, or -1 when nothing loaded. The loader reads a large file into a
 * mapping of its own, and grows one it cannot size (a pipe) from the heap into one. */
static long load_file_of(const struct buf *b, bool fifo, struct rg_diags *d)
{
	char path[] = "/tmp/rg-patho-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	pid_t child = -1;
	if (fifo) {
		unlink(path);
		assert_int_equal(mkfifo(path, 0600), 0);
		child = fork();
		assert_true(child >= 0);
		if (child == 0) {
			FILE *w = fopen(path, "wb");
			_exit(w != NULL && fwrite(b->s, 1, b->n, w) == b->n && fclose(w) == 0 ? 0
			                                                                      : 1);
		}
	} else {
		FILE *w = fopen(path, "wb");
		assert_non_null(w);
		assert_int_equal(fwrite(b->s, 1, b->n, w), b->n);
		assert_int_equal(fclose(w), 0);
	}
	rg_diags_init(d);
	struct rg_doc *doc = rg_load_file(path, d);
	if (child > 0) {
		int st;
		waitpid(child, &st, 0);
	}
	unlink(path);
	long n = doc != NULL ? (long)d->n : -1;
	if (doc != NULL) {
		assert_non_null(doc->summary.s); /* the whole text, not a prefix */
		assert_true(strlen(doc->summary.s) > b->n * 9 / 10);
	}
	rg_doc_free(doc);
	return n;
}

/* The same bounds read from files: 16 MiB loads, one byte more is the size error; a 3 MiB
 * file through a pipe loads whole. */
static void test_file_size_on_disk(void **state)
{
	(void)state;
	struct buf b = {0};
	struct rg_diags d;
	file_of_size(&b, RG_MAX_FILE);
	assert_int_equal(load_file_of(&b, false, &d), 0);
	rg_diags_free(&d);
	free(b.s);
	b = (struct buf){0};
	file_of_size(&b, RG_MAX_FILE + 1);
	assert_int_equal(load_file_of(&b, false, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, RG_E_LIMIT_SIZE);
	rg_diags_free(&d);
	free(b.s);
	b = (struct buf){0};
	file_of_size(&b, 3u << 20);
	assert_int_equal(load_file_of(&b, true, &d), 0);
	rg_diags_free(&d);
	free(b.s);
}

/* summary: followed by k nested flow sequences: the root mapping is level 1. */
static void test_depth(void **state)
{
	(void)state;
	struct buf b = {0};
	struct run r;
	put(&b, HEAD "summary: ");
	put_rep(&b, '[', 63);
	put_rep(&b, ']', 63);
	put(&b, "\n");
	run(&r, "depth 64", b.s, b.n);
	assert_null(find(&r, RG_E_LIMIT_DEPTH));
	assert_non_null(find(&r, RG_E_TYPE)); /* summary is not a list, but loading went on */
	done(&r, &b);
	put(&b, HEAD "summary: ");
	put_rep(&b, '[', 64);
	put_rep(&b, ']', 64);
	put(&b, "\n");
	run(&r, "depth 65", b.s, b.n);
	const struct rg_diag *g = find(&r, RG_E_LIMIT_DEPTH);
	assert_non_null(g);
	assert_int_equal(g->pos.line, 5);
	assert_int_equal(g->pos.col, 10 + 63);
	assert_false(r.loaded);
	done(&r, &b);
}

static void test_deep_flow(void **state)
{
	(void)state;
	struct buf b = {0};
	struct run r;
	put_rep(&b, '[', 1000000);
	put_rep(&b, ']', 1000000);
	run(&r, "1,000,000 nested flow sequences", b.s, b.n);
	assert_int_equal(r.d.n, 1);
	assert_int_equal(r.d.v[0].code, RG_E_LIMIT_DEPTH);
	assert_int_equal(r.d.v[0].pos.col, 65);
	done(&r, &b);
	for (int i = 0; i < 100; i++) /* "- - - - ..." on one line nests block sequences */
		put(&b, "- ");
	put(&b, "x\n");
	run(&r, "100 nested block sequences", b.s, b.n);
	assert_non_null(find(&r, RG_E_LIMIT_DEPTH));
	done(&r, &b);
}

static void test_alias_nodes(void **state)
{
	(void)state;
	struct buf b = {0};
	struct run r;
	put(&b, HEAD "bomb:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i <= 9; i++) {
		put(&b, "  - &a%d [", i);
		for (int k = 0; k < 10; k++)
			put(&b, "%s*a%d", k ? ", " : "", i - 1);
		put(&b, "]\n");
	}
	put(&b, "  - &all [*a9, *a9, *a9]\n");
	run(&r, "alias bomb (nodes)", b.s, b.n);
	const struct rg_diag *g = find(&r, RG_E_LIMIT_ALIAS);
	assert_non_null(g);
	/* *a5 stands for 111,111 nodes; 123,440 came before; the eighth *a5 crosses 1,000,000 */
	assert_int_equal(g->pos.line, 11);
	assert_int_equal(g->pos.col, 10 + 7 * 5);
	assert_string_equal(g->message, "alias *a4 expands the document past 1,000,000 nodes; use "
	                                "fewer aliases");
	assert_false(r.loaded);
	done(&r, &b);
}

static void test_alias_text(void **state)
{
	(void)state;
	struct buf b = {0};
	struct run r;
	put(&b, HEAD "text:\n  - &s ");
	put_rep(&b, 'y', 1024 * 1024);
	put(&b, "\n");
	for (int i = 0; i < 20; i++)
		put(&b, "  - *s\n");
	run(&r, "alias bomb (16 MiB of text)", b.s, b.n);
	const struct rg_diag *g = find(&r, RG_E_LIMIT_ALIAS);
	assert_non_null(g);
	assert_int_equal(g->pos.line, 6 + 17); /* 16 copies reach 16 MiB, the 17th passes it */
	assert_int_equal(g->pos.col, 5);
	assert_string_equal(g->message, "alias *s expands the document past 16 MiB of text; use "
	                                "fewer aliases");
	done(&r, &b);
	/* exactly 16 copies: allowed (the unknown key is the only error) */
	put(&b, HEAD "text:\n  - &s ");
	put_rep(&b, 'y', 1024 * 1024);
	put(&b, "\n");
	for (int i = 0; i < 16; i++)
		put(&b, "  - *s\n");
	run(&r, "16 aliases of 1 MiB", b.s, b.n);
	assert_null(find(&r, RG_E_LIMIT_ALIAS));
	assert_true(r.loaded);
	done(&r, &b);
}

static void test_many_keys(void **state)
{
	(void)state;
	struct buf b = {0};
	struct run r;
	put(&b, HEAD "analysis:\n  blocks:\n    - table:\n        columns: [c0]\n        rows:\n"
	             "          - ");
	for (int i = 0; i < 100000; i++)
		put(&b, "%sk%05d: v\n", i ? "            " : "", i);
	put(&b, "            k00000: again\n");
	run(&r, "100,000-key mapping", b.s, b.n);
	const struct rg_diag *g = find(&r, RG_E_DUP_KEY);
	assert_non_null(g);
	assert_int_equal(g->pos.line, 10 + 100000);
	/* the duplicate, then 100,000 unknown columns cut at the limit of reports per file */
	assert_int_equal(r.d.n, YTREE_MAX_DIAGS + 1);
	assert_string_equal(r.d.v[r.d.n - 1].message, "too many errors (1000); fix these and run "
	                                              "again");
	done(&r, &b);
}

static void table_head(struct buf *b, int ncols)
{
	put(b, HEAD "analysis:\n  blocks:\n    - table:\n        columns: [");
	for (int i = 0; i < ncols; i++)
		put(b, "%sc%d", i ? ", " : "", i);
	put(b, "]\n        rows:\n");
}

static void test_wide_tables(void **state)
{
	(void)state;
	struct buf b = {0};
	struct run r;
	table_head(&b, 200000);
	for (int i = 0; i < 4; i++) /* 800,000 cells */
		put(&b, "          - {c%d: a, c%d: b, x%d: c}\n", i * 3999, 199999 - i, i);
	run(&r, "200,000 columns, mapping rows", b.s, b.n);
	assert_int_equal(r.d.n, 4); /* the x columns */
	assert_int_equal(r.d.v[0].code, RG_E_TABLE_COLUMN);
	done(&r, &b);
	table_head(&b, 1000);
	for (int i = 0; i < 1001; i++)
		put(&b, "          - {}\n");
	run(&r, "1,001,000 cells", b.s, b.n);
	assert_int_equal(r.d.n, 1);
	assert_string_equal(r.d.v[0].message, "1001 rows of 1000 columns are more than 1000000 "
	                                      "cells; split the table or move the data to a file");
	assert_int_equal(r.d.v[0].pos.line, 10);
	done(&r, &b);
}

static void test_long_scalar(void **state)
{
	(void)state;
	struct buf b = {0};
	struct run r;
	put(&b, HEAD "  title: ");
	put_rep(&b, 'z', 15 * 1024 * 1024);
	put(&b, "\n");
	run(&r, "15 MiB plain scalar", b.s, b.n);
	assert_true(r.loaded);
	assert_int_equal(r.d.n, 0);
	done(&r, &b);
	put(&b, HEAD "  tlp: ");
	put_rep(&b, 'q', 1024 * 1024);
	put(&b, "\n");
	run(&r, "1 MiB enum value", b.s, b.n);
	assert_int_equal(r.d.n, 1);
	assert_int_equal(r.d.v[0].code, RG_E_ENUM);
	assert_true(strlen(r.d.v[0].message) < 300);
	done(&r, &b);
}

/* A 16 MiB file of one-character list items: past 1,000,000 values it stops early. */
static void test_dense_nodes(void **state)
{
	(void)state;
	struct buf b = {0};
	struct run r;
	put(&b, HEAD "lessons:\n");
	while (b.n + 6 <= RG_MAX_FILE)
		put(&b, "  - a\n");
	run(&r, "16 MiB of one-character items", b.s, b.n);
	const struct rg_diag *g = find(&r, RG_E_LIMIT_SIZE);
	assert_non_null(g);
	assert_false(r.loaded);
	/* 11 nodes come before the items (the root, keys, values and the list itself) */
	assert_int_equal(g->pos.line, 6 + (int)(RG_MAX_NODES - 11));
	assert_string_equal(g->message,
	                    "the file holds more than 1,000,000 values; move large logs "
	                    "or data out of it");
	done(&r, &b);
	put(&b, HEAD "lessons: [");
	for (size_t i = 0; i < RG_MAX_NODES - 12; i++)
		put(&b, "a,");
	put(&b, "a]\n");
	run(&r, "exactly 1,000,000 values", b.s, b.n);
	assert_null(find(&r, RG_E_LIMIT_SIZE));
	assert_true(r.loaded);
	done(&r, &b);
}

static void test_many_artifacts(void **state)
{
	(void)state;
	struct buf b = {0};
	struct run r;
	put(&b, HEAD "artifacts:\n");
	for (int i = 0; i < 3000; i++)
		put(&b,
		    "  - value: host%d.evil[.]example\n    type: domain\n    comment: seen in "
		    "**proxy** "
		    "logs\n    first_seen: 2024-09-17T12:%02d:00Z\n    tags: [phishing, c2]\n",
		    i, i % 60);
	run(&r, "3,000 artifacts", b.s, b.n);
	assert_true(r.loaded);
	assert_int_equal(r.d.n, 0);
	done(&r, &b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_file_size),      cmocka_unit_test(test_file_size_on_disk),
	        cmocka_unit_test(test_depth),          cmocka_unit_test(test_deep_flow),
	        cmocka_unit_test(test_alias_nodes),    cmocka_unit_test(test_alias_text),
	        cmocka_unit_test(test_many_keys),      cmocka_unit_test(test_long_scalar),
	        cmocka_unit_test(test_many_artifacts), cmocka_unit_test(test_wide_tables),
	        cmocka_unit_test(test_dense_nodes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
