/* test_hpdf_mem.c: libharu's calls to HPDF_MemSet and HPDF_MemCpy reach typeset/hpdf_mem.c,
 * whose results are those of libharu's own loops. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <hpdf.h>
#include <hpdf_utils.h>

#include "testutil.h"

/* In the reportgen binary, libhpdf's calls to both helpers bind to the program's
 * definitions (the dynamic linker's account of each binding, LD_DEBUG=bindings), not to
 * libhpdf's own: the linker kept typeset/hpdf_mem.c and exported its symbols. */
static void test_bound(void **state)
{
	(void)state;
	int st;
	char *o = tu_popen(&st, "LD_DEBUG=bindings '%s' --version 2>&1 >/dev/null", RG_BINARY);
	assert_int_equal(st, 0);
	static const char *const names[] = {"`HPDF_MemSet'", "`HPDF_MemCpy'"};
	for (size_t i = 0; i < 2; i++) {
		int found = 0;
		for (const char *l = strstr(o, names[i]); l != NULL; l = strstr(l + 1, names[i])) {
			const char *bol = l;
			while (bol > o && bol[-1] != '\n')
				bol--;
			const char *from = strstr(bol, "binding file "), *to = strstr(bol, " to ");
			if (from == NULL || to == NULL || to > l || strstr(from, "libhpdf") > to)
				continue; /* not a binding of a call made inside libhpdf */
			found++;
			const char *lib = strstr(to, "libhpdf");
			if (lib != NULL && lib < l)
				fail_msg("libhpdf's %s binds to its own: %.*s", names[i],
				         (int)(strchr(l, '\n') - bol), bol);
		}
		if (found == 0)
			fail_msg("no binding of %s from libhpdf:\n%.2000s", names[i], o);
	}
	free(o);
}

/* Each returns the end of what it wrote, as libharu's loops do. */
static void test_results(void **state)
{
	(void)state;
	HPDF_BYTE buf[64];
	memset(buf, 0x55, sizeof(buf));
	assert_ptr_equal(HPDF_MemSet(buf + 3, 0xA7, 20), buf + 23);
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], i >= 3 && i < 23 ? 0xA7 : 0x55);
	assert_ptr_equal(HPDF_MemSet(buf, 0, 0), buf);
	HPDF_BYTE src[16], dst[16];
	for (int i = 0; i < 16; i++)
		src[i] = (HPDF_BYTE)(i + 1);
	memset(dst, 0, sizeof(dst));
	assert_ptr_equal(HPDF_MemCpy(dst + 2, src, 10), dst + 12);
	assert_int_equal(dst[1], 0);
	assert_memory_equal(dst + 2, src, 10);
	assert_int_equal(dst[12], 0);
	assert_ptr_equal(HPDF_MemCpy(dst, src, 0), dst);
}

/* Overlapping ranges are copied front to back, a byte at a time, as libharu's loop copies
 * them: forwards the first bytes repeat, backwards the bytes move. */
static void test_overlap(void **state)
{
	(void)state;
	HPDF_BYTE b[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
	assert_ptr_equal(HPDF_MemCpy(b + 2, b, 8), b + 10);
	static const HPDF_BYTE fwd[12] = {1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 11, 12};
	assert_memory_equal(b, fwd, 12);
	HPDF_BYTE c[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
	assert_ptr_equal(HPDF_MemCpy(c, c + 3, 8), c + 8);
	static const HPDF_BYTE back[12] = {4, 5, 6, 7, 8, 9, 10, 11, 9, 10, 11, 12};
	assert_memory_equal(c, back, 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_bound),
	        cmocka_unit_test(test_results),
	        cmocka_unit_test(test_overlap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
