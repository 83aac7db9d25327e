/* test_hpdf_mem.c: libharu's calls to HPDF_MemSet and HPDF_MemCpy reach typeset/hpdf_mem.c,
 * whose results are those of libharu's own loops; its calls to
 * HPDF_Stream_WriteToStreamWithDeflate reach typeset/draw_flate.c, which deflates with
 * libdeflate while a document is saved and hands every other call to libharu. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>
#include <zlib.h>

#include "draw_flate.h"

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
	static const char *const names[] = {"`HPDF_MemSet'", "`HPDF_MemCpy'",
	                                    "`HPDF_Stream_WriteToStreamWithDeflate'"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
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

/* The bytes of a memory stream, and their count. */
static unsigned char *stream_bytes(HPDF_Stream s, size_t *n)
{
	*n = HPDF_Stream_Size(s);
	unsigned char *b = malloc(*n + 1);
	assert_non_null(b);
	assert_int_equal(HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET), HPDF_OK);
	HPDF_UINT k = (HPDF_UINT)*n;
	HPDF_STATUS st = HPDF_Stream_Read(s, b, &k);
	assert_true(st == HPDF_OK || st == HPDF_STREAM_EOF);
	assert_int_equal(k, *n);
	return b;
}

/* Deflates src into a new stream with HPDF_Stream_WriteToStreamWithDeflate; its bytes. */
static unsigned char *deflated(HPDF_Doc pdf, HPDF_Stream src, size_t *n)
{
	HPDF_Stream dst = HPDF_MemStream_New(pdf->mmgr, 0);
	assert_non_null(dst);
	assert_int_equal(HPDF_Stream_WriteToStreamWithDeflate(src, dst, NULL), HPDF_OK);
	unsigned char *b = stream_bytes(dst, n);
	HPDF_Stream_Free(dst);
	return b;
}

/* While a document is saved, a stream of several buffers deflates (libdeflate) to a zlib
 * stream of its bytes; at any other time the call is libharu's, byte for byte. */
static void test_save_deflate(void **state)
{
	(void)state;
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	assert_non_null(pdf);
	HPDF_Stream src = HPDF_MemStream_New(pdf->mmgr, 4096);
	assert_non_null(src);
	static char text[20000];
	for (size_t i = 0; i < sizeof(text); i++)
		text[i] = "BT /F1 9 Tf (reportgen) Tj ET\n"[i % 31] + (char)(i / 977 % 3);
	assert_int_equal(HPDF_Stream_Write(src, (const HPDF_BYTE *)text, sizeof(text)), HPDF_OK);
	size_t nown, nours;
	unsigned char *own = deflated(pdf, src, &nown); /* no document being saved */
	struct dflate *df = dflate_new();
	dflate_save_begin(df);
	unsigned char *ours = deflated(pdf, src, &nours);
	dflate_save_end();
	dflate_free(df);
	/* libharu's own is zlib at its default level: what zlib makes of the same bytes */
	uLongf zn = compressBound(sizeof(text));
	unsigned char *z = malloc(zn);
	assert_non_null(z);
	assert_int_equal(
	        compress2(z, &zn, (const Bytef *)text, sizeof(text), Z_DEFAULT_COMPRESSION), Z_OK);
	assert_int_equal(nown, zn);
	assert_memory_equal(own, z, zn);
	/* ours: another encoder's bytes, the same text once inflated */
	assert_true(nours != nown || memcmp(ours, own, nown) != 0);
	unsigned char back[sizeof(text)];
	uLongf bn = sizeof(back);
	assert_int_equal(uncompress(back, &bn, ours, nours), Z_OK);
	assert_int_equal(bn, sizeof(text));
	assert_memory_equal(back, text, sizeof(text));
	free(z);
	free(own);
	free(ours);
	HPDF_Stream_Free(src);
	HPDF_Free(pdf);
}

/* In a rendered PDF, an embedded font's stream is libdeflate's: it inflates, and zlib at
 * libharu's level would have written other bytes (draw.c saves inside dflate_save_begin). */
static void test_font_stream(void **state)
{
	(void)state;
	int st;
	char path[] = "/tmp/rg-hpdf-mem-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	char *r = tu_popen(&st, "SOURCE_DATE_EPOCH=1 '%s' render -q -f pdf -o '%s' '%s' 2>&1",
	                   RG_BINARY, path,
	                   RG_SOURCE_DIR "/examples/soc326-impersonating-domain.yaml");
	assert_int_equal(st, 0);
	free(r);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	size_t n = (size_t)sb.st_size;
	char *pdf = tu_slurp(path); /* whole, NULs and all */
	assert_non_null(pdf);
	unlink(path);
	const char *dict = memmem(pdf, n, "/Length1 ", 9);
	assert_non_null(dict);
	const char *data = memmem(dict, n - (size_t)(dict - pdf), "stream\r\n", 8);
	assert_non_null(data);
	data += 8;
	z_stream z = {0};
	assert_int_equal(inflateInit(&z), Z_OK);
	static unsigned char font[1 << 20];
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)(n - (size_t)(data - pdf));
	z.next_out = font;
	z.avail_out = sizeof(font);
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	size_t packed = z.total_in, raw = z.total_out;
	inflateEnd(&z);
	assert_true(raw > 1000 && memcmp(font, "\0\1\0\0", 4) == 0); /* a TrueType font */
	uLongf zn = compressBound(raw);
	unsigned char *zb = malloc(zn);
	assert_non_null(zb);
	assert_int_equal(compress2(zb, &zn, font, raw, Z_DEFAULT_COMPRESSION), Z_OK);
	if (zn == packed && memcmp(zb, data, packed) == 0)
		fail_msg("the font stream is zlib's: libharu deflated it");
	free(zb);
	free(pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_bound),       cmocka_unit_test(test_results),
	        cmocka_unit_test(test_overlap),     cmocka_unit_test(test_save_deflate),
	        cmocka_unit_test(test_font_stream),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
