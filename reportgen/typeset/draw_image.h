/* draw_image.h: the images of one PDF: sized for layout from their headers, then decoded
 * once at the largest size they are printed and embedded with libharu. */
#ifndef RG_DRAW_IMAGE_H
#define RG_DRAW_IMAGE_H

#include <hpdf.h>

#include "layout.h"

struct dimg_set;

struct dimg_set *dimg_new(HPDF_Doc pdf);
void dimg_free(struct dimg_set *);

/* Pixel size of the image as displayed, from its header (layout metrics); false when it
 * cannot be read or is over a cap, which dimg_report then tells. */
bool dimg_size(struct dimg_set *, const char *path, double *w, double *h);

/* Decodes and embeds every image the pages draw, each reduced to IMGDEC_DPI at the largest
 * size it is drawn. Returns false when one failed (dimg_report tells). */
bool dimg_embed(struct dimg_set *, const struct lay_result *);
/* The same in two steps, for pages laid out one at a time: dimg_note takes the sizes a page
 * draws its images at, dimg_embed_noted then embeds what was noted. */
void dimg_note(struct dimg_set *, const struct lay_page *);
bool dimg_embed_noted(struct dimg_set *);

/* The embedded image of path, or NULL. */
HPDF_Image dimg_get(struct dimg_set *, const char *path);

/* Adds a diagnostic for every image that failed, at its origin in the flow or the page spec
 * (else at file). Returns how many. */
size_t dimg_report(struct dimg_set *, const struct lay_flow *, const struct lay_page_spec *,
                   struct rg_diags *, const char *file);

#endif
