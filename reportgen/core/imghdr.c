/* imghdr.c: PNG (libpng) and JPEG (libjpeg) headers read without decoding a pixel, and the
 * image caps applied to them. */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jerror.h>
#include <png.h>

#include "jpglib.h"
#include "imghdr.h"

enum img_kind img_sniff(const unsigned char *h, size_t n)
{
	static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	if (n >= 8 && memcmp(h, png, 8) == 0)
		return IMG_PNG;
	if (n >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF)
		return IMG_JPEG;
	return IMG_UNKNOWN;
}

uint32_t img_display_width(const struct img_info *i)
{
	return i->orientation >= 5 ? i->height : i->width;
}

uint32_t img_display_height(const struct img_info *i)
{
	return i->orientation >= 5 ? i->width : i->height;
}

/* ---- EXIF ---- */

static uint32_t img_get(const unsigned char *p, int bytes, bool le)
{
	uint32_t v = 0;
	for (int i = 0; i < bytes; i++)
		v |= (uint32_t)p[le ? i : bytes - 1 - i] << (8 * i);
	return v;
}

int img_exif_orientation(const unsigned char *a, size_t n)
{
	if (n < 14 || memcmp(a, "Exif\0\0", 6) != 0)
		return 1;
	const unsigned char *t = a + 6;
	size_t tn = n - 6;
	bool le = t[0] == 'I' && t[1] == 'I';
	if (!le && !(t[0] == 'M' && t[1] == 'M'))
		return 1;
	if (img_get(t + 2, 2, le) != 42)
		return 1;
	uint32_t ifd = img_get(t + 4, 4, le);
	if (ifd > tn || tn - ifd < 2)
		return 1;
	uint32_t count = img_get(t + ifd, 2, le);
	for (uint32_t k = 0; k < count; k++) {
		size_t e = (size_t)ifd + 2 + (size_t)k * 12;
		if (e + 12 > tn)
			break;
		if (img_get(t + e, 2, le) == 0x0112 && img_get(t + e + 2, 2, le) == 3) {
			uint32_t v = img_get(t + e + 8, 2, le);
			return v >= 1 && v <= 8 ? (int)v : 1;
		}
	}
	return 1;
}

/* ---- caps ---- */

