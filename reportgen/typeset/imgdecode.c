/* imgdecode.c: PNG (libpng) and JPEG (libjpeg) decoded row by row into a box filter that
 * reduces them to the pixels their printed size needs, then turned as EXIF says. Every kind
 * ends as 8-bit gray, RGB or CMYK with an optional 8-bit alpha plane: libpng expands
 * palettes, low bit depths and tRNS, and scales 16-bit samples to 8. (libharu 2.3.0's own
 * PNG loader declares /BitsPerComponent 16 from the header but writes the samples stripped
 * to 8 bits: the stream holds half the bytes declared, so a 16-bit image showed in its top
 * half, two squeezed copies side by side.) */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <png.h>

#include "jpglib.h"
#include "reportgen.h"
#include "imgdecode.h"

/* ---- The reducing sink: source rows in, destination rows out ---- */

struct sink {
	uint32_t sw, sh, dw, dh;
	int ch;             /* interleaved channels, alpha last when present */
	uint32_t *colmap;   /* source column -> destination column */
	uint32_t *colcnt;   /* source columns per destination column */
	uint64_t *acc;      /* dw * ch sums of the destination row being filled */
	uint32_t rows;      /* source rows summed into acc */
	uint32_t sy, dy;    /* next source row, destination row being filled */
	unsigned char *out; /* dw * dh * ch */
};

static void sink_init(struct sink *s, uint32_t sw, uint32_t sh, uint32_t dw, uint32_t dh, int ch)
{
	memset(s, 0, sizeof(*s));
	s->sw = sw, s->sh = sh, s->dw = dw, s->dh = dh, s->ch = ch;
	s->colmap = rg_xmalloc(sw * sizeof(*s->colmap));
	s->colcnt = rg_xcalloc(dw, sizeof(*s->colcnt));
	for (uint32_t x = 0; x < sw; x++) {
		s->colmap[x] = (uint32_t)((uint64_t)x * dw / sw);
		s->colcnt[s->colmap[x]]++;
	}
	s->acc = rg_xcalloc((size_t)dw * ch, sizeof(*s->acc));
	s->out = rg_xmalloc((size_t)dw * dh * ch);
}

static void sink_flush(struct sink *s)
{
	unsigned char *o = s->out + (size_t)s->dy * s->dw * s->ch;
	for (uint32_t x = 0; x < s->dw; x++) {
		uint64_t n = (uint64_t)s->colcnt[x] * s->rows;
		for (int c = 0; c < s->ch; c++) {
			size_t i = (size_t)x * s->ch + c;
			o[i] = (unsigned char)((s->acc[i] + n / 2) / n);
		}
	}
	memset(s->acc, 0, (size_t)s->dw * s->ch * sizeof(*s->acc));
	s->rows = 0;
	s->dy++;
}

static void sink_row(struct sink *s, const unsigned char *row)
{
	if (s->sy >= s->sh)
		return;
	if (s->dw == s->sw && s->dh == s->sh) { /* no reduction: copy */
		memcpy(s->out + (size_t)s->sy * s->sw * s->ch, row, (size_t)s->sw * s->ch);
		s->sy++;
		return;
	}
	for (uint32_t x = 0; x < s->sw; x++) {
		uint64_t *a = s->acc + (size_t)s->colmap[x] * s->ch;
		for (int c = 0; c < s->ch; c++)
			a[c] += row[(size_t)x * s->ch + c];
	}
	s->rows++;
	s->sy++;
	uint32_t next = s->sy < s->sh ? (uint32_t)((uint64_t)s->sy * s->dh / s->sh) : s->dh;
	if (next != s->dy)
		sink_flush(s);
}

static void sink_free(struct sink *s)
{
	free(s->colmap);
	free(s->colcnt);
	free(s->acc);
	free(s->out);
	s->colmap = NULL, s->colcnt = NULL, s->acc = NULL, s->out = NULL;
}

