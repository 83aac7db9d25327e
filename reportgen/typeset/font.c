/* font.c: per-document HarfBuzz subsets of the report faces loaded into libharu, width cache,
 * missing-glyph replacement and the composite-glyph closure libharu 2.3.0 lacks. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "font.h"
#include "layout_int.h"

struct font_face {
	const char *path;
	hb_blob_t *subset; /* the bytes libharu embeds; kept until after save */
	unsigned nglyphs;
	const char *name; /* libharu's font name */
	HPDF_Font font;
	uint8_t cov[8192]; /* BMP coverage of the full face, one bit per code point */
	uint16_t *w;       /* width + 1 per BMP code point, 0 = not measured yet */
	hb_map_t *real;    /* private-use code drawn -> the character it stands for */
};

struct lay_fonts {
	struct font_face faces[LAY_NFONTS];
	size_t nfaces;
	int face_of[LAY_NFONTS];
};

/* Code points used, per font: a BMP bitmap (fast to fill from large flows) and a set for
 * the rest; font_use_sets turns them into HarfBuzz sets. */
struct font_use {
	uint8_t bmp[LAY_NFONTS][8192];
	hb_set_t *all;
	hb_set_t *by[LAY_NFONTS];
};

static void font_text(struct font_use *u, enum lay_font f, const char *s, size_t n)
{
	if (s == NULL || f >= LAY_NFONTS)
		return;
	for (size_t i = 0, k; i < n; i += k) {
		uint32_t cp = (unsigned char)s[i];
		k = 1;
		if (cp >= 0x80)
			cp = utf8_next(s + i, n - i, &k);
		if (cp <= 0xFFFF)
			u->bmp[f][cp >> 3] |= (uint8_t)(1u << (cp & 7));
		else
			hb_set_add(u->by[f], cp);
	}
}

static void font_use_sets(struct font_use *u)
{
	for (int f = 0; f < LAY_NFONTS; f++) {
		for (uint32_t b = 0; b < 8192; b++)
			for (uint32_t bit = 0; u->bmp[f][b] >> bit; bit++)
				if (u->bmp[f][b] >> bit & 1)
					hb_set_add(u->by[f], b << 3 | bit);
		hb_set_union(u->all, u->by[f]);
	}
}

static void font_str(struct font_use *u, enum lay_font f, const char *s)
{
	if (s != NULL)
		font_text(u, f, s, strlen(s));
}

static void font_runs(struct font_use *u, const struct lay_runs *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		font_text(u, rs->v[i].font, rs->v[i].text, rs->v[i].len);
}

static void font_collect(struct font_use *u, const struct lay_flow *fl,
                         const struct lay_page_spec *s)
{
	for (size_t i = 0; i < fl->n; i++) {
		const struct lay_elem *e = &fl->v[i];
		switch (e->kind) {
		case LAY_E_PARA:
			font_runs(u, &e->u.para.runs);
			font_str(u, LAY_SANS, e->u.para.marker);
			break;
		case LAY_E_HEADING:
			font_str(u, e->u.heading.font, e->u.heading.text);
			if (e->u.heading.in_toc) {
				font_str(u, LAY_SANS, e->u.heading.text);
				font_str(u, LAY_SANS_BOLD, e->u.heading.text);
			}
			break;
		case LAY_E_TABLE:
			for (size_t k = 0;
			     k < e->u.table.nrows * e->u.table.ncols && e->u.table.cells; k++)
				font_runs(u, &e->u.table.cells[k].runs);
			font_str(u, LAY_SANS_OBLIQUE, e->u.table.caption);
			break;
		case LAY_E_IMAGE:
			font_str(u, LAY_SANS_OBLIQUE, e->u.image.caption);
			break;
		case LAY_E_TOC:
			font_str(u, LAY_SANS_BOLD, e->u.toc.title);
			font_str(u, LAY_SANS, "0123456789." UTF8_ELLIPSIS);
			font_str(u, LAY_SANS_BOLD, UTF8_ELLIPSIS);
			break;
		default:
			break;
		}
	}
	font_str(u, LAY_SANS, s->header_left);
	font_str(u, LAY_SANS, s->header_right);
	font_str(u, LAY_SANS_BOLD, s->footer_label);
	font_str(u, LAY_SANS, s->footer_page_format);
	font_str(u, LAY_SANS, "0123456789");
	font_use_sets(u);
	hb_set_add_range(u->all, 0x20, 0x7E);
	hb_set_add(u->all, UTF8_REPLACEMENT_CP);
	hb_set_add(u->all, 0x2026);
}

