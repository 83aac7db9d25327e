/* failalloc.c: allocation failure injection for tests, loaded with LD_PRELOAD: with
 * RG_FAIL_ALLOC=N in the environment, the Nth call (counting from 0) of malloc, calloc or
 * realloc returns NULL, once; every other call goes to the C library. Counting starts when
 * this library's constructor runs, after those of the libraries reportgen links (GLib,
 * under HarfBuzz, aborts by design when its own start-up allocation fails). Built as a
 * shared library beside the tests, never linked into reportgen. */
#include <stddef.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static long countdown = -1; /* -1: off */

__attribute__((constructor)) static void failalloc_start(void)
{
	const char *e = getenv("RG_FAIL_ALLOC");
	countdown = e != NULL ? atol(e) : -1;
}

static int fail_now(void)
{
	if (countdown < 0)
		return 0;
	return countdown-- == 0;
}

void *malloc(size_t n)
{
	return fail_now() ? NULL : __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __libc_realloc(p, n);
}
