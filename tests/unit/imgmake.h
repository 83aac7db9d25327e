/* imgmake.h: test images written with libpng and libjpeg: every PNG colour type and bit depth,
 * Adam7, palettes with and without tRNS, JPEG baseline, progressive, grayscale, CMYK (plain
 * and Adobe's inverted), EXIF orientations, and headers declaring huge sizes. Each image shows
 * four quadrants, upright: top left, top right, bottom left, bottom right (im_quad). */
#ifndef RG_IMGMAKE_H
#define RG_IMGMAKE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

/* Colours of the quadrants (RGB), by colour model. */
static const uint8_t im_rgb[4][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}};
static const uint8_t im_gray[4] = {0, 85, 170, 255};
static const uint8_t im_cmyk[4][4] = {
        {255, 0, 0, 0}, {0, 255, 0, 0}, {0, 0, 255, 0}, {0, 0, 0, 255}}; /* C, M, Y, K */

/* The quadrant (0..3) of display pixel (x, y) of a w x h image. */
static inline int im_quad(uint32_t x, uint32_t y, uint32_t w, uint32_t h)
{
	return (y >= h / 2) * 2 + (x >= w / 2);
}

/* ---- PNG ---- */

struct im_png {
	uint32_t w, h;
	int color_type; /* PNG_COLOR_TYPE_* */
	int depth;      /* 1, 2, 4, 8, 16 */
	bool interlace;
	bool trns;       /* palette: quadrant 3 transparent; gray/RGB: a tRNS colour key */
	bool alpha_hole; /* with alpha: quadrant 3 fully transparent */
};

/* Sample value of channel c (0 = first) of quadrant q at the image's depth. */
static inline uint32_t im_png_sample(const struct im_png *s, int q, int c)
{
	uint32_t max = (1u << s->depth) - 1;
	switch (s->color_type) {
	case PNG_COLOR_TYPE_PALETTE:
		return (uint32_t)q;
	case PNG_COLOR_TYPE_GRAY:
	case PNG_COLOR_TYPE_GRAY_ALPHA:
		if (c == 1)
			return q == 3 && s->alpha_hole ? 0 : max;
		if (s->depth == 1)
			return q == 0 || q == 3 ? 0 : 1; /* black, white, white, black */
		return (uint32_t)im_gray[q] * max / 255;
	default:
		if (c == 3)
			return q == 3 && s->alpha_hole ? 0 : max;
		return (uint32_t)im_rgb[q][c] * max / 255;
	}
}

static inline bool im_write_png(const char *path, const struct im_png *s)
{
	FILE *fp = fopen(path, "wb");
	if (fp == NULL)
		return false;
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		fclose(fp);
		return false;
	}
	png_init_io(png, fp);
	png_set_compression_level(png, 1);
	png_set_IHDR(png, info, s->w, s->h, s->depth, s->color_type,
	             s->interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (s->color_type == PNG_COLOR_TYPE_PALETTE) {
		png_color pal[4];
		for (int q = 0; q < 4; q++)
			pal[q] = (png_color){im_rgb[q][0], im_rgb[q][1], im_rgb[q][2]};
		png_set_PLTE(png, info, pal, 4);
		if (s->trns) {
			png_byte t[4] = {255, 255, 255, 0};
			png_set_tRNS(png, info, t, 4, NULL);
		}
	}
	png_write_info(png, info);
	int ch = png_get_channels(png, info);
	size_t rb = png_get_rowbytes(png, info);
	png_bytep row = calloc(1, rb);
	int passes = png_set_interlace_handling(png);
	for (int p = 0; p < passes; p++)
		for (uint32_t y = 0; y < s->h; y++) {
			memset(row, 0, rb);
			for (uint32_t x = 0; x < s->w; x++)
				for (int c = 0; c < ch; c++) {
					uint32_t v = im_png_sample(s, im_quad(x, y, s->w, s->h), c);
					size_t bit = ((size_t)x * ch + c) * s->depth;
					if (s->depth == 16) {
						row[bit / 8] = (png_byte)(v >> 8);
						row[bit / 8 + 1] = (png_byte)v;
					} else {
						row[bit / 8] |=
						        (png_byte)(v << (8 - s->depth - bit % 8));
					}
				}
			png_write_row(png, row);
		}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	free(row);
	return fclose(fp) == 0;
}

/* ---- JPEG ---- */

enum im_jpeg_kind { IM_JPEG_RGB, IM_JPEG_GRAY, IM_JPEG_CMYK, IM_JPEG_CMYK_ADOBE };

struct im_jpeg {
	uint32_t w, h; /* as displayed */
	enum im_jpeg_kind kind;
	bool progressive;
	int orientation; /* EXIF 1..8 (0: no EXIF) */
};

/* Where display pixel (x, y) of a W x H image is stored for an EXIF orientation: the stored
 * image is the displayed one put through the inverse of the turn the orientation asks. */