static bool font_covers(const struct font_face *fc, uint32_t cp)
{
	return cp <= 0xFFFF && (fc->cov[cp >> 3] >> (cp & 7) & 1);
}

/* The tables libharu 2.3.0 reads; the subset drops every other one. */
static bool font_keep_table(hb_tag_t t)
{
	static const char keep[][5] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
	                               "hmtx", "loca", "maxp", "name", "post", "prep"};
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (t == HB_TAG(keep[i][0], keep[i][1], keep[i][2], keep[i][3]))
			return true;
	return false;
}

/* Subsets face to the code points in `all`. Returns the subset's bytes or NULL. */
static hb_blob_t *font_subset(hb_face_t *face, const hb_set_t *all)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (in == NULL)
		return NULL;
	hb_set_union(hb_subset_input_unicode_set(in), all);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NOTDEF_OUTLINE | HB_SUBSET_FLAGS_NO_HINTING);
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	hb_tag_t tags[64];
	unsigned start = 0, n;
	do {
		n = 64;
		hb_face_get_table_tags(face, start, &n, tags);
		for (unsigned i = 0; i < n; i++)
			if (!font_keep_table(tags[i]))
				hb_set_add(drop, tags[i]);
		start += n;
	} while (n == 64);
	hb_face_t *sub = hb_subset_or_fail(face, in);
	hb_subset_input_destroy(in);
	if (sub == NULL)
		return NULL;
	hb_blob_t *blob = hb_face_reference_blob(sub);
	hb_face_destroy(sub);
	if (hb_blob_get_length(blob) == 0) {
		hb_blob_destroy(blob);
		return NULL;
	}
	return blob;
}

