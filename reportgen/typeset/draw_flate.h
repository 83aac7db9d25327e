/* draw_flate.h: a finished page's content stream deflated at once (draw_flate.c). */
#ifndef RG_DRAW_FLATE_H
#define RG_DRAW_FLATE_H

#include <stdbool.h>

#include <hpdf.h>

/* Deflates the content stream of a page that will not be drawn on again, as libharu would
 * at save, so that it is held compressed until then. False (the page untouched, deflated at
 * save as before) when the page is not in the shape this libharu build is known to have. */
bool dflate_page(HPDF_Page);

#endif
