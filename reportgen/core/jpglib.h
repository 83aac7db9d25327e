/* jpglib.h: libjpeg, loaded the first time a JPEG image is read (jpglib.c); most incidents
 * have none. Callers call jpglib_need() first, then rg_jpg.jpeg_read_header(...). */
#ifndef RG_JPGLIB_H
#define RG_JPGLIB_H

#include <stdio.h> /* jpeglib.h needs FILE */

#include <jpeglib.h>

/* Every libjpeg function reportgen calls (jpeg_create_decompress is a macro for the
 * second). */
#define JPGLIB_FUNCTIONS(X)        \
	X(jpeg_std_error)          \
	X(jpeg_CreateDecompress)   \
	X(jpeg_destroy_decompress) \
	X(jpeg_stdio_src)          \
	X(jpeg_save_markers)       \
	X(jpeg_read_header)        \
	X(jpeg_start_decompress)   \
	X(jpeg_read_scanlines)     \
	X(jpeg_finish_decompress)

struct jpglib {
#define JPGLIB_MEMBER(f) __typeof__(f) *f;
	JPGLIB_FUNCTIONS(JPGLIB_MEMBER)
#undef JPGLIB_MEMBER
};

/* Filled by jpglib_need(); read only after it. */
extern struct jpglib rg_jpg;

/* Loads libjpeg (once; safe from any thread), or says why not and exits 3. */
void jpglib_need(void);

/* jpeg_create_decompress(c), through rg_jpg. */
#define JPGLIB_CREATE_DECOMPRESS(c) \
	rg_jpg.jpeg_CreateDecompress((c), JPEG_LIB_VERSION, sizeof(struct jpeg_decompress_struct))

#endif