/* n with thousands separators ("67,108,864"). */
static const char *img_num(char *buf, size_t len, uint64_t n)
{
	char digits[32];
	int k = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)n);
	size_t o = 0;
	for (int i = 0; i < k && o + 2 < len; i++) {
		if (i > 0 && (k - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

static bool img_caps(const struct img_info *in, char *why, size_t whylen)
{
	uint64_t px = (uint64_t)in->width * in->height;
	char a[32], b[32];
	if (in->width == 0 || in->height == 0) {
		snprintf(why, whylen, "the header declares %u x %u pixels", in->width, in->height);
		return false;
	}
	if (in->width > IMG_MAX_SIDE || in->height > IMG_MAX_SIDE) {
		snprintf(why, whylen,
		         "%u x %u pixels is over the cap of %u pixels a side (shrink or crop it)",
		         in->width, in->height, IMG_MAX_SIDE);
		return false;
	}
	if (px > IMG_MAX_PIXELS) {
		snprintf(why, whylen,
		         "%u x %u pixels (%s) is over the cap of %s pixels an image (shrink or "
		         "crop it)",
		         in->width, in->height, img_num(a, sizeof(a), px),
		         img_num(b, sizeof(b), IMG_MAX_PIXELS));
		return false;
	}
	return true;
}

/* ---- PNG ---- */

struct img_png {
	FILE *fp;
	char *why;
	size_t whylen;
};

static void img_png_error(png_structp png, png_const_charp msg)
{
	struct img_png *p = png_get_error_ptr(png);
	snprintf(p->why, p->whylen, "%s", msg);
	png_longjmp(png, 1);
}

static void img_png_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static void img_png_read(png_structp png, png_bytep data, size_t n)
{
	struct img_png *p = png_get_io_ptr(png);
	if (fread(data, 1, n, p->fp) != n)
		png_error(png, ferror(p->fp) ? "read error" : "truncated");
}

static bool img_probe_png(FILE *fp, struct img_info *in, char *why, size_t whylen)
{
	struct img_png p = {fp, why, whylen};
	png_structp png =
	        png_create_read_struct(PNG_LIBPNG_VER_STRING, &p, img_png_error, img_png_warning);
	png_infop info = png != NULL ? png_create_info_struct(png) : NULL;
	volatile bool ok = false;
	if (info == NULL) {
		snprintf(why, whylen, "out of memory");
	} else if (setjmp(png_jmpbuf(png)) == 0) {
		png_set_read_fn(png, &p, img_png_read);
		/* the caps are ours to report with their numbers; libpng's own stay as a bound */
		png_set_user_limits(png, 0x7fffffffu, 0x7fffffffu);
		png_set_chunk_malloc_max(png, IMG_MAX_CHUNK);
		png_read_info(png, info);
		in->width = png_get_image_width(png, info);
		in->height = png_get_image_height(png, info);
		in->components = png_get_channels(png, info);
		in->interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
		ok = true;
	}
	png_destroy_read_struct(png != NULL ? &png : NULL, info != NULL ? &info : NULL, NULL);
	return ok;
}

/* ---- JPEG ---- */

struct img_jerr {
	struct jpeg_error_mgr mgr;
	jmp_buf jb;
	char *why;
	size_t whylen;
};

static void img_jpeg_exit(j_common_ptr cinfo)
{
	struct img_jerr *e = (struct img_jerr *)cinfo->err;
	char msg[JMSG_LENGTH_MAX];
	(*cinfo->err->format_message)(cinfo, msg);
	snprintf(e->why, e->whylen, "%s", msg);
	longjmp(e->jb, 1);
}

static void img_jpeg_emit(j_common_ptr cinfo, int level)
{
	struct img_jerr *e = (struct img_jerr *)cinfo->err;
	/* libjpeg pads a file that ends early with an end marker and goes on */
	if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF) {
		snprintf(e->why, e->whylen, "truncated");
		longjmp(e->jb, 1);
	}
}

static bool img_probe_jpeg(FILE *fp, struct img_info *in, char *why, size_t whylen)
{
	struct jpeg_decompress_struct cinfo;
	struct img_jerr err = {.why = why, .whylen = whylen};
	volatile bool ok = false;
	jpglib_need();
	cinfo.err = rg_jpg.jpeg_std_error(&err.mgr);
	err.mgr.error_exit = img_jpeg_exit;
	err.mgr.emit_message = img_jpeg_emit;
	if (setjmp(err.jb) == 0) {
		JPGLIB_CREATE_DECOMPRESS(&cinfo);
		cinfo.mem->max_memory_to_use = IMG_MAX_JPEG_MEMORY;
		rg_jpg.jpeg_stdio_src(&cinfo, fp);
		rg_jpg.jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);
		rg_jpg.jpeg_read_header(&cinfo, TRUE);
		in->width = cinfo.image_width;
		in->height = cinfo.image_height;
		in->components = cinfo.num_components;
		in->orientation = 1;
		for (jpeg_saved_marker_ptr m = cinfo.marker_list; m != NULL; m = m->next)
			if (m->marker == JPEG_APP0 + 1 &&
			    (in->orientation = img_exif_orientation(m->data, m->data_length)) != 1)
				break;
		ok = true;
	}
	rg_jpg.jpeg_destroy_decompress(&cinfo);
	return ok;
}

bool img_probe(const char *path, struct img_info *in, char *why, size_t whylen)
{
	memset(in, 0, sizeof(*in));
	in->orientation = 1;
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		snprintf(why, whylen, "cannot open it");
		return false;
	}
	bool ok = img_probe_stream(fp, in, why, whylen);
	fclose(fp);
	return ok;
}

bool img_probe_stream(FILE *fp, struct img_info *in, char *why, size_t whylen)
{
	memset(in, 0, sizeof(*in));
	in->orientation = 1;
	unsigned char head[8];
	size_t n = fread(head, 1, sizeof(head), fp);
	in->kind = img_sniff(head, n);
	bool ok = false;
	rewind(fp);
	if (in->kind == IMG_PNG)
		ok = img_probe_png(fp, in, why, whylen);
	else if (in->kind == IMG_JPEG)
		ok = img_probe_jpeg(fp, in, why, whylen);
	else
		snprintf(why, whylen, "not a PNG or JPEG file");
	return ok && img_caps(in, why, whylen);
}
