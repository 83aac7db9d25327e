/* draw_textout.c: every run of text was drawn with HPDF_Page_TextOut, which costs libharu
 * 2.3.0 more than the bytes it writes: its Td clears a 512-byte buffer one byte at a time,
 * and its Tj measures the text again (HPDF_Page_TextWidth, a glyph lookup a character) to
 * advance a text position nothing reads, and allocates the text's encoding. Here the same
 * Td is written with libharu's own number writer (HPDF_FToA) and the text as a literal
 * string, not libharu's hex one (twice the bytes: a quarter of a page's content, and of
 * the time to deflate it), the text matrix is moved as HPDF_Page_MoveTextPos moves it,
 * and the text position advanced by the width the caller measured. Only for the state reportgen
 * draws straight text in: inside a text object, a composite font, horizontal writing and
 * an unscaled, unrotated text matrix (turned text goes through libharu). */
#include <hpdf_font.h>
#include <hpdf_gstate.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>

#include "draw_textout.h"
#include "utf8.h"

/* Characters written by one call to HPDF_Stream_Write. */
#define DTEXT_CHUNK 256

/* One byte of a literal string: the backslash and parentheses escaped, and a carriage
 * return, which a reader would take for a line end (PDF 32000-1:2008, 7.3.4.2); every
 * other byte, NUL included, as it is. */
static char *dtext_byte(char *q, unsigned char b)
{
	if (b == '\\' || b == '(' || b == ')' || b == '\r') {
		*q++ = '\\';
		*q++ = b == '\r' ? 'r' : (char)b;
	} else {
		*q++ = (char)b;
	}
	return q;
}

bool dtext_out(HPDF_Page page, float x, float y, const char *text, size_t len, float tw)
{
	HPDF_PageAttr attr = page != NULL ? (HPDF_PageAttr)page->attr : NULL;
	if (attr == NULL || attr->gmode != HPDF_GMODE_TEXT_OBJECT || attr->gstate == NULL ||
	    attr->gstate->font == NULL || attr->gstate->writing_mode != HPDF_WMODE_HORIZONTAL)
		return false;
	HPDF_FontAttr fa = (HPDF_FontAttr)attr->gstate->font->attr;
	HPDF_TransMatrix *tm = &attr->text_matrix;
	if (fa == NULL || (fa->type != HPDF_FONT_TYPE0_TT && fa->type != HPDF_FONT_TYPE0_CID) ||
	    tm->a != 1 || tm->b != 0 || tm->c != 0 || tm->d != 1)
		return false;
	/* TextPos_AbsToRel, then HPDF_Page_MoveTextPos, for this matrix */
	HPDF_REAL ry = (y - tm->y - (x - tm->x) * tm->b / tm->a) / (tm->d - tm->c * tm->b / tm->a);
	HPDF_REAL rx = (x - tm->x - ry * tm->c) / tm->a;
	char buf[64], *p = buf, *end = buf + sizeof(buf) - 1;
	p = HPDF_FToA(p, rx, end);
	*p++ = ' ';
	p = HPDF_FToA(p, ry, end);
	HPDF_StrCpy(p, " Td\012", end);
	if (HPDF_Stream_WriteStr(attr->stream, buf) != HPDF_OK)
		return true; /* libharu's error is set: the document fails */
	tm->x += rx * tm->a + ry * tm->c;
	tm->y += ry * tm->d + rx * tm->b;
	attr->text_pos.x = tm->x;
	attr->text_pos.y = tm->y;
	if (tw == 0 || len == 0)
		return true;
	/* the UCS-2BE of each character (what libharu's UTF-8 encoder makes of it) as a
	 * literal string: half the bytes of libharu's hex string, to write and to deflate */
	char lit[4 * DTEXT_CHUNK + 8], *q = lit;
	*q++ = '(';
	for (size_t i = 0, k; i < len; i += k) {
		uint32_t cp = utf8_next(text + i, len - i, &k);
		if (cp > 0xFFFF) /* what libharu's UTF-8 encoder writes for it */
			cp = ' ';
		q = dtext_byte(q, (unsigned char)(cp >> 8));
		q = dtext_byte(q, (unsigned char)(cp & 0xFF));
		if (q - lit >= 4 * DTEXT_CHUNK || i + k >= len) {
			if (HPDF_Stream_Write(attr->stream, (HPDF_BYTE *)lit,
			                      (HPDF_UINT)(q - lit)) != HPDF_OK)
				return true;
			q = lit;
		}
	}
	if (HPDF_Stream_WriteStr(attr->stream, ") Tj\012") == HPDF_OK) {
		attr->text_pos.x += tw * tm->a;
		attr->text_pos.y += tw * tm->b;
	}
	return true;
}
