/* failalloc.c: allocation failure injection for tests, loaded with LD_PRELOAD: with
 * RG_FAIL_ALLOC=N in the environment, the Nth call (counting from 0) of malloc, calloc or
 * realloc returns NULL, once; every other call goes to the C library. Counting starts when
 * this library's constructor runs, after those of the libraries reportgen links (GLib,
 * under HarfBuzz, aborts by design when its own start-up allocation fails). Built as a
 * shared library beside the tests, never linked into reportgen.
 *
 * An allocation that libharu makes itself with malloc is never the one failed (the count
 * waits for the next): libharu 2.3.0 does not check them (its UTF-8 encoder's buffer in
 * HPDF_Page_ShowText is written through a null pointer), so failing one tests libharu, not
 * reportgen. libharu's other allocations go through its memory manager, which reportgen
 * gives the allocation wrapper (draw.c), and are failed like any other. */
#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

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

/* Whether the code at address `from` is libharu's. */
static int from_libharu(void *from)
{
	Dl_info info;
	return dladdr(from, &info) != 0 && info.dli_fname != NULL &&
	       strstr(info.dli_fname, "libhpdf") != NULL;
}

void *malloc(size_t n)
{
	if (countdown == 0 && from_libharu(__builtin_return_address(0)))
		return __libc_malloc(n);
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
