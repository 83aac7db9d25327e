/* draw_image.c: the images of one PDF. Layout sizes them from their headers (imghdr.c);
 * once the pages are known each is decoded (imgdecode.c) at the largest size it is drawn,
 * reduced to IMGDEC_DPI, and embedded: a JPEG that needed no change as its own file (DCT),
 * anything else as 8-bit samples (Flate) with its alpha as a soft mask. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_objects.h>

#include "draw_image.h"
#include "imgdecode.h"

struct dimg {
	const char *path;
	struct img_info info;
	bool bad;
	char why[256];
	double maxw, maxh; /* largest drawn size, pt */
	HPDF_Image img;
};

struct dimg_set {
	HPDF_Doc pdf;
	struct dimg *v;
	size_t n, cap;
	uint64_t pixels; /* of all distinct images, for IMG_MAX_DOC_PIXELS */
};

struct dimg_set *dimg_new(HPDF_Doc pdf)
{
	struct dimg_set *s = rg_xcalloc(1, sizeof(*s));
	s->pdf = pdf;
	return s;
}

void dimg_free(struct dimg_set *s)
{
	if (s == NULL)
		return;
	free(s->v);
	free(s);
}

static struct dimg *dimg_find(struct dimg_set *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].path, path) == 0)
			return &s->v[i];
	return NULL;
}

/* The entry of path, its header read on first use. */
static struct dimg *dimg_at(struct dimg_set *s, const char *path)
{
	struct dimg *im = dimg_find(s, path);
	if (im != NULL)
		return im;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		s->v = rg_xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	im = &s->v[s->n++];
	memset(im, 0, sizeof(*im));
	im->path = path;
	im->bad = !img_probe(path, &im->info, im->why, sizeof(im->why));
	if (!im->bad) {
		s->pixels += (uint64_t)im->info.width * im->info.height;
		if (s->pixels > IMG_MAX_DOC_PIXELS) {
			im->bad = true;
			snprintf(im->why, sizeof(im->why),
			         "the document's images add up to more than the cap of %u pixels",
			         IMG_MAX_DOC_PIXELS);
		}
	}
	return im;
}

bool dimg_size(struct dimg_set *s, const char *path, double *w, double *h)
{
	if (path == NULL)
		return false;
	struct dimg *im = dimg_at(s, path);
	if (im->bad)
		return false;
	*w = img_display_width(&im->info);
	*h = img_display_height(&im->info);
	return true;
}

/* libharu writes /Decode [1 0 1 0 1 0 1 0] for every CMYK JPEG; that is right only for
 * Adobe's inverted CMYK. */
static void dimg_decode_array(HPDF_Image img, bool inverted)
{
	HPDF_Dict_RemoveElement(img, "Decode");
	if (!inverted)
		return;
	HPDF_Array a = HPDF_Array_New(img->mmgr);
	if (a == NULL)
		return;
	for (int i = 0; i < 4; i++) {
		HPDF_Array_AddNumber(a, 1);
		HPDF_Array_AddNumber(a, 0);
	}
	HPDF_Dict_Add(img, "Decode", a);
}

/* The file's bytes, for a JPEG embedded as it is; NULL when it cannot be read. */
static unsigned char *dimg_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	unsigned char *buf = NULL;
	long n = -1;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) > 0 && n < 0x7fffffffL &&
	    fseek(fp, 0, SEEK_SET) == 0) {
		buf = rg_xmalloc((size_t)n);
		if (fread(buf, 1, (size_t)n, fp) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
	}
	fclose(fp);
	*len = buf != NULL ? (size_t)n : 0;
	return buf;
}

