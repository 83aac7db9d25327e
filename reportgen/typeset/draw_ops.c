/* draw_ops.c: libharu 2.3.0's page operators cost more than the bytes they write: each
 * clears a 512-byte buffer one byte at a time before formatting its numbers into it. The
 * operators drawn most (text, fill and stroke colours, fonts, lines, rectangles) are
 * written here with libharu's own writers (HPDF_FToA, HPDF_Stream_WriteEscapeName) into a
 * small buffer, leaving the page's state as the libharu call would; where that call would
 * refuse, or in a state not known here, they write nothing and return false, and the
 * caller calls libharu.
 *
 * Text was drawn with HPDF_Page_TextOut, which costs more again: its Tj measures the text
 * again (HPDF_Page_TextWidth, a glyph lookup a character) to advance a text position
 * nothing reads, and allocates the text's encoding. dop_text writes the same Td, moves the
 * text matrix as HPDF_Page_MoveTextPos does and advances the text position by the width
 * the caller measured, and writes the text as a literal string, not libharu's hex one
 * (twice the bytes: a quarter of a page's content, and of the time to deflate it). Only
 * for the state reportgen draws straight text in: inside a text object, a composite font,
 * horizontal writing and an unscaled, unrotated text matrix (turned text goes through
 * libharu). */
#include <hpdf_consts.h>
#include <hpdf_font.h>
#include <hpdf_gstate.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>

#include "draw_ops.h"
#include "utf8.h"

/* Characters written by one call to HPDF_Stream_Write. */
#define DOP_CHUNK 256

/* One byte of a literal string: the backslash and parentheses escaped, and a carriage
 * return, which a reader would take for a line end (PDF 32000-1:2008, 7.3.4.2); every
 * other byte, NUL included, as it is. */
static char *dop_byte(char *q, unsigned char b)
{
	if (b == '\\' || b == '(' || b == ')' || b == '\r') {
		*q++ = '\\';
		*q++ = b == '\r' ? 'r' : (char)b;
	} else {
		*q++ = (char)b;
	}
	return q;
}

/* Writes the n numbers of v, each followed by a space, then op and a line feed: what
 * libharu's operators write. False when the stream failed (libharu's error is set). */
static bool dop_write(HPDF_PageAttr attr, const HPDF_REAL *v, int n, const char *op)
{
	char buf[128], *p = buf, *end = buf + sizeof(buf) - 1;
	for (int i = 0; i < n; i++) {
		p = HPDF_FToA(p, v[i], end);
		*p++ = ' ';
	}
	HPDF_StrCpy(p, op, end);
	return HPDF_Stream_WriteStr(attr->stream, buf) == HPDF_OK;
}

