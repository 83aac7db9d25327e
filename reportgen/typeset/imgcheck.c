/* imgcheck.c: decodes PNG (libpng) and JPEG (libjpeg) images once before libharu embeds them:
 * libharu 2.3.0 lets libpng abort the process on a corrupt PNG and embeds broken JPEGs. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include <jpeglib.h>
#include <png.h>

#include "layout_int.h"

#define IMG_MAX_SIDE 30000u /* pixels; larger images are refused */

static void img_png_error(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void img_png_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static bool img_png(FILE *fp)
{
	png_structp png =
	        png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, img_png_error, img_png_warning);
	png_infop info = png != NULL ? png_create_info_struct(png) : NULL;
	unsigned char *volatile row = NULL;
	volatile bool ok = false;
	if (png != NULL && info != NULL && setjmp(png_jmpbuf(png)) == 0) {
		png_init_io(png, fp);
		png_read_info(png, info);
		png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
		if (w > 0 && h > 0 && w <= IMG_MAX_SIDE && h <= IMG_MAX_SIDE) {
			int passes = png_set_interlace_handling(png);
			png_read_update_info(png, info);
			row = rg_xmalloc(png_get_rowbytes(png, info));
			for (int p = 0; p < passes; p++)
				for (png_uint_32 y = 0; y < h; y++)
					png_read_row(png, row, NULL);
			png_read_end(png, NULL);
			ok = true;
		}
	}
	png_destroy_read_struct(png != NULL ? &png : NULL, info != NULL ? &info : NULL, NULL);
	free(row);
	return ok;
}

struct img_jerr {
	struct jpeg_error_mgr mgr;
	jmp_buf jb;
};

static void img_jpeg_exit(j_common_ptr cinfo)
{
	longjmp(((struct img_jerr *)cinfo->err)->jb, 1);
}

static void img_jpeg_message(j_common_ptr cinfo)
{
	(void)cinfo;
}

static bool img_jpeg(FILE *fp)
{
	struct jpeg_decompress_struct cinfo;
	struct img_jerr err;
	JSAMPARRAY volatile rows = NULL;
	volatile bool ok = false;
	cinfo.err = jpeg_std_error(&err.mgr);
	err.mgr.error_exit = img_jpeg_exit;
	err.mgr.output_message = img_jpeg_message;
	if (setjmp(err.jb) == 0) {
		jpeg_create_decompress(&cinfo);
		jpeg_stdio_src(&cinfo, fp);
		jpeg_read_header(&cinfo, TRUE);
		if (cinfo.image_width <= IMG_MAX_SIDE && cinfo.image_height <= IMG_MAX_SIDE) {
			jpeg_start_decompress(&cinfo);
			rows = (*cinfo.mem->alloc_sarray)(
			        (j_common_ptr)&cinfo, JPOOL_IMAGE,
			        cinfo.output_width * cinfo.output_components, 1);
			while (cinfo.output_scanline < cinfo.output_height)
				jpeg_read_scanlines(&cinfo, rows, 1);
			jpeg_finish_decompress(&cinfo);
			ok = true;
		}
	}
	jpeg_destroy_decompress(&cinfo);
	return ok;
}

bool lay_image_decodes(const char *path, bool jpeg)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return false;
	bool ok = jpeg ? img_jpeg(fp) : img_png(fp);
	fclose(fp);
	return ok;
}
