/* test_draw_ops.c: the operators of typeset/draw_ops.c write what libharu's write (dop_text
 * its strings as literal strings rather than hex ones) and leave the page's state as
 * libharu's do; in a state or for a value they do not handle they write nothing and say so. */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
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

#include "draw_ops.h"

/* The n bytes of a content stream with every string, hex <...> or literal (...), written
 * as [XX XX ...], the hex of its bytes: two streams that show the same bytes with the same
 * operators read the same. Fails on a string that does not end. */
static char *strings_as_bytes(const char *s, size_t n)
{
	char *out = calloc(1, 3 * n + 8), *q = out;
	assert_non_null(out);
	for (size_t i = 0; i < n;) {
		if (s[i] != '<' && s[i] != '(') {
			*q++ = s[i++];
			continue;
		}
		*q++ = '[';
		if (s[i++] == '<') {
			for (; i + 1 < n && s[i] != '>'; i += 2)
				q += sprintf(q, " %c%c", toupper((unsigned char)s[i]),
				             toupper((unsigned char)s[i + 1]));
			assert_true(i < n && s[i] == '>');
		} else {
			for (; i < n && s[i] != ')'; i++) {
				assert_true(s[i] != '(' && s[i] != '\r'); /* escaped, always */
				unsigned char b = (unsigned char)s[i];
				if (b == '\\') {
					assert_true(++i < n);
					b = s[i] == 'r' ? '\r' : (unsigned char)s[i];
					assert_true(strchr("\\()r", s[i]) != NULL);
				}
				q += sprintf(q, " %02X", b);
			}
			assert_true(i < n);
		}
		i++;
		*q++ = ']';
	}
	return out;
}

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

/* A document with DejaVu Sans as a UTF-8 composite font and two pages: a for libharu's
 * calls, b for draw_ops'. */
static HPDF_Doc two_pages(HPDF_Font *font, HPDF_Page *a, HPDF_Page *b)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	assert_non_null(pdf);
	HPDF_UseUTFEncodings(pdf);
	const char *name =
	        HPDF_LoadTTFontFromFile(pdf, RG_SOURCE_DIR "/fonts/DejaVuSans.ttf", HPDF_TRUE);
	assert_non_null(name);
	*font = HPDF_GetFont(pdf, name, "UTF-8");
	assert_non_null(*font);
	*a = HPDF_AddPage(pdf);
	*b = HPDF_AddPage(pdf);
	return pdf;
}