static inline void im_stored_at(int o, uint32_t x, uint32_t y, uint32_t W, uint32_t H, uint32_t *sx,
                                uint32_t *sy)
{
	switch (o) {
	case 2: /* mirrored */
		*sx = W - 1 - x, *sy = y;
		break;
	case 3: /* upside down */
		*sx = W - 1 - x, *sy = H - 1 - y;
		break;
	case 4: /* flipped */
		*sx = x, *sy = H - 1 - y;
		break;
	case 5: /* transposed: stored column x is display row x */
		*sx = y, *sy = x;
		break;
	case 6: /* display = stored turned 90 degrees clockwise */
		*sx = y, *sy = W - 1 - x;
		break;
	case 7: /* transverse */
		*sx = H - 1 - y, *sy = W - 1 - x;
		break;
	case 8: /* display = stored turned 90 degrees anticlockwise */
		*sx = H - 1 - y, *sy = x;
		break;
	default:
		*sx = x, *sy = y;
		break;
	}
}

static inline void im_exif(j_compress_ptr c, int o)
{
	unsigned char e[] = {'E', 'x', 'i', 'f',  0,    0, 'M', 'M', 0, 42, 0, 0, 0,
	                     8,   0,   1,   0x01, 0x12, 0, 3,   0,   0, 0,  1, 0, (unsigned char)o,
	                     0,   0,   0,   0,    0,    0};
	jpeg_write_marker(c, JPEG_APP0 + 1, e, sizeof(e));
}

/* Writes the JPEG to memory (malloc'd, *len bytes) or NULL. */
static inline unsigned char *im_jpeg_mem(const struct im_jpeg *s, unsigned long *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	unsigned char *buf = NULL;
	*len = 0;
	bool swap = s->orientation >= 5;
	uint32_t sw = swap ? s->h : s->w, sh = swap ? s->w : s->h;
	int comps = s->kind == IM_JPEG_GRAY ? 1 : s->kind == IM_JPEG_RGB ? 3 : 4;
	unsigned char *img = calloc((size_t)sw * sh, comps);
	for (uint32_t y = 0; y < s->h; y++)
		for (uint32_t x = 0; x < s->w; x++) {
			uint32_t sx, sy;
			im_stored_at(s->orientation, x, y, s->w, s->h, &sx, &sy);
			int q = im_quad(x, y, s->w, s->h);
			unsigned char *p = img + ((size_t)sy * sw + sx) * comps;
			for (int k = 0; k < comps; k++)
				p[k] = comps == 1   ? im_gray[q]
				       : comps == 3 ? im_rgb[q][k]
				       : s->kind == IM_JPEG_CMYK_ADOBE
				               ? (unsigned char)(255 - im_cmyk[q][k])
				               : im_cmyk[q][k];
		}
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &buf, len);
	c.image_width = sw;
	c.image_height = sh;
	c.input_components = comps;
	c.in_color_space = comps == 1 ? JCS_GRAYSCALE : comps == 3 ? JCS_RGB : JCS_CMYK;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 95, TRUE);
	if (s->kind == IM_JPEG_CMYK)
		c.write_Adobe_marker = FALSE;
	if (s->progressive)
		jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	if (s->orientation > 0)
		im_exif(&c, s->orientation);
	while (c.next_scanline < sh) {
		JSAMPROW row = img + (size_t)c.next_scanline * sw * comps;
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(img);
	return buf;
}

static inline bool im_spit(const char *path, const void *p, size_t n)
{
	FILE *fp = fopen(path, "wb");
	if (fp == NULL)
		return false;
	bool ok = fwrite(p, 1, n, fp) == n;
	return fclose(fp) == 0 && ok;
}

static inline bool im_write_jpeg(const char *path, const struct im_jpeg *s)
{
	unsigned long len;
	unsigned char *buf = im_jpeg_mem(s, &len);
	bool ok = buf != NULL && im_spit(path, buf, len);
	free(buf);
	return ok;
}

/* ---- Bombs: small files whose headers declare w x h ---- */

static inline uint32_t im_crc(const unsigned char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xFFFFFFFFu;
}

static inline void im_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* A valid 16 x 16 RGB PNG whose IHDR (CRC fixed) then says w x h. */
static inline bool im_png_bomb(const char *path, uint32_t w, uint32_t h)
{
	struct im_png s = {16, 16, PNG_COLOR_TYPE_RGB, 8, false, false, false};
	if (!im_write_png(path, &s))
		return false;
	FILE *fp = fopen(path, "rb");
	unsigned char buf[65536];
	size_t n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	/* signature (8), length (4), "IHDR" at 12, width at 16, height at 20, CRC at 29 */
	im_be32(buf + 16, w);
	im_be32(buf + 20, h);
	im_be32(buf + 29, im_crc(buf + 12, 17));
	return im_spit(path, buf, n);
}

/* A valid 16 x 16 JPEG whose SOF then says w x h. */
static inline bool im_jpeg_bomb(const char *path, uint32_t w, uint32_t h, bool progressive)
{
	struct im_jpeg s = {16, 16, IM_JPEG_RGB, progressive, 0};
	unsigned long len;
	unsigned char *buf = im_jpeg_mem(&s, &len);
	for (unsigned long i = 2; i + 9 < len; i++)
		if (buf[i] == 0xFF && (buf[i + 1] == 0xC0 || buf[i + 1] == 0xC2)) {
			buf[i + 5] = (unsigned char)(h >> 8), buf[i + 6] = (unsigned char)h;
			buf[i + 7] = (unsigned char)(w >> 8), buf[i + 8] = (unsigned char)w;
			break;
		}
	bool ok = im_spit(path, buf, len);
	free(buf);
	return ok;
}

#endif
