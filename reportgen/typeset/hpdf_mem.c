/* hpdf_mem.c: libharu's byte helpers done by the C library.
 *
 * libharu 2.3.0 clears and copies memory with its own HPDF_MemSet and HPDF_MemCpy, loops
 * of one byte a step: the 128 KB glyph map of every CID font it makes, the 256 KB of its
 * UTF-8 encoder, every object and stream it reads or writes. Its calls to them go through
 * the dynamic linker, which binds them to a definition in the program when there is one,
 * as it does for malloc. These are those definitions: the same results (each returns the
 * end of what it wrote, as libharu's do), by memset and memcpy. A copy whose ranges
 * overlap, which libharu's loop does front to back, is done the same way.
 *
 * The linker keeps this file in every program that links rgcore (CMakeLists.txt asks for
 * both symbols) and exports them, because libhpdf names them. test_hpdf_mem checks that
 * libharu's calls reach these. */
#include <stdint.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_utils.h>

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}

HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	uintptr_t o = (uintptr_t)out, i = (uintptr_t)in;
	if (o + n <= i || i + n <= o) {
		memcpy(out, in, n);
		return out + n;
	}
	while (n > 0) {
		*out++ = *in++;
		n--;
	}
	return out;
}