static void test_same_bytes(void **state)
{
	(void)state;
	HPDF_Font font;
	HPDF_Page a, b;
	HPDF_Doc pdf = two_pages(&font, &a, &b);
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
	        /* bytes a literal string escapes: U+010D (0D), U+0128 ( and U+015C \ */
	        {72, 400, 10, "(a\\b) \xc4\x8d \xc4\xa8 \xc5\x9c )("},
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
				assert_true(dop_text(b, runs[i].x, runs[i].y, runs[i].text,
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
	char *sa = strings_as_bytes(ca, na), *sb = strings_as_bytes(cb, nb);
	assert_string_equal(sa, sb);
	assert_non_null(strstr(sa, " Td\n[ 00 41 00 6C"));                    /* "Al" */
	assert_non_null(strstr(sb, "[ 00 63 00 61 00 66 00 E9 00 20 20 AC")); /* "café €" */
	assert_null(strstr(cb, " Td\n<"));
	static const char esc[] = "\\(\0a\0\\\\\0b\0\\)"; /* "(a\b)" as escaped UCS-2BE */
	assert_non_null(memmem(cb, nb, esc, sizeof(esc) - 1));
	assert_non_null(strstr(sb, " 01 0D 00 20 01 28 00 20 01 5C"));
	assert_true(nb < na * 3 / 4); /* half the string bytes */
	free(sa);
	free(sb);
	/* turned text is libharu's: nothing written */
	HPDF_Page_SetTextMatrix(b, 0, 1, -1, 0, 10, 10);
	HPDF_UINT before = HPDF_Stream_Size(pb->stream);
	assert_false(dop_text(b, 20, 20, "x", 1, 5));
	assert_int_equal(HPDF_Stream_Size(pb->stream), before);
	HPDF_Page_EndText(b);
	assert_false(dop_text(b, 20, 20, "x", 1, 5)); /* outside a text object */
	assert_int_equal(HPDF_Stream_Size(pb->stream), before + strlen("ET\n"));
	free(ca);
	free(cb);
	HPDF_Free(pdf);
}

/* Colours, paths, rectangles and fonts, through libharu on page a and draw_ops on page b. */
static void test_graphics_ops(void **state)
{
	(void)state;
	HPDF_Font font;
	HPDF_Page a, b;
	HPDF_Doc pdf = two_pages(&font, &a, &b);
	const float rgb[][3] = {{0, 0, 0}, {1, 1, 1}, {0.12157f, 0.30588f, 0.47451f}, {0.5f, 0, 1}};
	for (size_t i = 0; i < sizeof(rgb) / sizeof(rgb[0]); i++) {
		HPDF_Page_SetRGBFill(a, rgb[i][0], rgb[i][1], rgb[i][2]);
		assert_true(dop_rgb(b, false, rgb[i][0], rgb[i][1], rgb[i][2]));
		HPDF_Page_SetRGBStroke(a, rgb[i][2], rgb[i][1], rgb[i][0]);
		assert_true(dop_rgb(b, true, rgb[i][2], rgb[i][1], rgb[i][0]));
	}
	HPDF_Page_SetFontAndSize(a, font, 9.5f);
	assert_true(dop_font(b, font, 9.5f));
	HPDF_Page_Rectangle(a, 56.69f, 701.08002f, 42.64f, 17.7f);
	assert_true(dop_rectangle(b, 56.69f, 701.08002f, 42.64f, 17.7f));
	HPDF_Page_Fill(a);
	HPDF_Page_Fill(b);
	HPDF_Page_MoveTo(a, 56.69f, 758.78003f);
	assert_true(dop_move_to(b, 56.69f, 758.78003f));
	HPDF_Page_LineTo(a, -538.5f, 0.001f);
	assert_true(dop_line_to(b, -538.5f, 0.001f));
	HPDF_PageAttr pa = a->attr, pb = b->attr;
	assert_int_equal(pa->gmode, pb->gmode);
	assert_true(pa->cur_pos.x == pb->cur_pos.x && pa->cur_pos.y == pb->cur_pos.y);
	assert_true(pa->str_pos.x == pb->str_pos.x && pa->str_pos.y == pb->str_pos.y);
	HPDF_Page_Stroke(a);
	HPDF_Page_Stroke(b);
	HPDF_Page_BeginText(a);
	HPDF_Page_BeginText(b);
	HPDF_Page_SetFontAndSize(a, font, 12);
	assert_true(dop_font(b, font, 12));
	HPDF_Page_SetRGBFill(a, 0, 0, 0);
	assert_true(dop_rgb(b, false, 0, 0, 0));
	/* what libharu refuses or these do not know: nothing written */
	HPDF_UINT before = HPDF_Stream_Size(pb->stream);
	assert_false(dop_rgb(b, false, 1.5f, 0, 0));
	assert_false(dop_rgb(b, true, 0, -0.1f, 0));
	assert_false(dop_font(b, font, 0));
	assert_false(dop_font(b, font, 601));
	assert_false(dop_move_to(b, 1, 1)); /* inside a text object */
	assert_false(dop_line_to(b, 1, 1));
	assert_false(dop_rectangle(b, 1, 1, 1, 1));
	assert_int_equal(HPDF_Stream_Size(pb->stream), before);
	HPDF_Page_EndText(a);
	HPDF_Page_EndText(b);
	assert_false(dop_line_to(b, 1, 1)); /* no path begun */
	assert_true(pa->gstate->rgb_fill.r == pb->gstate->rgb_fill.r &&
	            pa->gstate->rgb_fill.b == pb->gstate->rgb_fill.b);
	assert_true(pa->gstate->rgb_stroke.r == pb->gstate->rgb_stroke.r &&
	            pa->gstate->rgb_stroke.g == pb->gstate->rgb_stroke.g);
	assert_int_equal(pa->gstate->cs_fill, pb->gstate->cs_fill);
	assert_int_equal(pa->gstate->cs_stroke, pb->gstate->cs_stroke);
	assert_ptr_equal(pa->gstate->font, pb->gstate->font);
	assert_true(pa->gstate->font_size == pb->gstate->font_size);
	HPDF_UINT na, nb;
	char *ca = content(a, &na), *cb = content(b, &nb);
	assert_string_equal(ca, cb);
	assert_non_null(strstr(cb, "0.12157 0.30588 0.47451 rg\n"));
	assert_non_null(strstr(cb, "/F1 9.5 Tf\n"));
	/* the font is in b's resources as in a's */
	HPDF_Dict ra = HPDF_Dict_GetItem(pa->fonts, "F1", HPDF_OCLASS_DICT);
	HPDF_Dict rb = HPDF_Dict_GetItem(pb->fonts, "F1", HPDF_OCLASS_DICT);
	assert_non_null(rb);
	assert_ptr_equal(ra, rb);
	free(ca);
	free(cb);
	HPDF_Free(pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_same_bytes),
	        cmocka_unit_test(test_graphics_ops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