/* Hands the subset to libharu through an anonymous file. Returns the font name or NULL. */
static const char *font_register(HPDF_Doc pdf, hb_blob_t *blob)
{
	unsigned len;
	const char *data = hb_blob_get_data(blob, &len);
	int fd = memfd_create("reportgen-font", MFD_CLOEXEC);
	if (fd < 0)
		return NULL;
	const char *name = NULL;
	size_t done = 0;
	while (done < len) {
		ssize_t k = write(fd, data + done, len - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			goto out;
		done += (size_t)k;
	}
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
out:
	close(fd);
	return name;
}

/* ---- ToUnicode: libharu 2.3.0 writes its code-to-CID CMap (a cidrange) as the font's
 * ToUnicode map; it is replaced by a bfrange/bfchar map from the codes the subset's cmap
 * holds (the only codes the content streams can use) to the characters they stand for. */

struct font_cmap_buf {
	char *s;
	size_t n, cap;
};

static void font_cmap_put(struct font_cmap_buf *b, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

static void font_cmap_put(struct font_cmap_buf *b, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int k = vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
		va_end(ap);
		if (k >= 0 && (size_t)k < b->cap - b->n) {
			b->n += (size_t)k;
			return;
		}
		b->cap = b->cap * 2 + (k > 0 ? (size_t)k : 64);
		b->s = rg_xrealloc(b->s, b->cap);
	}
}

/* The UTF-16 of cp as hex digits (a surrogate pair beyond the BMP). */
static void font_cmap_utf16(struct font_cmap_buf *b, uint32_t cp)
{
	if (cp > 0xFFFF)
		font_cmap_put(b, "<%04X%04X>", 0xD800 + ((cp - 0x10000) >> 10),
		              0xDC00 + ((cp - 0x10000) & 0x3FF));
	else
		font_cmap_put(b, "<%04X>", cp);
}

struct font_cmap_entry {
	uint32_t code, cp, n; /* n consecutive codes from code map to cp, cp + 1, ... */
};

/* Writes one block of at most 100 entries (the CMap limit) of bfrange or bfchar kind. */
static void font_cmap_block(struct font_cmap_buf *b, const struct font_cmap_entry *v, size_t n,
                            bool range)
{
	for (size_t i = 0; i < n; i += 100) {
		size_t m = 0;
		for (size_t k = i; k < n && k < i + 100; k++)
			m++;
		font_cmap_put(b, "%zu begin%s\n", m, range ? "bfrange" : "bfchar");
		for (size_t k = i; k < i + m; k++) {
			if (range)
				font_cmap_put(b, "<%04X> <%04X> ", v[k].code,
				              v[k].code + v[k].n - 1);
			else
				font_cmap_put(b, "<%04X> ", v[k].code);
			font_cmap_utf16(b, v[k].cp);
			font_cmap_put(b, "\n");
		}
		font_cmap_put(b, "end%s\n", range ? "bfrange" : "bfchar");
	}
}

/* The ToUnicode CMap of a face whose cmap maps the BMP codes in `codes`. */
static char *font_cmap_text(const hb_set_t *codes, const hb_map_t *real, size_t *len)
{
	size_t cap = hb_set_get_population(codes) + 1, nr = 0, nc = 0;
	struct font_cmap_entry *ranges = rg_xmalloc(cap * sizeof(*ranges));
	struct font_cmap_entry *chars = rg_xmalloc(cap * sizeof(*chars));
	struct font_cmap_entry cur = {0, 0, 0};
	for (hb_codepoint_t c = HB_SET_VALUE_INVALID;;) {
		bool more = hb_set_next(codes, &c) && c <= 0xFFFF;
		uint32_t cp = more ? c : 0;
		if (more && real != NULL && hb_map_has(real, c))
			cp = hb_map_get(real, c);
		/* a bfrange keeps the high byte of its codes and cannot run past a 0xFF low byte
		 * of its destination */
		if (more && cur.n > 0 && c == cur.code + cur.n && cp == cur.cp + cur.n &&
		    (c >> 8) == (cur.code >> 8) && cp <= 0xFFFF && ((cur.cp + cur.n) & 0xFF) != 0) {
			cur.n++;
			continue;
		}
		if (cur.n > 1)
			ranges[nr++] = cur;
		else if (cur.n == 1)
			chars[nc++] = cur;
		if (!more)
			break;
		cur = (struct font_cmap_entry){c, cp, 1};
	}
	struct font_cmap_buf b = {rg_xmalloc(4096), 0, 4096};
	font_cmap_put(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> "
	                  "def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	                  "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	font_cmap_block(&b, ranges, nr, true);
	font_cmap_block(&b, chars, nc, false);
	font_cmap_put(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	free(ranges);
	free(chars);
	*len = b.n;
	return b.s;
}

/* Replaces the ToUnicode stream libharu made for fc's font. */
static bool font_tounicode(struct font_face *fc)
{
	HPDF_FontAttr attr = fc->font->attr;
	if (attr == NULL || attr->cmap_stream == NULL || attr->cmap_stream->stream == NULL)
		return false;
	hb_face_t *face = hb_face_create(fc->subset, 0);
	hb_set_t *codes = hb_set_create();
	hb_face_collect_unicodes(face, codes);
	hb_face_destroy(face);
	size_t len;
	char *text = font_cmap_text(codes, fc->real, &len);
	hb_set_destroy(codes);
	HPDF_Stream st = attr->cmap_stream->stream;
	HPDF_MemStream_FreeData(st);
	bool ok = HPDF_Stream_Write(st, (const HPDF_BYTE *)text, (HPDF_UINT)len) == HPDF_OK;
	free(text);
	return ok;
}

static bool font_face_load(HPDF_Doc pdf, struct font_face *fc, const hb_set_t *all)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(fc->path);
	if (blob == NULL)
		return false;
	hb_face_t *face = hb_face_create(blob, 0);
	hb_set_t *cov = hb_set_create();
	hb_face_collect_unicodes(face, cov);
	for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(cov, &cp) && cp <= 0xFFFF;)
		fc->cov[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	hb_set_destroy(cov);
	fc->subset = font_subset(face, all);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	if (fc->subset == NULL)
		return false;
	hb_face_t *sf = hb_face_create(fc->subset, 0);
	fc->nglyphs = hb_face_get_glyph_count(sf);
	hb_face_destroy(sf);
	fc->name = font_register(pdf, fc->subset);
	if (fc->name == NULL)
		return false;
	fc->font = HPDF_GetFont(pdf, fc->name, "UTF-8");
	fc->w = rg_xcalloc(65536, sizeof(uint16_t));
	return fc->font != NULL && font_tounicode(fc);
}

/* One warning per code point that is drawn as a replacement. */
static void font_warn_missing(struct lay_fonts *fs, struct font_use *u, struct rg_diags *d,
                              const char *file)
{
	hb_set_t *miss = hb_set_create();
	for (int f = 0; f < LAY_NFONTS; f++) {
		const struct font_face *fc = &fs->faces[fs->face_of[f]];
		for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(u->by[f], &cp);)
			if (cp >= 0x20 && (cp < 0x7F || cp >= 0xA0) && !font_covers(fc, cp) &&
			    !font_covers(&fs->faces[fs->face_of[LAY_SANS]], cp))
				hb_set_add(miss, cp);
	}
	for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(miss, &cp);)
		rg_diag(d, file, (struct rg_pos){0, 0}, RG_W_MISSING_GLYPH, "",
		        "U+%04X has no glyph in the report fonts; drawn as a replacement mark",
		        (unsigned)cp);
	hb_set_destroy(miss);
}

