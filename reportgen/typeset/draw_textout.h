/* draw_textout.h: HPDF_Page_TextOut's bytes without its per-call costs (draw_textout.c). */
#ifndef RG_DRAW_TEXTOUT_H
#define RG_DRAW_TEXTOUT_H

#include <stdbool.h>
#include <stddef.h>

#include <hpdf.h>

/* Writes what HPDF_Page_TextOut(page, x, y, text) writes for the len bytes of UTF-8 `text`
 * (codes of a composite font, all below U+10000) and updates the page's text state as it
 * does; `tw` is the text's width, as the caller measured it: for 0, libharu writes the move
 * but no Tj.
 * False, with nothing written, when the page is not in the state this applies to (then
 * call libharu). */
bool dtext_out(HPDF_Page page, float x, float y, const char *text, size_t len, float tw);

#endif