/* The stored size to reduce sw x sh to, so that it fits mw x mh (0: unbounded). */
static void fit(uint32_t sw, uint32_t sh, uint32_t mw, uint32_t mh, uint32_t *dw, uint32_t *dh)
{
	double s = 1;
	if (mw > 0 && sw > mw)
		s = (double)sw / mw;
	if (mh > 0 && sh > mh && (double)sh / mh > s)
		s = (double)sh / mh;
	*dw = sw, *dh = sh;
	if (s > 1) {
		*dw = (uint32_t)((double)sw / s + 0.5);
		*dh = (uint32_t)((double)sh / s + 0.5);
		*dw = *dw < 1 ? 1 : *dw > sw ? sw : *dw;
		*dh = *dh < 1 ? 1 : *dh > sh ? sh : *dh;
	}
}

/* ---- Orientation and the split into colour and alpha ---- */

/* Splits the sink's interleaved pixels into out->px and out->alpha, turned upright. */
static void finish(struct sink *s, int comps, bool has_alpha, int orientation,
                   struct imgdec_pixels *out)
{
	uint32_t w = s->dw, h = s->dh;
	bool swap = orientation >= 5;
	out->w = swap ? h : w;
	out->h = swap ? w : h;
	out->comps = comps;
	out->px = rg_xmalloc((size_t)w * h * comps);
	out->alpha = has_alpha ? rg_xmalloc((size_t)w * h) : NULL;
	bool opaque = true;
	for (uint32_t y = 0; y < out->h; y++)
		for (uint32_t x = 0; x < out->w; x++) {
			uint32_t sx, sy;
			switch (orientation) {
			case 2:
				sx = w - 1 - x, sy = y;
				break;
			case 3:
				sx = w - 1 - x, sy = h - 1 - y;
				break;
			case 4:
				sx = x, sy = h - 1 - y;
				break;
			case 5:
				sx = y, sy = x;
				break;
			case 6:
				sx = y, sy = h - 1 - x;
				break;
			case 7:
				sx = w - 1 - y, sy = h - 1 - x;
				break;
			case 8:
				sx = w - 1 - y, sy = x;
				break;
			default:
				sx = x, sy = y;
				break;
			}
			const unsigned char *p = s->out + ((size_t)sy * w + sx) * s->ch;
			size_t d = (size_t)y * out->w + x;
			memcpy(out->px + d * comps, p, comps);
			if (has_alpha) {
				out->alpha[d] = p[comps];
				opaque &= p[comps] == 255;
			}
		}
	if (has_alpha && opaque) {
		free(out->alpha);
		out->alpha = NULL;
	}
}

/* ---- PNG ---- */

struct dpng {
	FILE *fp;
	char *why;
	size_t whylen;
};

static void dpng_error(png_structp png, png_const_charp msg)
{
	struct dpng *p = png_get_error_ptr(png);
	snprintf(p->why, p->whylen, "%s", msg);
	png_longjmp(png, 1);
}

static void dpng_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static void dpng_read(png_structp png, png_bytep data, size_t n)
{
	struct dpng *p = png_get_io_ptr(png);
	if (fread(data, 1, n, p->fp) != n)
		png_error(png, ferror(p->fp) ? "read error" : "truncated");
}