static HPDF_Image dimg_embed_one(struct dimg_set *s, struct dimg *im,
                                 const struct imgdec_pixels *px)
{
	HPDF_Image img = NULL;
	if (px->unchanged) {
		size_t len;
		unsigned char *buf = dimg_slurp(im->path, &len);
		if (buf != NULL)
			img = HPDF_LoadJpegImageFromMem(s->pdf, buf, (HPDF_UINT)len);
		free(buf);
		if (img == NULL)
			HPDF_ResetError(
			        s->pdf); /* a JPEG libharu cannot parse goes in as samples */
		else if (px->comps == 4)
			dimg_decode_array(img, px->adobe_cmyk);
		if (img != NULL)
			return img;
	}
	HPDF_ColorSpace cs = px->comps == 1   ? HPDF_CS_DEVICE_GRAY
	                     : px->comps == 4 ? HPDF_CS_DEVICE_CMYK
	                                      : HPDF_CS_DEVICE_RGB;
	img = HPDF_LoadRawImageFromMem(s->pdf, px->px, px->w, px->h, cs, 8);
	if (img == NULL)
		return NULL;
	if (px->comps == 4)
		dimg_decode_array(img, px->adobe_cmyk);
	if (px->alpha != NULL) {
		HPDF_Image mask = HPDF_LoadRawImageFromMem(s->pdf, px->alpha, px->w, px->h,
		                                           HPDF_CS_DEVICE_GRAY, 8);
		if (mask == NULL || HPDF_Image_AddSMask(img, mask) != HPDF_OK)
			return NULL;
	}
	return img;
}

/* Pixels an image needs to keep IMGDEC_DPI over pt points. */
static uint32_t dimg_px(double pt)
{
	double px = ceil(pt / 72.0 * IMGDEC_DPI - 1e-6);
	return px < 1 ? 1 : px > IMG_MAX_SIDE ? IMG_MAX_SIDE : (uint32_t)px;
}

void dimg_note(struct dimg_set *s, const struct lay_page *pg)
{
	for (size_t k = 0; k < pg->nops; k++) {
		const struct lay_op *op = &pg->ops[k];
		if (op->kind != LAY_OP_IMAGE || op->image == NULL)
			continue;
		struct dimg *im = dimg_at(s, op->image);
		im->maxw = op->w > im->maxw ? op->w : im->maxw;
		im->maxh = op->h > im->maxh ? op->h : im->maxh;
	}
}

bool dimg_embed(struct dimg_set *s, const struct lay_result *res)
{
	for (size_t p = 0; p < res->npages; p++)
		dimg_note(s, &res->pages[p]);
	return dimg_embed_noted(s);
}

bool dimg_embed_noted(struct dimg_set *s)
{
	bool ok = true;
	for (size_t i = 0; i < s->n; i++) {
		struct dimg *im = &s->v[i];
		if (im->bad || im->img != NULL || im->maxw <= 0) {
			ok &= !im->bad;
			continue;
		}
		struct imgdec_pixels px;
		if (!imgdec_load(im->path, dimg_px(im->maxw), dimg_px(im->maxh), &px, im->why,
		                 sizeof(im->why))) {
			im->bad = true;
			ok = false;
			continue;
		}
		im->img = dimg_embed_one(s, im, &px);
		imgdec_free(&px);
		if (im->img == NULL)
			return false; /* libharu's error handler has it */
	}
	return ok;
}

HPDF_Image dimg_get(struct dimg_set *s, const char *path)
{
	struct dimg *im = path != NULL ? dimg_find(s, path) : NULL;
	return im != NULL ? im->img : NULL;
}

static const struct lay_origin *dimg_origin(const char *path, const struct lay_flow *flow,
                                            const struct lay_page_spec *spec)
{
	for (size_t i = 0; i < flow->n; i++)
		if (flow->v[i].kind == LAY_E_IMAGE && flow->v[i].u.image.path != NULL &&
		    strcmp(flow->v[i].u.image.path, path) == 0)
			return &flow->v[i].u.image.origin;
	if (spec->logo_path != NULL && strcmp(spec->logo_path, path) == 0)
		return &spec->logo_origin;
	return NULL;
}

size_t dimg_report(struct dimg_set *s, const struct lay_flow *flow,
                   const struct lay_page_spec *spec, struct rg_diags *diags, const char *file)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct dimg *im = &s->v[i];
		if (!im->bad)
			continue;
		const struct lay_origin *o = dimg_origin(im->path, flow, spec);
		rg_diag(diags, o != NULL && o->file != NULL ? o->file : file,
		        o != NULL ? o->pos : (struct rg_pos){0, 0}, RG_E_IMAGE,
		        o != NULL && o->key != NULL ? o->key : "", "image \"%s\": %s",
		        o != NULL && o->text != NULL ? o->text : im->path, im->why);
		n++;
	}
	return n;
}
