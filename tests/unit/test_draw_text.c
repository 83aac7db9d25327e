/* test_draw_text.c: dtext_out (typeset/draw_textout.c) writes the bytes HPDF_Page_TextOut
 * writes and leaves the page's text state as it does; in a state it does not handle it
 * writes nothing and says so. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <hpdf.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "draw_textout.h"

/* A page's content stream so far (caller frees). */
static char *content(HPDF_Page page, HPDF_UINT *n)
{
	HPDF_Stream s = ((HPDF_PageAttr)page->attr)->stream;
	*n = HPDF_Stream_Size(s);
	char *b = calloc(1, *n + 1);
	assert_non_null(b);
	assert_int_equal(HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET), HPDF_OK);
	HPDF_UINT got = *n;
	assert_int_equal(HPDF_Stream_Read(s, (HPDF_BYTE *)b, &got), HPDF_OK);
	assert_int_equal(got, *n);
	HPDF_Stream_Seek(s, 0, HPDF_SEEK_END);
	return b;
}

static void test_same_bytes(void **state)
{
	(void)state;
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	assert_non_null(pdf);
	HPDF_UseUTFEncodings(pdf);
	const char *name =
	        HPDF_LoadTTFontFromFile(pdf, RG_SOURCE_DIR "/fonts/DejaVuSans.ttf", HPDF_TRUE);
	assert_non_null(name);
	HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
	assert_non_null(font);
	HPDF_Page a = HPDF_AddPage(pdf), b = HPDF_AddPage(pdf);
	char longer[3 * 700 + 1] = "";
	for (int i = 0; i < 700; i++) /* past one hex chunk: ASCII, 2- and 3-byte UTF-8 */
		strcat(longer, i % 3 == 0 ? "a" : i % 3 == 1 ? "\xc3\xa9" : "\xe2\x82\xac");
	const struct {
		float x, y, size;
		const char *text;
	} runs[] = {
	        {56.69f, 764.96f, 15, "Alert details"},
	        {102.33f, 636.01f, 15, "caf\xc3\xa9 \xe2\x82\xac 10"},
	        {59.69f, 706.81f, 9, "\xe2\x80\x8b"}, /* zero width space: no Tj */
	        {-3.5f, 0.01f, 9, "x"},
	        {0, 0, 9, ""},
	        {300.125f, 12345.678f, 7.5f, longer},
	};
	HPDF_Page pages[2] = {a, b};
	for (int p = 0; p < 2; p++) {
		HPDF_Page_BeginText(pages[p]);
		for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
			HPDF_Page_SetFontAndSize(pages[p], font, runs[i].size);
			if (p == 0) {
				HPDF_Page_TextOut(a, runs[i].x, runs[i].y, runs[i].text);
			} else {
				float tw = HPDF_Page_TextWidth(b, runs[i].text);
				assert_true(dtext_out(b, runs[i].x, runs[i].y, runs[i].text,
				                      strlen(runs[i].text), tw));
			}
		}
	}
	HPDF_PageAttr pa = a->attr, pb = b->attr;
	assert_true(pa->text_matrix.x == pb->text_matrix.x);
	assert_true(pa->text_matrix.y == pb->text_matrix.y);
	assert_true(pa->text_pos.x == pb->text_pos.x);
	assert_true(pa->text_pos.y == pb->text_pos.y);
	HPDF_UINT na, nb;
	char *ca = content(a, &na), *cb = content(b, &nb);
	assert_string_equal(ca, cb);
	assert_int_equal(na, nb);
	assert_non_null(strstr(cb, " Td\n<"));
	/* turned text is libharu's: nothing written */
	HPDF_Page_SetTextMatrix(b, 0, 1, -1, 0, 10, 10);
	HPDF_UINT before = HPDF_Stream_Size(pb->stream);
	assert_false(dtext_out(b, 20, 20, "x", 1, 5));
	assert_int_equal(HPDF_Stream_Size(pb->stream), before);
	HPDF_Page_EndText(b);
	assert_false(dtext_out(b, 20, 20, "x", 1, 5)); /* outside a text object */
	assert_int_equal(HPDF_Stream_Size(pb->stream), before + strlen("ET\n"));
	free(ca);
	free(cb);
	HPDF_Free(pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_same_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