static int font_face_index(struct lay_fonts *fs, const char *path)
{
	for (size_t i = 0; i < fs->nfaces; i++)
		if (strcmp(fs->faces[i].path, path) == 0)
			return (int)i;
	fs->faces[fs->nfaces].path = path;
	return (int)fs->nfaces++;
}

struct lay_fonts *lay_fonts_load(HPDF_Doc pdf, const struct lay_flow *fl,
                                 const struct lay_page_spec *s, unsigned pad, struct rg_diags *d,
                                 const char *file)
{
	/* spare characters every DejaVu face has, never drawn */
	static const hb_codepoint_t spare[] = {0x00A7, 0x00B6, 0x2020, 0x2021, 0x00A4, 0x00B5};
	struct lay_fonts *fs = rg_xcalloc(1, sizeof(*fs));
	struct font_use *u = rg_xcalloc(1, sizeof(*u));
	u->all = hb_set_create();
	for (int f = 0; f < LAY_NFONTS; f++)
		u->by[f] = hb_set_create();
	font_collect(u, fl, s);
	for (unsigned i = 0; i < pad && i < sizeof(spare) / sizeof(spare[0]); i++)
		hb_set_add(u->all, spare[i]);
	const char *sans = s->font_files[LAY_SANS];
	bool ok = sans != NULL;
	for (int f = 0; ok && f < LAY_NFONTS; f++) {
		const char *path = s->font_files[f] ? s->font_files[f] : sans;
		if (f != LAY_SANS && hb_set_is_empty(u->by[f]))
			path = sans; /* unused face: never loaded */
		fs->face_of[f] = font_face_index(fs, path);
	}
	for (size_t i = 0; ok && i < fs->nfaces; i++)
		if (!font_face_load(pdf, &fs->faces[i], u->all)) {
			rg_diag(d, file, (struct rg_pos){0, 0}, RG_F_LIBRARY, "",
			        "cannot load the font %s", fs->faces[i].path);
			ok = false;
		}
	if (sans == NULL)
		rg_diag(d, file, (struct rg_pos){0, 0}, RG_F_LIBRARY, "", "no regular font given");
	if (ok)
		font_warn_missing(fs, u, d, file);
	hb_set_destroy(u->all);
	for (int f = 0; f < LAY_NFONTS; f++)
		hb_set_destroy(u->by[f]);
	free(u);
	if (!ok) {
		lay_fonts_free(fs);
		return NULL;
	}
	return fs;
}

void lay_fonts_free(struct lay_fonts *fs)
{
	if (fs == NULL)
		return;
	for (size_t i = 0; i < fs->nfaces; i++) {
		hb_blob_destroy(fs->faces[i].subset);
		hb_map_destroy(fs->faces[i].real);
		free(fs->faces[i].w);
	}
	free(fs);
}

HPDF_Font lay_fonts_get(const struct lay_fonts *fs, enum lay_font f)
{
	return fs->faces[fs->face_of[f < LAY_NFONTS ? f : LAY_SANS]].font;
}

uint32_t lay_fonts_map(const struct lay_fonts *fs, enum lay_font f, uint32_t cp)
{
	const struct font_face *fc = &fs->faces[fs->face_of[f < LAY_NFONTS ? f : LAY_SANS]];
	if (font_covers(fc, cp))
		return cp;
	return UTF8_REPLACEMENT_CP; /* not covered either: libharu draws the notdef box */
}

enum lay_font lay_fonts_fallback(const struct lay_fonts *fs, enum lay_font f, uint32_t cp)
{
	if (f >= LAY_NFONTS)
		f = LAY_SANS;
	if (font_covers(&fs->faces[fs->face_of[f]], cp) ||
	    !font_covers(&fs->faces[fs->face_of[LAY_SANS]], cp))
		return f;
	return LAY_SANS;
}

