/* draw_ops.h: HPDF_Page_TextOut's bytes without its per-call costs (draw_ops.c). */
#ifndef RG_DRAW_OPS_H
#define RG_DRAW_OPS_H

#include <stdbool.h>
#include <stddef.h>

#include <hpdf.h>

/* Writes what HPDF_Page_TextOut(page, x, y, text) writes for the len bytes of UTF-8 `text`
 * (codes of a composite font, all below U+10000) and updates the page's text state as it
 * does; `tw` is the text's width, as the caller measured it: for 0, libharu writes the move
 * but no Tj.
 * False, with nothing written, when the page is not in the state this applies to (then
 * call libharu). */
bool dop_text(HPDF_Page page, float x, float y, const char *text, size_t len, float tw);

/* HPDF_Page_SetRGBFill, or with `stroke` HPDF_Page_SetRGBStroke. */
bool dop_rgb(HPDF_Page, bool stroke, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b);
/* HPDF_Page_MoveTo, HPDF_Page_LineTo, HPDF_Page_Rectangle. */
bool dop_move_to(HPDF_Page, HPDF_REAL x, HPDF_REAL y);
bool dop_line_to(HPDF_Page, HPDF_REAL x, HPDF_REAL y);
bool dop_rectangle(HPDF_Page, HPDF_REAL x, HPDF_REAL y, HPDF_REAL w, HPDF_REAL h);
/* HPDF_Page_SetFontAndSize. */
bool dop_font(HPDF_Page, HPDF_Font, HPDF_REAL size);

#endif