bool dop_text(HPDF_Page page, float x, float y, const char *text, size_t len, float tw)
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
	if (!dop_write(attr, (const HPDF_REAL[]){rx, ry}, 2, "Td\012"))
		return true; /* libharu's error is set: the document fails */
	tm->x += rx * tm->a + ry * tm->c;
	tm->y += ry * tm->d + rx * tm->b;
	attr->text_pos.x = tm->x;
	attr->text_pos.y = tm->y;
	if (tw == 0 || len == 0)
		return true;
	/* the UCS-2BE of each character (what libharu's UTF-8 encoder makes of it) as a
	 * literal string: half the bytes of libharu's hex string, to write and to deflate */
	char lit[4 * DOP_CHUNK + 8], *q = lit;
	*q++ = '(';
	for (size_t i = 0, k; i < len; i += k) {
		uint32_t cp = utf8_next(text + i, len - i, &k);
		if (cp > 0xFFFF) /* what libharu's UTF-8 encoder writes for it */
			cp = ' ';
		q = dop_byte(q, (unsigned char)(cp >> 8));
		q = dop_byte(q, (unsigned char)(cp & 0xFF));
		if (q - lit >= 4 * DOP_CHUNK || i + k >= len) {
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

static HPDF_PageAttr dop_attr(HPDF_Page page, HPDF_UINT16 modes)
{
	HPDF_PageAttr attr = page != NULL ? (HPDF_PageAttr)page->attr : NULL;
	return attr != NULL && attr->gstate != NULL && (attr->gmode & modes) != 0 ? attr : NULL;
}

static bool dop_unit(HPDF_REAL v)
{
	return v >= 0 && v <= 1;
}

bool dop_rgb(HPDF_Page page, bool stroke, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b)
{
	HPDF_PageAttr attr = dop_attr(page, HPDF_GMODE_TEXT_OBJECT | HPDF_GMODE_PAGE_DESCRIPTION);
	if (attr == NULL || !dop_unit(r) || !dop_unit(g) || !dop_unit(b))
		return false;
	const HPDF_REAL v[] = {r, g, b};
	if (dop_write(attr, v, 3, stroke ? "RG\012" : "rg\012")) {
		HPDF_RGBColor *c = stroke ? &attr->gstate->rgb_stroke : &attr->gstate->rgb_fill;
		c->r = r;
		c->g = g;
		c->b = b;
		*(stroke ? &attr->gstate->cs_stroke : &attr->gstate->cs_fill) = HPDF_CS_DEVICE_RGB;
	}
	return true;
}

/* What m and re leave: a path begun at (x, y). */
static void dop_path_start(HPDF_PageAttr attr, HPDF_REAL x, HPDF_REAL y)
{
	attr->cur_pos.x = x;
	attr->cur_pos.y = y;
	attr->str_pos = attr->cur_pos;
	attr->gmode = HPDF_GMODE_PATH_OBJECT;
}

bool dop_move_to(HPDF_Page page, HPDF_REAL x, HPDF_REAL y)
{
	HPDF_PageAttr attr = dop_attr(page, HPDF_GMODE_PAGE_DESCRIPTION | HPDF_GMODE_PATH_OBJECT);
	if (attr == NULL)
		return false;
	const HPDF_REAL v[] = {x, y};
	if (dop_write(attr, v, 2, "m\012"))
		dop_path_start(attr, x, y);
	return true;
}

bool dop_line_to(HPDF_Page page, HPDF_REAL x, HPDF_REAL y)
{
	HPDF_PageAttr attr = dop_attr(page, HPDF_GMODE_PATH_OBJECT);
	if (attr == NULL)
		return false;
	const HPDF_REAL v[] = {x, y};
	if (dop_write(attr, v, 2, "l\012")) {
		attr->cur_pos.x = x;
		attr->cur_pos.y = y;
	}
	return true;
}

bool dop_rectangle(HPDF_Page page, HPDF_REAL x, HPDF_REAL y, HPDF_REAL w, HPDF_REAL h)
{
	HPDF_PageAttr attr = dop_attr(page, HPDF_GMODE_PAGE_DESCRIPTION | HPDF_GMODE_PATH_OBJECT);
	if (attr == NULL)
		return false;
	const HPDF_REAL v[] = {x, y, w, h};
	if (dop_write(attr, v, 4, "re\012"))
		dop_path_start(attr, x, y);
	return true;
}

bool dop_font(HPDF_Page page, HPDF_Font font, HPDF_REAL size)
{
	HPDF_PageAttr attr = dop_attr(page, HPDF_GMODE_PAGE_DESCRIPTION | HPDF_GMODE_TEXT_OBJECT);
	if (attr == NULL || !HPDF_Font_Validate(font) || !(size > 0 && size <= HPDF_MAX_FONTSIZE) ||
	    page->mmgr != font->mmgr)
		return false;
	const char *local = HPDF_Page_GetLocalFontName(page, font);
	if (local == NULL)
		return false;
	if (HPDF_Stream_WriteEscapeName(attr->stream, local) != HPDF_OK)
		return true;
	char buf[64], *p = buf, *end = buf + sizeof(buf) - 1;
	*p++ = ' ';
	p = HPDF_FToA(p, size, end);
	HPDF_StrCpy(p, " Tf\012", end);
	if (HPDF_Stream_WriteStr(attr->stream, buf) == HPDF_OK) {
		attr->gstate->font = font;
		attr->gstate->font_size = size;
		attr->gstate->writing_mode = ((HPDF_FontAttr)font->attr)->writing_mode;
	}
	return true;
}