double lay_fonts_width(void *ctx, enum lay_font f, uint32_t cp)
{
	struct lay_fonts *fs = ctx;
	struct font_face *fc = &fs->faces[fs->face_of[f < LAY_NFONTS ? f : LAY_SANS]];
	cp = lay_fonts_map(fs, f, cp);
	if (fc->w[cp] == 0) {
		HPDF_INT w = HPDF_Font_GetUnicodeWidth(fc->font, (HPDF_UNICODE)cp);
		fc->w[cp] = (uint16_t)(w < 0 ? 1 : w > 65000 ? 65001 : w + 1);
	}
	return fc->w[cp] - 1;
}

/* ---- Composite glyphs: libharu 2.3.0 embeds only one level of components ---- */

struct font_glyf {
	const uint8_t *glyf, *loca;
	unsigned glyflen, localen, n;
	bool longloca;
	uint8_t *used;
};

static unsigned font_be16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Offset of glyph g in glyf, or UINT32_MAX when loca is too short. */
static uint32_t font_loca(const struct font_glyf *g, unsigned i)
{
	if (g->longloca)
		return (size_t)i * 4 + 4 <= g->localen
		               ? (uint32_t)font_be16(g->loca + i * 4) << 16 |
		                         font_be16(g->loca + i * 4 + 2)
		               : UINT32_MAX;
	return (size_t)i * 2 + 2 <= g->localen ? font_be16(g->loca + i * 2) * 2u : UINT32_MAX;
}

/* Marks the components of glyph gid used, recursively (depth-limited). */
static void font_mark_parts(struct font_glyf *g, unsigned gid, int depth)
{
	uint32_t a = font_loca(g, gid), b = font_loca(g, gid + 1);
	if (depth > 8 || a == UINT32_MAX || b == UINT32_MAX || b > g->glyflen || a + 10 > b)
		return;
	if ((int16_t)font_be16(g->glyf + a) >= 0)
		return; /* simple glyph */
	for (uint32_t q = a + 10; q + 4 <= b;) {
		unsigned flags = font_be16(g->glyf + q), comp = font_be16(g->glyf + q + 2);
		q += 4 + ((flags & 1) ? 4 : 2);
		q += (flags & 8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0;
		if (comp < g->n && !g->used[comp]) {
			g->used[comp] = 1;
			font_mark_parts(g, comp, depth + 1);
		}
		if (!(flags & 0x20))
			break;
	}
}

static void font_close_face(struct font_face *fc, HPDF_Doc pdf)
{
	HPDF_FontDef def = HPDF_Doc_FindFontDef(pdf, fc->name);
	if (def == NULL || def->sig_bytes != HPDF_FONTDEF_SIG_BYTES ||
	    def->type != HPDF_FONTDEF_TYPE_TRUETYPE || def->attr == NULL)
		return;
	HPDF_TTFontDefAttr attr = def->attr;
	if (!attr->embedding || attr->num_glyphs != fc->nglyphs || attr->glyph_tbl.flgs == NULL)
		return;
	hb_face_t *face = hb_face_create(fc->subset, 0);
	hb_blob_t *glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
	hb_blob_t *loca = hb_face_reference_table(face, HB_TAG('l', 'o', 'c', 'a'));
	hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned hlen;
	const uint8_t *h = (const uint8_t *)hb_blob_get_data(head, &hlen);
	struct font_glyf g = {.n = fc->nglyphs, .used = attr->glyph_tbl.flgs};
	g.glyf = (const uint8_t *)hb_blob_get_data(glyf, &g.glyflen);
	g.loca = (const uint8_t *)hb_blob_get_data(loca, &g.localen);
	if (h != NULL && hlen >= 54 && g.glyf != NULL && g.loca != NULL) {
		g.longloca = font_be16(h + 50) != 0;
		for (unsigned gid = 0; gid < g.n; gid++)
			if (g.used[gid])
				font_mark_parts(&g, gid, 0);
	}
	hb_blob_destroy(glyf);
	hb_blob_destroy(loca);
	hb_blob_destroy(head);
	hb_face_destroy(face);
}

void lay_fonts_close_composites(struct lay_fonts *fs, HPDF_Doc pdf)
{
#if HPDF_VERSION_ID < 20400
	for (size_t i = 0; i < fs->nfaces; i++)
		if (fs->faces[i].font != NULL)
			font_close_face(&fs->faces[i], pdf);
#else
	(void)fs;
	(void)pdf;
#endif
}
