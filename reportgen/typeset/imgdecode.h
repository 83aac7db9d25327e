/* imgdecode.h: PNG and JPEG images decoded to 8-bit pixels under the caps of imghdr.h,
 * reduced to the pixels their printed size needs and turned upright. */
#ifndef RG_IMGDECODE_H
#define RG_IMGDECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "imghdr.h"

#define IMGDEC_DPI 300 /* pixels an inch an image keeps at its printed size */

struct imgdec_pixels {
	uint32_t w, h;        /* as displayed */
	int comps;            /* 1 gray, 3 RGB, 4 CMYK */
	bool adobe_cmyk;      /* CMYK stored inverted (Adobe): drawn through /Decode [1 0 ...] */
	bool unchanged;       /* a JPEG neither reduced nor turned: its file can be embedded */
	unsigned char *px;    /* w * h * comps, top row first */
	unsigned char *alpha; /* w * h, or NULL when every pixel is opaque */
};

/* Decodes the image at path and reduces it (box filter, deterministic) to fit maxw x maxh
 * display pixels, keeping its aspect; 0 means no bound. Returns true, or false with the
 * decoder's reason in why. */
bool imgdec_load(const char *path, uint32_t maxw, uint32_t maxh, struct imgdec_pixels *out,
                 char *why, size_t whylen);
/* The same from an open stream, read from its start. */
bool imgdec_load_stream(FILE *fp, uint32_t maxw, uint32_t maxh, struct imgdec_pixels *out,
                        char *why, size_t whylen);
void imgdec_free(struct imgdec_pixels *);

#endif