static bool dpng_load(FILE *fp, uint32_t mw, uint32_t mh, struct imgdec_pixels *out, char *why,
                      size_t whylen)
{
	struct dpng p = {fp, why, whylen};
	png_structp png =
	        png_create_read_struct(PNG_LIBPNG_VER_STRING, &p, dpng_error, dpng_warning);
	png_infop info = png != NULL ? png_create_info_struct(png) : NULL;
	struct sink s = {0};
	unsigned char *volatile row = NULL;
	unsigned char **volatile rows = NULL;
	volatile uint32_t nrows = 0;
	volatile bool ok = false;
	if (info == NULL) {
		snprintf(why, whylen, "out of memory");
	} else if (setjmp(png_jmpbuf(png)) == 0) {
		png_set_read_fn(png, &p, dpng_read);
		png_set_user_limits(png, IMG_MAX_SIDE, IMG_MAX_SIDE);
		png_set_chunk_malloc_max(png, IMG_MAX_CHUNK);
		png_read_info(png, info);
		uint32_t w = png_get_image_width(png, info), h = png_get_image_height(png, info);
		if ((uint64_t)w * h > IMG_MAX_PIXELS)
			png_error(png, "over the pixel cap");
		png_set_expand(png);   /* palette -> RGB, gray < 8 bits -> 8, tRNS -> alpha */
		png_set_scale_16(png); /* 16-bit samples -> 8 */
		int passes = png_set_interlace_handling(png);
		png_read_update_info(png, info);
		int ch = png_get_channels(png, info);
		bool alpha = ch == 2 || ch == 4;
		uint32_t dw, dh;
		fit(w, h, mw, mh, &dw, &dh);
		sink_init(&s, w, h, dw, dh, ch);
		size_t rb = png_get_rowbytes(png, info);
		if (passes > 1) { /* Adam7: the passes fill the whole image, then it is reduced */
			rows = rg_xcalloc(h, sizeof(*rows));
			for (; nrows < h; nrows++)
				rows[nrows] = rg_xcalloc(1, rb);
			for (int k = 0; k < passes; k++)
				for (uint32_t y = 0; y < h; y++)
					png_read_row(png, rows[y], NULL);
			for (uint32_t y = 0; y < h; y++)
				sink_row(&s, rows[y]);
		} else {
			row = rg_xmalloc(rb);
			for (uint32_t y = 0; y < h; y++) {
				png_read_row(png, row, NULL);
				sink_row(&s, row);
			}
		}
		png_read_end(png, NULL);
		finish(&s, alpha ? ch - 1 : ch, alpha, 1, out);
		ok = true;
	}
	png_destroy_read_struct(png != NULL ? &png : NULL, info != NULL ? &info : NULL, NULL);
	free(row);
	for (uint32_t y = 0; y < nrows; y++)
		free(rows[y]);
	free(rows);
	sink_free(&s);
	return ok;
}

/* ---- JPEG ---- */

struct djerr {
	struct jpeg_error_mgr mgr;
	struct jpeg_progress_mgr progress;
	jmp_buf jb;
	char *why;
	size_t whylen;
};

static void dj_exit(j_common_ptr cinfo)
{
	struct djerr *e = (struct djerr *)cinfo->err;
	char msg[JMSG_LENGTH_MAX];
	(*cinfo->err->format_message)(cinfo, msg);
	snprintf(e->why, e->whylen, "%s", msg);
	longjmp(e->jb, 1);
}

static void dj_emit(j_common_ptr cinfo, int level)
{
	struct djerr *e = (struct djerr *)cinfo->err;
	if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF) {
		snprintf(e->why, e->whylen, "truncated");
		longjmp(e->jb, 1);
	}
}

/* Bounds the work of a progressive JPEG: each scan passes over the whole image. */
static void dj_progress(j_common_ptr cinfo)
{
	struct djerr *e = (struct djerr *)cinfo->err;
	if (cinfo->is_decompressor &&
	    ((j_decompress_ptr)cinfo)->input_scan_number > IMG_MAX_JPEG_SCANS) {
		snprintf(e->why, e->whylen, "more than %d scans", IMG_MAX_JPEG_SCANS);
		longjmp(e->jb, 1);
	}
}

