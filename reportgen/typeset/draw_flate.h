/* draw_flate.h: the PDF's streams deflated with libdeflate (draw_flate.c): each finished
 * page at once, the rest when libharu saves. */
#ifndef RG_DRAW_FLATE_H
#define RG_DRAW_FLATE_H

#include <stdbool.h>

#include <hpdf.h>
#include <hpdf_encrypt.h>
#include <hpdf_streams.h>

/* A document's deflater: one zlib stream, reused page after page. */
struct dflate;
struct dflate *dflate_new(void);
void dflate_free(struct dflate *);

/* Deflates the content stream of a page that will not be drawn on again, as libharu would
 * at save, so that it is held compressed until then. False (the page untouched, deflated at
 * save as before) when the page is not in the shape this libharu build is known to have. */
bool dflate_page(struct dflate *, HPDF_Page);

/* Between these, libharu's deflating of the other streams (fonts, maps, images) at save is
 * done by this document's deflater. */
void dflate_save_begin(struct dflate *);
void dflate_save_end(void);

/* libharu 2.3.0's (hpdf_streams.c; not in its installed headers), which draw_flate.c
 * defines for it: src's bytes deflated into dst, encrypted by e when not NULL. */
HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src, HPDF_Stream dst, HPDF_Encrypt e);

#endif
