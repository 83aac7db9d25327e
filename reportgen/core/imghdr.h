/* imghdr.h: what a PNG or JPEG file's header says, and the caps every image is held to. The
 * validator and the template reader check headers with it (fast: no pixel is decoded); the
 * typesetter decodes under the same caps. docs/incident-format.md lists the numbers. */
#ifndef RG_IMGHDR_H
#define RG_IMGHDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define IMG_MAX_SIDE 32768u              /* pixels, width or height */
#define IMG_MAX_PIXELS 67108864u         /* width x height of one image (64 Mi) */
#define IMG_MAX_DOC_PIXELS 268435456u    /* all distinct images of one document (256 Mi) */
#define IMG_MAX_CHUNK (8u << 20)         /* bytes of one PNG ancillary chunk, once inflated */
#define IMG_MAX_JPEG_MEMORY (768u << 20) /* bytes libjpeg may allocate for one image */
#define IMG_MAX_JPEG_SCANS 1000          /* scans of a progressive JPEG */

enum img_kind { IMG_UNKNOWN, IMG_PNG, IMG_JPEG };

struct img_info {
	enum img_kind kind;
	uint32_t width, height; /* as stored */
	int orientation;        /* EXIF orientation 1..8 (JPEG), 1 when absent */
	int components;         /* JPEG: 1, 3 or 4; PNG: channels before any transform */
	bool interlaced;        /* PNG Adam7 */
};

/* The kind a file's first bytes announce (IMG_UNKNOWN for neither). */
enum img_kind img_sniff(const unsigned char *head, size_t n);

/* Reads the header of the image at path, then holds it to the caps. Returns true, or false
 * with a reason in why: the decoder's message ("truncated", "IHDR: CRC error"), or the
 * numbers and the cap the image is over. */
bool img_probe(const char *path, struct img_info *info, char *why, size_t whylen);
/* The same from an open stream, read from its start (the fuzz target's way in). */
bool img_probe_stream(FILE *fp, struct img_info *info, char *why, size_t whylen);

/* Width and height as displayed: swapped for the EXIF orientations 5 to 8. */
uint32_t img_display_width(const struct img_info *);
uint32_t img_display_height(const struct img_info *);

/* Parses the EXIF orientation out of an APP1 payload ("Exif\0\0" and a TIFF header);
 * 1 when absent or out of range. */
int img_exif_orientation(const unsigned char *app1, size_t n);

#endif