static bool dj_load(FILE *fp, uint32_t mw, uint32_t mh, struct imgdec_pixels *out, char *why,
                    size_t whylen)
{
	struct jpeg_decompress_struct cinfo;
	struct djerr err = {.why = why, .whylen = whylen};
	struct sink s = {0};
	volatile bool ok = false;
	jpglib_need();
	cinfo.err = rg_jpg.jpeg_std_error(&err.mgr);
	err.mgr.error_exit = dj_exit;
	err.mgr.emit_message = dj_emit;
	err.progress.progress_monitor = dj_progress;
	if (setjmp(err.jb) == 0) {
		JPGLIB_CREATE_DECOMPRESS(&cinfo);
		cinfo.mem->max_memory_to_use = IMG_MAX_JPEG_MEMORY;
		cinfo.progress = &err.progress;
		rg_jpg.jpeg_stdio_src(&cinfo, fp);
		rg_jpg.jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);
		rg_jpg.jpeg_read_header(&cinfo, TRUE);
		uint32_t w = cinfo.image_width, h = cinfo.image_height;
		if (w > IMG_MAX_SIDE || h > IMG_MAX_SIDE || (uint64_t)w * h > IMG_MAX_PIXELS) {
			snprintf(why, whylen, "over the pixel cap");
			longjmp(err.jb, 1);
		}
		int orient = 1;
		for (jpeg_saved_marker_ptr m = cinfo.marker_list; m != NULL; m = m->next)
			if (m->marker == JPEG_APP0 + 1 &&
			    (orient = img_exif_orientation(m->data, m->data_length)) != 1)
				break;
		bool cmyk =
		        cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
		cinfo.out_color_space = cmyk                                      ? JCS_CMYK
		                        : cinfo.jpeg_color_space == JCS_GRAYSCALE ? JCS_GRAYSCALE
		                                                                  : JCS_RGB;
		uint32_t dw, dh;
		if (orient >= 5)
			fit(w, h, mh, mw, &dw, &dh);
		else
			fit(w, h, mw, mh, &dw, &dh);
		rg_jpg.jpeg_start_decompress(&cinfo);
		int ch = cinfo.output_components;
		sink_init(&s, cinfo.output_width, cinfo.output_height, dw, dh, ch);
		JSAMPARRAY rows = (*cinfo.mem->alloc_sarray)((j_common_ptr)&cinfo, JPOOL_IMAGE,
		                                             cinfo.output_width * ch, 1);
		while (cinfo.output_scanline < cinfo.output_height) {
			rg_jpg.jpeg_read_scanlines(&cinfo, rows, 1);
			sink_row(&s, rows[0]);
		}
		rg_jpg.jpeg_finish_decompress(&cinfo);
		finish(&s, ch, false, orient, out);
		out->adobe_cmyk = cmyk && cinfo.saw_Adobe_marker;
		out->unchanged = orient == 1 && dw == w && dh == h;
		ok = true;
	}
	rg_jpg.jpeg_destroy_decompress(&cinfo);
	sink_free(&s);
	return ok;
}

bool imgdec_load(const char *path, uint32_t maxw, uint32_t maxh, struct imgdec_pixels *out,
                 char *why, size_t whylen)
{
	memset(out, 0, sizeof(*out));
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		snprintf(why, whylen, "cannot open it");
		return false;
	}
	bool ok = imgdec_load_stream(fp, maxw, maxh, out, why, whylen);
	fclose(fp);
	return ok;
}

bool imgdec_load_stream(FILE *fp, uint32_t maxw, uint32_t maxh, struct imgdec_pixels *out,
                        char *why, size_t whylen)
{
	memset(out, 0, sizeof(*out));
	unsigned char head[8];
	size_t n = fread(head, 1, sizeof(head), fp);
	enum img_kind k = img_sniff(head, n);
	rewind(fp);
	bool ok = false;
	if (k == IMG_PNG)
		ok = dpng_load(fp, maxw, maxh, out, why, whylen);
	else if (k == IMG_JPEG)
		ok = dj_load(fp, maxw, maxh, out, why, whylen);
	else
		snprintf(why, whylen, "not a PNG or JPEG file");
	if (!ok)
		imgdec_free(out);
	return ok;
}

void imgdec_free(struct imgdec_pixels *p)
{
	free(p->px);
	free(p->alpha);
	p->px = NULL;
	p->alpha = NULL;
}
