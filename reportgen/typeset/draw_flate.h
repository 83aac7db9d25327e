/* draw_flate.h: a finished page's content stream deflated at once (draw_flate.c). */
#ifndef RG_DRAW_FLATE_H
#define RG_DRAW_FLATE_H

#include <stdbool.h>

#include <hpdf.h>

/* A document's deflater: one zlib stream, reused page after page. */
struct dflate;
struct dflate *dflate_new(void);
void dflate_free(struct dflate *);

/* Deflates the content stream of a page that will not be drawn on again, as libharu would
 * at save, so that it is held compressed until then. False (the page untouched, deflated at
 * save as before) when the page is not in the shape this libharu build is known to have. */
bool dflate_page(struct dflate *, HPDF_Page);

#endif
