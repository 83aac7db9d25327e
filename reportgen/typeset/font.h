/* font.h: per-document font subsets loaded into libharu, glyph widths and replacement of
 * characters the fonts lack (font.c). */
#ifndef RG_FONT_H
#define RG_FONT_H

#include <hpdf.h>

#include "layout.h"

struct lay_fonts;

/* Collects the code points of the flow and the page furniture, subsets each face the flow
 * uses with HarfBuzz and loads it into pdf with the UTF-8 encoder. Warns once per character
 * that no font can draw (RG_W_MISSING_GLYPH). `pad` (0 normally) adds that many spare
 * glyphs to every subset, which changes the embedded font sizes (see lay_typeset).
 * Returns NULL after an RG_F_* diagnostic. */
struct lay_fonts *lay_fonts_load(HPDF_Doc, const struct lay_flow *, const struct lay_page_spec *,
                                 unsigned pad, struct rg_diags *, const char *file);
void lay_fonts_free(struct lay_fonts *);
HPDF_Font lay_fonts_get(const struct lay_fonts *, enum lay_font);
/* The code point actually drawn for cp in font f: cp, or U+FFFD when f lacks it. */
uint32_t lay_fonts_map(const struct lay_fonts *, enum lay_font, uint32_t cp);
/* The font that draws cp for text set in f: f when it has cp, else the regular face when
 * that has it, else f (which draws U+FFFD). */
enum lay_font lay_fonts_fallback(const struct lay_fonts *, enum lay_font f, uint32_t cp);
/* Ascent, descent (positive) and line gap of the face that draws f, in em (lay_metrics). */
void lay_fonts_vmetrics(const struct lay_fonts *, enum lay_font f, double *ascent, double *descent,
                        double *gap);
/* lay_metrics width callback; ctx is a struct lay_fonts. */
double lay_fonts_width(void *ctx, enum lay_font, uint32_t cp);
/* Before saving: makes libharu embed every part of composite glyphs (fixed after 2.3.0). */
void lay_fonts_close_composites(struct lay_fonts *, HPDF_Doc);

#endif
