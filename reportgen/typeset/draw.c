/* draw.c: the typesetter's driver: fonts, layout, then display lists drawn with libharu (text,
 * fills, images, links, outline, metadata) and the PDF written to a stream; or the layout
 * decisions alone, as text (lay_layout). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "draw_flate.h"
#include "draw_ops.h"
#include "draw_image.h"
#include "font.h"
#include "layout_int.h"
#include "timing.h"

struct draw_err {
	HPDF_STATUS code, detail;
};

struct draw {
	HPDF_Doc pdf;
	struct draw_err err;
	struct lay_fonts *fonts;
	struct dimg_set *imgs;
	HPDF_Page *pages;
	struct dflate *flate; /* deflates each page once drawn */
	const struct lay_result *res;
	const struct lay_mark **byname; /* marks sorted by anchor */
	size_t nbyname;
	char *buf;
	size_t bufcap;
	/* current page state */
	HPDF_Page page;
	bool in_text;
	HPDF_Font font;
	double size;
	uint32_t fill;
	bool in_span; /* inside a /Span with /ActualText (draw_span) */
};

/* libharu allocates through the one allocation wrapper: out of memory exits 3 there, since
 * libharu itself goes on with a null pointer after some failed allocations (in
 * HPDF_Page_TextOut, for one). */
static void *draw_alloc(HPDF_UINT size)
{
	return rg_xmalloc(size > 0 ? size : 1);
}

static void draw_free(void *p)
{
	free(p);
}

static void draw_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	struct draw_err *e = data;
	if (e->code == 0 && code != HPDF_STREAM_EOF) {
		e->code = code;
		e->detail = detail;
	}
}

static double draw_r(double v)
{
	return round(v * 100) / 100;
}

static bool draw_image_size(void *ctx, const char *path, bool jpeg, double *w, double *h)
{
	(void)jpeg;
	return dimg_size(((struct draw *)ctx)->imgs, path, w, h);
}

static double draw_width(void *ctx, enum lay_font f, uint32_t cp)
{
	return lay_fonts_width(((struct draw *)ctx)->fonts, f, cp);
}

static enum lay_font draw_fallback(void *ctx, enum lay_font f, uint32_t cp)
{
	return lay_fonts_fallback(((struct draw *)ctx)->fonts, f, cp);
}

static void draw_vmetrics(void *ctx, enum lay_font f, double *ascent, double *descent, double *gap)
{
	lay_fonts_vmetrics(((struct draw *)ctx)->fonts, f, ascent, descent, gap);
}

/* ---- Ops ---- */

/* The fill (or stroke) colour 0xRRGGBB. */
static void draw_rgb(HPDF_Page p, bool stroke, uint32_t c)
{
	float r = (float)((c >> 16) & 255) / 255.0f, g = (float)((c >> 8) & 255) / 255.0f,
	      b = (float)(c & 255) / 255.0f;
	if (!dop_rgb(p, stroke, r, g, b)) {
		if (stroke)
			HPDF_Page_SetRGBStroke(p, r, g, b);
		else
			HPDF_Page_SetRGBFill(p, r, g, b);
	}
}

static void draw_fillcolor(struct draw *d, uint32_t c)
{
	if (c == LAY_NOCOLOR)
		c = 0;
	if (c == d->fill)
		return;
	d->fill = c;
	draw_rgb(d->page, false, c);
}

static void draw_textmode(struct draw *d, bool on)
{
	if (on && !d->in_text)
		HPDF_Page_BeginText(d->page);
	else if (!on && d->in_text)
		HPDF_Page_EndText(d->page);
	d->in_text = on;
}

