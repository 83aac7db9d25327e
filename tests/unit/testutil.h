/* testutil.h: file helpers shared by the cmocka test programs (include after cmocka.h). */
#ifndef RG_TESTUTIL_H
#define RG_TESTUTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>

#include "reportgen.h"

static inline char *tu_read_stream(FILE *fp);

/* Runs a shell command line (printf-formatted); returns its standard output (caller frees)
 * and stores its exit status (-1 when it did not exit) in *status unless NULL. */
static inline char *tu_popen(int *status, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
static inline char *tu_popen(int *status, const char *fmt, ...)
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

/* The rest of a stream as a NUL-terminated heap string (binary-safe up to the NUL added
 * at the end); the caller frees. */
static inline char *tu_read_stream(FILE *fp)
{
	size_t cap = 8192, len = 0, n;
	char *buf = rg_xmalloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, fp)) > 0) {
		len += n;
		if (cap - len - 1 == 0)
			buf = rg_xrealloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	return buf;
}

/* A whole file as a heap string, or NULL when it cannot be opened; the caller frees. */
static inline char *tu_slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	char *s = tu_read_stream(fp);
	fclose(fp);
	return s;
}

/* Writes text to path, replacing it; fails the test when it cannot. */
static inline void tu_spit(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
}

/* Makes DIR an empty folder of the test's working directory (a name without quotes). */
static inline void tu_fresh_dir(const char *dir)
{
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s'", dir, dir);
	assert_int_equal(system(cmd), 0);
}

/* RG_REGEN=1 (./build.sh regen): expected files are rewritten instead of compared. The one
 * place that reads it. */
static inline bool tu_regen(void)
{
	const char *v = getenv("RG_REGEN");
	return v != NULL && strcmp(v, "1") == 0;
}

#endif