/* Appends code (BMP) to d->buf as UTF-8, libharu's encoding of the font's codes. */
static size_t draw_put(struct draw *d, size_t o, uint32_t cp)
{
	if (cp < 0x80) {
		d->buf[o++] = (char)cp;
	} else if (cp < 0x800) {
		d->buf[o++] = (char)(0xC0 | cp >> 6);
		d->buf[o++] = (char)(0x80 | (cp & 0x3F));
	} else {
		d->buf[o++] = (char)(0xE0 | cp >> 12);
		d->buf[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		d->buf[o++] = (char)(0x80 | (cp & 0x3F));
	}
	return o;
}

static void draw_show(struct draw *d, const struct lay_op *op, enum lay_font f, double x, double w,
                      size_t len)
{
	if (len == 0)
		return;
	d->buf[len] = '\0';
	draw_textmode(d, true);
	HPDF_Font font = lay_fonts_get(d->fonts, f);
	if (font != d->font || op->size != d->size) {
		if (!dop_font(d->page, font, (float)op->size))
			HPDF_Page_SetFontAndSize(d->page, font, (float)op->size);
		d->font = font;
		d->size = op->size;
	}
	draw_fillcolor(d, op->color);
	float px = (float)draw_r(x), py = (float)draw_r(op->y);
	if (!dop_text(d->page, px, py, d->buf, len, (float)w))
		HPDF_Page_TextOut(d->page, px, py, d->buf);
}

/* Marked content around the pieces of a broken value (lay_op.span): a /Span whose /ActualText
 * is the whole value as UTF-16BE, so that text extraction yields it unbroken. libharu has no
 * call for marked content: the operators go to the page's content stream, outside text
 * objects (BDC and EMC must pair within one stream and nest with BT/ET). */
static void draw_span(struct draw *d, const struct lay_op *op, bool begin)
{
	if (!begin && !d->in_span)
		return;
	draw_textmode(d, false);
	HPDF_Stream st = ((HPDF_PageAttr)d->page->attr)->stream;
	if (d->in_span)
		HPDF_Stream_WriteStr(st, "EMC\n");
	d->in_span = false;
	if (!begin)
		return;
	HPDF_Stream_WriteStr(st, "/Span <</ActualText <FEFF");
	char hex[16];
	for (size_t i = 0, k; i < op->actual_len; i += k) {
		uint32_t cp = utf8_next(op->actual + i, op->actual_len - i, &k);
		if (cp >= 0x10000)
			snprintf(hex, sizeof(hex), "%04X%04X", 0xD800 + ((cp - 0x10000) >> 10),
			         0xDC00 + ((cp - 0x10000) & 0x3FF));
		else
			snprintf(hex, sizeof(hex), "%04X", cp);
		HPDF_Stream_WriteStr(st, hex);
	}
	HPDF_Stream_WriteStr(st, ">>> BDC\n");
	d->in_span = true;
}

/* Draws the op's text: invisible characters dropped, each character in the face that has it
 * (the op's, or a fallback: one TextOut per face, placed by the widths layout used), codes
 * the face lacks replaced. */
/* Text at an angle (a page underlay): one face, no fallbacks, in a text object of its own,
 * so that the rotation ends with it. */
static void draw_op_turned(struct draw *d, const struct lay_op *op)
{
	size_t o = 0;
	for (size_t i = 0, k; i < op->len; i += k) {
		uint32_t cp = utf8_next(op->text + i, op->len - i, &k);
		if (!lay_invisible(cp))
			o = draw_put(d, o, lay_fonts_map(d->fonts, op->font, cp));
	}
	d->buf[o] = '\0';
	draw_textmode(d, false);
	draw_textmode(d, true);
	HPDF_Font font = lay_fonts_get(d->fonts, op->font);
	HPDF_Page_SetFontAndSize(d->page, font, (float)op->size);
	d->font = font;
	d->size = op->size;
	draw_fillcolor(d, op->color);
	double r = op->angle * M_PI / 180, cs = cos(r), sn = sin(r);
	HPDF_Page_SetTextMatrix(d->page, (float)cs, (float)sn, (float)-sn, (float)cs,
	                        (float)draw_r(op->x), (float)draw_r(op->y));
	HPDF_Page_ShowText(d->page, d->buf);
	draw_textmode(d, false);
}

static void draw_op_text(struct draw *d, const struct lay_op *op)
{
	if (op->span & LAY_SPAN_BEGIN)
		draw_span(d, op, true);
	if (d->bufcap < op->len * 3 + 8) { /* each byte can become a 3-byte U+FFFD */
		d->bufcap = op->len * 3 + 8;
		d->buf = rg_xrealloc(d->buf, d->bufcap);
	}
	if (op->angle != 0) {
		draw_op_turned(d, op);
		return;
	}
	size_t o = 0;
	double x = op->x, w = 0;
	enum lay_font cur = op->font;
	for (size_t i = 0, k; i < op->len; i += k) {
		uint32_t cp = utf8_next(op->text + i, op->len - i, &k);
		if (cp == '\t')
			cp = ' ';
		if (lay_invisible(cp))
			continue;
		enum lay_font f = lay_fonts_fallback(d->fonts, op->font, cp);
		if (f != cur) {
			draw_show(d, op, cur, x, w, o);
			x += w;
			o = 0;
			w = 0;
			cur = f;
		}
		w += lay_fonts_width(d->fonts, f, cp) * op->size / 1000.0;
		o = draw_put(d, o, lay_fonts_map(d->fonts, f, cp));
	}
	draw_show(d, op, cur, x, w, o);
	if (op->span & LAY_SPAN_END)
		draw_span(d, op, false);
}

static void draw_move_to(HPDF_Page p, float x, float y)
{
	if (!dop_move_to(p, x, y))
		HPDF_Page_MoveTo(p, x, y);
}

static void draw_line_to(HPDF_Page p, float x, float y)
{
	if (!dop_line_to(p, x, y))
		HPDF_Page_LineTo(p, x, y);
}

/* A rectangle with corners of radius r (Bezier quarter circles). */
static void draw_roundrect(HPDF_Page p, double x, double y, double w, double h, double r)
{
	const double k = 0.5523 * r;
	if (r > h / 2)
		r = h / 2;
	if (r > w / 2)
		r = w / 2;
	draw_move_to(p, (float)(x + r), (float)y);
	draw_line_to(p, (float)(x + w - r), (float)y);
	HPDF_Page_CurveTo(p, (float)(x + w - r + k), (float)y, (float)(x + w), (float)(y + r - k),
	                  (float)(x + w), (float)(y + r));
	draw_line_to(p, (float)(x + w), (float)(y + h - r));
	HPDF_Page_CurveTo(p, (float)(x + w), (float)(y + h - r + k), (float)(x + w - r + k),
	                  (float)(y + h), (float)(x + w - r), (float)(y + h));
	draw_line_to(p, (float)(x + r), (float)(y + h));
	HPDF_Page_CurveTo(p, (float)(x + r - k), (float)(y + h), (float)x, (float)(y + h - r + k),
	                  (float)x, (float)(y + h - r));
	draw_line_to(p, (float)x, (float)(y + r));
	HPDF_Page_CurveTo(p, (float)x, (float)(y + r - k), (float)(x + r - k), (float)y,
	                  (float)(x + r), (float)y);
	HPDF_Page_ClosePath(p);
}

static void draw_op_fill(struct draw *d, const struct lay_op *op)
{
	draw_textmode(d, false);
	draw_fillcolor(d, op->color);
	double x = draw_r(op->x), y = draw_r(op->y), w = draw_r(op->w), h = draw_r(op->h);
	if (op->radius > 0)
		draw_roundrect(d->page, x, y, w, h, op->radius);
	else if (!dop_rectangle(d->page, (float)x, (float)y, (float)w, (float)h))
		HPDF_Page_Rectangle(d->page, (float)x, (float)y, (float)w, (float)h);
	HPDF_Page_Fill(d->page);
}

static void draw_op_line(struct draw *d, const struct lay_op *op)
{
	draw_textmode(d, false);
	draw_rgb(d->page, true, op->color == LAY_NOCOLOR ? 0 : op->color);
	HPDF_Page_SetLineWidth(d->page, (float)(op->size > 0 ? op->size : 0.5));
	draw_move_to(d->page, (float)draw_r(op->x), (float)draw_r(op->y));
	draw_line_to(d->page, (float)draw_r(op->x + op->w), (float)draw_r(op->y + op->h));
	HPDF_Page_Stroke(d->page);
}

static void draw_op_image(struct draw *d, const struct lay_op *op)
{
	HPDF_Image img = dimg_get(d->imgs, op->image);
	if (img == NULL)
		return;
	draw_textmode(d, false);
	HPDF_Page_DrawImage(d->page, img, (float)draw_r(op->x), (float)draw_r(op->y),
	                    (float)draw_r(op->w), (float)draw_r(op->h));
}

static int draw_mark_cmp(const void *a, const void *b)
{
	const struct lay_mark *x = *(const struct lay_mark *const *)a;
	const struct lay_mark *y = *(const struct lay_mark *const *)b;
	int c = strcmp(x->anchor, y->anchor);
	return c ? c : x < y ? -1 : x > y;
}

static const struct lay_mark *draw_mark_find(const struct draw *d, const char *name)
{
	size_t lo = 0, hi = d->nbyname;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(d->byname[mid]->anchor, name);
		if (c == 0) {
			while (mid > 0 && strcmp(d->byname[mid - 1]->anchor, name) == 0)
				mid--;
			return d->byname[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static HPDF_Destination draw_dest(struct draw *d, const struct lay_mark *m)
{
	HPDF_Destination dst = HPDF_Page_CreateDestination(d->pages[m->page]);
	if (dst != NULL)
		HPDF_Destination_SetXYZ(dst, 0, (float)draw_r(m->y), 1);
	return dst;
}

static void draw_op_link(struct draw *d, const struct lay_op *op)
{
	HPDF_Rect r = {(float)draw_r(op->x), (float)draw_r(op->y), (float)draw_r(op->x + op->w),
	               (float)draw_r(op->y + op->h)};
	HPDF_Annotation a = NULL;
	if (op->uri != NULL) {
		a = HPDF_Page_CreateURILinkAnnot(d->page, r, op->uri);
	} else if (op->dest != NULL) {
		const struct lay_mark *m = draw_mark_find(d, op->dest);
		if (m == NULL)
			return;
		HPDF_Destination dst = draw_dest(d, m);
		if (dst != NULL)
			a = HPDF_Page_CreateLinkAnnot(d->page, r, dst);
	}
	if (a != NULL)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
}

static void draw_page(struct draw *d, const struct lay_page *pg, size_t i)
{
	d->page = d->pages[i];
	d->in_text = false;
	d->font = NULL;
	d->size = 0;
	d->fill = 0; /* the initial fill colour is black */
	d->in_span = false;
	for (size_t k = 0; k < pg->nops; k++) {
		const struct lay_op *op = &pg->ops[k];
		switch (op->kind) {
		case LAY_OP_TEXT:
			draw_op_text(d, op);
			break;
		case LAY_OP_FILL:
			draw_op_fill(d, op);
			break;
		case LAY_OP_LINE:
			draw_op_line(d, op);
			break;
		case LAY_OP_IMAGE:
			draw_op_image(d, op);
			break;
		case LAY_OP_LINK:
			draw_op_link(d, op);
			break;
		}
	}
	draw_span(d, NULL, false); /* a value broken across pages closes on each */
	draw_textmode(d, false);
}

/* ---- Document-level parts ---- */

static void draw_outline(struct draw *d)
{
	HPDF_Encoder enc = HPDF_GetEncoder(d->pdf, "UTF-8");
	HPDF_Outline parents[8] = {0};
	int levels[8] = {0}, depth = 0;
	bool any = false;
	for (size_t i = 0; i < d->res->nmarks; i++) {
		const struct lay_mark *m = &d->res->marks[i];
		if (!m->in_toc || m->title == NULL || m->level < 1)
			continue;
		while (depth > 0 && levels[depth - 1] >= m->level)
			depth--;
		HPDF_Outline parent = depth > 0 ? parents[depth - 1] : NULL;
		HPDF_Outline o = HPDF_CreateOutline(d->pdf, parent, m->title, enc);
		if (o == NULL)
			continue;
		HPDF_Outline_SetOpened(o, m->level == 1 ? HPDF_TRUE : HPDF_FALSE);
		HPDF_Destination dst = draw_dest(d, m);
		if (dst != NULL)
			HPDF_Outline_SetDestination(o, dst);
		if (depth < 8) {
			parents[depth] = o;
			levels[depth++] = m->level;
		}
		any = true;
	}
	if (any)
		HPDF_SetPageMode(d->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

static void draw_meta(struct draw *d, const struct lay_meta *m)
{
	const struct {
		HPDF_InfoType type;
		const char *value;
	} attrs[] = {{HPDF_INFO_TITLE, m->title},
	             {HPDF_INFO_AUTHOR, m->author},
	             {HPDF_INFO_SUBJECT, m->subject},
	             {HPDF_INFO_KEYWORDS, m->keywords},
	             {HPDF_INFO_CREATOR, m->creator}};
	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		if (attrs[i].value != NULL && *attrs[i].value != '\0')
			HPDF_SetInfoAttr(d->pdf, attrs[i].type, attrs[i].value);
	if (m->epoch < 0)
		return;
	time_t t = (time_t)m->epoch;
	struct tm tm;
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 > 9999)
		return;
	HPDF_Date date = {tm.tm_year + 1900,
	                  tm.tm_mon + 1,
	                  tm.tm_mday,
	                  tm.tm_hour,
	                  tm.tm_min,
	                  tm.tm_sec > 59 ? 59 : tm.tm_sec,
	                  'Z',
	                  0,
	                  0};
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, date);
}

/* Saves to libharu's memory stream and copies it to fp. Returns false on a write error. */
static bool draw_save(struct draw *d, FILE *fp)
{
	dflate_save_begin(d->flate);
	HPDF_STATUS st = HPDF_SaveToStream(d->pdf);
	dflate_save_end();
	if (st != HPDF_OK)
		return true; /* the error handler has it */
	HPDF_ResetStream(d->pdf);
	unsigned char buf[65536];
	for (;;) {
		HPDF_UINT32 n = sizeof(buf);
		HPDF_STATUS st = HPDF_ReadFromStream(d->pdf, buf, &n);
		if (n > 0 && fwrite(buf, 1, n, fp) != n)
			return false;
		if (st != HPDF_OK || n == 0)
			break;
	}
	return fflush(fp) == 0 && !ferror(fp);
}

/* A layout cut short at spec->max_pages is an error: nothing is drawn. */
static bool draw_too_many_pages(const struct lay_result *res, const struct lay_page_spec *spec,
                                struct rg_diags *diags, const char *file)
{
	if (!res->too_many_pages)
		return false;
	rg_diag(diags, file, (struct rg_pos){0, 0}, RG_E_LIMIT_SIZE, "",
	        "the report needs more than %zu page%s, the bound --max-pages sets; raise it "
	        "or split the incident",
	        spec->max_pages, spec->max_pages == 1 ? "" : "s");
	return true;
}

static void draw_index_marks(struct draw *d, struct rg_arena *a)
{
	d->byname = rg_arena_alloc(a, (d->res->nmarks ? d->res->nmarks : 1) * sizeof(*d->byname));
	for (size_t i = 0; i < d->res->nmarks; i++)
		if (d->res->marks[i].anchor != NULL)
			d->byname[d->nbyname++] = &d->res->marks[i];
	if (d->nbyname > 1)
		qsort(d->byname, d->nbyname, sizeof(*d->byname), draw_mark_cmp);
}

/* The first pass's page hook: the sizes its images are drawn at. */
static void draw_note_page(void *ctx, const struct lay_result *res, size_t i)
{
	dimg_note(((struct draw *)ctx)->imgs, &res->pages[i]);
}

/* The second pass's page hook: the page drawn, then held compressed until the save. */
static void draw_pass_page(void *ctx, const struct lay_result *res, size_t i)
{
	struct draw *d = ctx;
	if (i >= d->res->npages || d->err.code != 0)
		return;
	draw_page(d, &res->pages[i], i);
	dflate_page(d->flate, d->pages[i]);
}

/* The first pass's page count, page sizes and marks, kept in a (the pass's own arena is
 * freed with its layout memory). */
static struct lay_result *draw_keep(const struct lay_result *r, struct rg_arena *a)
{
	struct lay_result *k = rg_arena_alloc(a, sizeof(*k));
	k->npages = r->npages;
	k->too_many_pages = r->too_many_pages;
	k->nmarks = r->nmarks;
	k->pages = rg_arena_alloc(a, (r->npages ? r->npages : 1) * sizeof(*k->pages));
	for (size_t i = 0; i < r->npages; i++)
		k->pages[i].landscape = r->pages[i].landscape;
	k->marks = rg_arena_alloc(a, (r->nmarks ? r->nmarks : 1) * sizeof(*k->marks));
	if (r->nmarks > 0)
		memcpy(k->marks, r->marks, r->nmarks * sizeof(*k->marks));
	return k;
}

/* Lays out and draws every page into d->pdf, in two passes (lay_paginate_pass): the first
 * finds the pages, the marks and the images' sizes; the pages are then added, the images
 * embedded, and the second pass draws each page as it is laid out. Returns 0, 1 or 3
 * (diagnosed). */
static int draw_passes(struct draw *d, const struct lay_flow *flow,
                       const struct lay_page_spec *spec, const struct lay_metrics *m,
                       struct rg_diags *diags, const char *file, struct rg_arena *a)
{
	uint64_t t0 = timing_start();
	struct rg_arena *pa = rg_arena_new();
	struct lay_pass first = {draw_note_page, d, NULL};
	d->res = draw_keep(lay_paginate_pass(flow, spec, m, pa, &first), a);
	rg_arena_free(pa);
	timing_end("layout", t0);
	if (draw_too_many_pages(d->res, spec, diags, file))
		return 1;
	if (!dimg_embed_noted(d->imgs))
		return dimg_report(d->imgs, flow, spec, diags, file) > 0 ? 1 : 3;
	d->pages = rg_arena_alloc(a, d->res->npages * sizeof(*d->pages));
	for (size_t i = 0; i < d->res->npages; i++) {
		d->pages[i] = HPDF_AddPage(d->pdf);
		if (d->pages[i] == NULL)
			return 3;
		double w, h;
		lay_page_size(d->res, i, spec, &w, &h);
		HPDF_Page_SetWidth(d->pages[i], (float)w);
		HPDF_Page_SetHeight(d->pages[i], (float)h);
	}
	t0 = timing_start();
	draw_index_marks(d, a);
	pa = rg_arena_new();
	struct lay_pass second = {draw_pass_page, d, d->res};
	lay_paginate_pass(flow, spec, m, pa, &second);
	rg_arena_free(pa);
	draw_outline(d);
	timing_end("draw", t0);
	return 0;
}

/* The memo of measured text shared by the two passes holds at most this much: the seed
 * keeps 0.21 MB (265 blocks, measured up to six times each without it). Larger documents
 * keep their first blocks only and measure the rest as before, so their time stays
 * proportional to their size and their memory grows by at most this (a whole memo is
 * ~2 KB an artifact). 1 MiB, half of a 1,000-artifact incident, made that one 17 % faster
 * and the time from 1,000 to 10,000 artifacts grow 10.8x (paired runs). */
#define DRAW_MEMO_BYTES ((size_t)256 << 10)

/* draw_passes with the metrics of d's fonts and a memo of measured text for both passes. */
static int draw_document(struct draw *d, const struct lay_flow *flow,
                         const struct lay_page_spec *spec, struct rg_diags *diags, const char *file,
                         struct rg_arena *a)
{
	struct lay_metrics m = {draw_width,      d,
	                        draw_image_size, draw_fallback,
	                        draw_vmetrics,   lay_memo_new(DRAW_MEMO_BYTES)};
	int rc = draw_passes(d, flow, spec, &m, diags, file, a);
	lay_memo_free(m.memo);
	return rc;
}

/* One attempt at the whole PDF. Returns 0, 1 or 3 like lay_typeset; *retry is set when
 * libharu 2.3.0 failed to write an embedded font through a bug of its memory streams: a
 * seek to the end of a stream whose size is an exact multiple of its buffer size fails
 * (HPDF_INVALID_OBJECT in HPDF_TTFontDef_SaveFontData). Nothing has been written then. */
static int typeset_once(const struct lay_flow *flow, const struct lay_page_spec *spec,
                        const struct lay_meta *meta, FILE *fp, unsigned pad, struct rg_diags *diags,
                        const char *file, bool *retry)
{
	struct draw d = {0};
	struct rg_arena *a = rg_arena_new();
	int rc = 3;
	bool saving = false;
	d.pdf = HPDF_NewEx(draw_error, draw_alloc, draw_free, 0, &d.err);
	if (d.pdf == NULL)
		goto out;
	HPDF_SetCompressionMode(d.pdf, HPDF_COMP_ALL);
	d.imgs = dimg_new(d.pdf);
	d.flate = dflate_new();
	HPDF_UseUTFEncodings(d.pdf);
	HPDF_SetCurrentEncoder(d.pdf, "UTF-8");
	uint64_t t0 = timing_start();
	d.fonts = lay_fonts_load(d.pdf, flow, spec, pad, diags, file);
	timing_end("fonts", t0);
	if (d.fonts == NULL)
		goto out;
	rc = draw_document(&d, flow, spec, diags, file, a);
	if (rc != 0)
		goto out;
	draw_meta(&d, meta);
	lay_fonts_close_composites(d.fonts, d.pdf);
	saving = d.err.code == 0;
	t0 = timing_start();
	bool saved = !saving || draw_save(&d, fp);
	timing_end("save", t0);
	if (!saved) {
		rg_diag(diags, file, (struct rg_pos){0, 0}, RG_F_IO, "", "cannot write the PDF");
		rc = 3;
		goto out;
	}
	if (meta->pages != NULL)
		*meta->pages = d.res->npages;
out:
	*retry = saving && d.err.code == HPDF_INVALID_OBJECT;
	if (!*retry && (d.pdf == NULL || (d.err.code != 0 && diags->worst != RG_SEV_FATAL))) {
		rg_diag(diags, file, (struct rg_pos){0, 0}, RG_F_LIBRARY, "",
		        "libharu error 0x%04X (detail %u)", (unsigned)d.err.code,
		        (unsigned)d.err.detail);
		rc = 3;
	}
	if (d.pdf != NULL)
		HPDF_Free(d.pdf);
	lay_fonts_free(d.fonts);
	dimg_free(d.imgs);
	dflate_free(d.flate);
	free(d.buf);
	rg_arena_free(a);
	return rc;
}

int lay_typeset(const struct lay_flow *flow, const struct lay_page_spec *spec,
                const struct lay_meta *meta, FILE *fp, struct rg_diags *diags, const char *file)
{
	bool retry = false;
	int rc = typeset_once(flow, spec, meta, fp, 0, diags, file, &retry);
	/* A spare glyph per face changes every embedded font's size, which moves it off the
	 * unlucky multiple; the same input always takes the same path, so output stays
	 * reproducible. The retry's diagnostics repeat the first attempt's and are dropped. */
	for (unsigned pad = 1; retry && pad <= 3; pad++) {
		struct rg_diags again;
		rg_diags_init(&again);
		rc = typeset_once(flow, spec, meta, fp, pad, &again, file, &retry);
		if (!retry && rc != 0)
			for (size_t i = 0; i < again.n; i++)
				if (again.v[i].sev == RG_SEV_FATAL)
					rg_diag(diags, file, again.v[i].pos, again.v[i].code,
					        again.v[i].path, "%s", again.v[i].message);
		rg_diags_free(&again);
	}
	if (retry) {
		rg_diag(diags, file, (struct rg_pos){0, 0}, RG_F_LIBRARY, "",
		        "libharu could not write the embedded fonts (error 0x%04X)",
		        (unsigned)HPDF_INVALID_OBJECT);
		rc = 3;
	}
	return rc;
}

int lay_layout(const struct lay_flow *flow, const struct lay_page_spec *spec,
               const struct lay_meta *meta, FILE *fp, struct rg_diags *diags, const char *file)
{
	(void)meta;
	struct draw d = {0};
	struct rg_arena *a = rg_arena_new();
	int rc = 3;
	d.pdf = HPDF_NewEx(draw_error, draw_alloc, draw_free, 0, &d.err);
	if (d.pdf == NULL)
		goto out;
	d.imgs = dimg_new(d.pdf);
	HPDF_UseUTFEncodings(d.pdf);
	HPDF_SetCurrentEncoder(d.pdf, "UTF-8");
	d.fonts = lay_fonts_load(d.pdf, flow, spec, 0, diags, file);
	if (d.fonts == NULL)
		goto out;
	struct lay_metrics m = {draw_width,    &d,  draw_image_size, draw_fallback,
	                        draw_vmetrics, NULL};
	d.res = lay_paginate(flow, spec, &m, a);
	rc = 1;
	if (draw_too_many_pages(d.res, spec, diags, file))
		goto out;
	if (!dimg_embed(d.imgs, d.res)) {
		if (dimg_report(d.imgs, flow, spec, diags, file) == 0)
			rc = 3;
		goto out;
	}
	lay_dump_pages(fp, d.res, spec);
	rc = 0;
	if (fflush(fp) != 0 || ferror(fp)) {
		rg_diag(diags, file, (struct rg_pos){0, 0}, RG_F_IO, "", "cannot write the layout");
		rc = 3;
	}
out:
	if (d.pdf == NULL || (d.err.code != 0 && diags->worst != RG_SEV_FATAL)) {
		rg_diag(diags, file, (struct rg_pos){0, 0}, RG_F_LIBRARY, "",
		        "libharu error 0x%04X (detail %u)", (unsigned)d.err.code,
		        (unsigned)d.err.detail);
		rc = 3;
	}
	if (d.pdf != NULL)
		HPDF_Free(d.pdf);
	lay_fonts_free(d.fonts);
	dimg_free(d.imgs);
	rg_arena_free(a);
	return rc;
}
