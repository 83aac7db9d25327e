/* font.c: per-document HarfBuzz subsets of the report faces and their fallbacks loaded into
 * libharu, width cache, missing-glyph replacement, ToUnicode maps and the composite-glyph
 * closure libharu 2.3.0 lacks. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "hblib.h"
#include "font.h"
#include "font_cmap.h"
#include "layout_int.h"

/* The first code a compact face draws (see font_compact). */
#define FONT_CODE_BASE 0x20

struct font_face {
	const char *path;
	hb_blob_t *subset; /* the bytes libharu embeds; kept until after save */
	unsigned nglyphs;
	const char *name; /* libharu's font name */
	HPDF_Font font;
	uint8_t cov[8192];     /* BMP coverage of the full face, one bit per code point */
	uint16_t *w;           /* width + 1 per code drawn, 0 = not measured yet */
	hb_map_t *real;        /* code drawn -> the character it stands for */
	hb_map_t *code;        /* and back: character beyond the BMP -> the code drawn */
	bool compact;          /* codes in glyph order (font_compact) */
	uint16_t *code16[256]; /* its code per BMP character, 0 = none: 256 characters a
	                        * block, a block allocated when it holds one */
	hb_set_t *drawn;       /* a compact face's codes that stand for characters */
	uint8_t *cidmap;       /* a compact face's CIDToGIDMap (code -> glyph, big-endian) */
	size_t cidmap_len;
	double ascent, descent, gap; /* em, from the face's horizontal extents */
};

struct lay_fonts {
	struct font_face faces[LAY_NFACES];
	size_t nfaces;
	int face_of[LAY_NFACES];
	hb_map_t *fb; /* character -> the fallback face (LAY_FALLBACK + i) that draws it */
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
			rg_hb.hb_set_add(u->by[f], cp);
	}
}

static void font_use_sets(struct font_use *u)
{
	for (int f = 0; f < LAY_NFONTS; f++) {
		for (uint32_t b = 0; b < 8192; b++)
			for (uint32_t bit = 0; u->bmp[f][b] >> bit; bit++)
				if (u->bmp[f][b] >> bit & 1)
					rg_hb.hb_set_add(u->by[f], b << 3 | bit);
		rg_hb.hb_set_union(u->all, u->by[f]);
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
	for (size_t r = 0; r < LAY_RANKS; r++)
		font_str(u, LAY_SANS_BOLD, s->rank_label[r]);
	font_str(u, LAY_SANS, s->footer_page_format);
	font_str(u, LAY_SANS_BOLD, s->underlay);
	font_str(u, LAY_SANS, "0123456789");
	font_use_sets(u);
	rg_hb.hb_set_add_range(u->all, 0x20, 0x7E);
	rg_hb.hb_set_add(u->all, UTF8_REPLACEMENT_CP);
	rg_hb.hb_set_add(u->all, 0x2026);
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
	hb_subset_input_t *in = rg_hb.hb_subset_input_create_or_fail();
	if (in == NULL)
		return NULL;
	rg_hb.hb_set_union(rg_hb.hb_subset_input_unicode_set(in), all);
	rg_hb.hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NOTDEF_OUTLINE |
	                                            HB_SUBSET_FLAGS_NO_HINTING);
	hb_set_t *drop = rg_hb.hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	hb_tag_t tags[64];
	unsigned start = 0, n;
	do {
		n = 64;
		rg_hb.hb_face_get_table_tags(face, start, &n, tags);
		for (unsigned i = 0; i < n; i++)
			if (!font_keep_table(tags[i]))
				rg_hb.hb_set_add(drop, tags[i]);
		start += n;
	} while (n == 64);
	hb_face_t *sub = rg_hb.hb_subset_or_fail(face, in);
	rg_hb.hb_subset_input_destroy(in);
	if (sub == NULL)
		return NULL;
	hb_blob_t *blob = rg_hb.hb_face_reference_blob(sub);
	rg_hb.hb_face_destroy(sub);
	if (rg_hb.hb_blob_get_length(blob) == 0) {
		rg_hb.hb_blob_destroy(blob);
		return NULL;
	}
	return blob;
}

/* Hands the subset to libharu in a memory stream. Returns the font name or NULL.
 * HPDF_LoadTTFontFromFile would read it through stdio, which seeks (a system call) before
 * every read of a table and of each glyph it embeds: some 800 calls for the seed. What
 * follows is that function's body in libharu 2.3.0 with a memory stream as the source:
 * load the definition, reuse one already loaded under the same name, else list it and give
 * it the document's next subset tag (HPDFAA, HPDFAB, ...). */
static const char *font_define(HPDF_Doc pdf, hb_blob_t *blob)
{
	unsigned len;
	const char *data = rg_hb.hb_blob_get_data(blob, &len);
	HPDF_Stream st = HPDF_MemStream_New(pdf->mmgr, len);
	if (st == NULL)
		return NULL;
	if (HPDF_Stream_Write(st, (const HPDF_BYTE *)data, len) != HPDF_OK) {
		HPDF_Stream_Free(st);
		return NULL;
	}
	HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, st, HPDF_TRUE); /* owns st */
	if (def == NULL)
		return NULL;
	HPDF_FontDef known = HPDF_Doc_FindFontDef(pdf, def->base_font);
	if (known != NULL) {
		HPDF_FontDef_Free(def);
		return known->base_font;
	}
	if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		return NULL;
	}
	HPDF_BYTE *tag = pdf->ttfont_tag;
	if (tag[0] == 0) {
		memcpy(tag, "HPDFAA", 6);
	} else {
		for (int i = 5; i >= 0; i--) {
			if (++tag[i] <= 'Z')
				break;
			tag[i] = 'A';
		}
	}
	HPDF_TTFontDef_SetTagName(def, (char *)tag);
	return def->base_font;
}

/* font_define, with libharu's error handler told of a failure as HPDF_LoadTTFontFromFile
 * tells it. */
static const char *font_register(HPDF_Doc pdf, hb_blob_t *blob)
{
	const char *name = font_define(pdf, blob);
	if (name == NULL)
		HPDF_CheckError(&pdf->error);
	return name;
}

/* Replaces the CIDToGIDMap libharu made for a compact face's font (all 65,536 codes) by the
 * face's own, which ends after its last code. */
static bool font_cidmap(struct font_face *fc)
{
	HPDF_FontAttr attr = fc->font->attr;
	if (fc->cidmap == NULL)
		return true;
	if (attr == NULL || attr->map_stream == NULL || attr->map_stream->stream == NULL)
		return false;
	HPDF_Stream st = attr->map_stream->stream;
	HPDF_MemStream_FreeData(st);
	return HPDF_Stream_Write(st, fc->cidmap, (HPDF_UINT)fc->cidmap_len) == HPDF_OK;
}

/* HPDF_GetFont for fc. For a UTF-8 face libharu 2.3.0 looks every one of the 65,536 codes
 * up in the face's cmap and measures it (0.7 ms a face), unless the encoder's
 * code-to-character function is the CMap encoders' one: then it takes the codes of the
 * encoder's cid_map only. So for a compact face the UTF-8 encoder lends that function and
 * a cid_map of the face's codes, each standing for itself, plus one past the last (libharu
 * leaves the highest out); both are put back before this returns. The font is the same. */
static HPDF_Font font_get(HPDF_Doc pdf, const struct font_face *fc)
{
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	unsigned first = FONT_CODE_BASE + 1, last = (unsigned)(fc->cidmap_len / 2);
	if (fc->cidmap == NULL || enc == NULL || enc->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE ||
	    enc->attr == NULL || enc->to_unicode_fn == HPDF_CMapEncoder_ToUnicode ||
	    last <= first || last > 0xFFFE)
		return HPDF_GetFont(pdf, fc->name, "UTF-8");
	HPDF_CMapEncoderAttr a = enc->attr;
	size_t rows = (last >> 8) - (first >> 8) + 1;
	HPDF_UNICODE(*uni)[256] = rg_xmalloc(rows * sizeof(*uni));
	HPDF_UINT16(*cid)[256] = rg_xmalloc(rows * sizeof(*cid));
	memcpy(uni, a->unicode_map[first >> 8], rows * sizeof(*uni));
	memcpy(cid, a->cid_map[first >> 8], rows * sizeof(*cid));
	for (unsigned c = first; c <= last; c++) {
		a->unicode_map[c >> 8][c & 255] = (HPDF_UNICODE)c;
		a->cid_map[c >> 8][c & 255] = (HPDF_UINT16)c;
	}
	HPDF_Encoder_ToUnicode_Func own = enc->to_unicode_fn;
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	HPDF_Font font = HPDF_GetFont(pdf, fc->name, "UTF-8");
	enc->to_unicode_fn = own;
	memcpy(a->unicode_map[first >> 8], uni, rows * sizeof(*uni));
	memcpy(a->cid_map[first >> 8], cid, rows * sizeof(*cid));
	free(uni);
	free(cid);
	return font;
}

/* Replaces the ToUnicode stream libharu made for fc's font. */
static bool font_tounicode(struct font_face *fc)
{
	HPDF_FontAttr attr = fc->font->attr;
	if (attr == NULL || attr->cmap_stream == NULL || attr->cmap_stream->stream == NULL)
		return false;
	hb_set_t *codes = rg_hb.hb_set_create();
	if (fc->drawn != NULL) { /* compact: the cmap maps every glyph, characters or not */
		rg_hb.hb_set_union(codes, fc->drawn);
	} else {
		hb_face_t *face = rg_hb.hb_face_create(fc->subset, 0);
		rg_hb.hb_face_collect_unicodes(face, codes);
		rg_hb.hb_face_destroy(face);
	}
	size_t len;
	char *text = font_cmap_tounicode(codes, fc->real, &len);
	rg_hb.hb_set_destroy(codes);
	HPDF_Stream st = attr->cmap_stream->stream;
	HPDF_MemStream_FreeData(st);
	bool ok = HPDF_Stream_Write(st, (const HPDF_BYTE *)text, (HPDF_UINT)len) == HPDF_OK;
	free(text);
	return ok;
}

/* A subset whose characters beyond the BMP (libharu 2.3.0 draws BMP codes only) get
 * private-use codes that `avoid` (the document's characters) does not hold; the others keep
 * their own. Returns the rebuilt subset or NULL. */
static hb_blob_t *font_private(struct font_face *fc, hb_face_t *sf, const hb_set_t *have,
                               const hb_set_t *avoid)
{
	hb_font_t *font = rg_hb.hb_font_create(sf);
	hb_set_t *codes = rg_hb.hb_set_create();
	hb_map_t *gid = rg_hb.hb_map_create();
	fc->real = rg_hb.hb_map_create();
	fc->code = rg_hb.hb_map_create();
	hb_codepoint_t pua = 0xE000;
	for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; rg_hb.hb_set_next(have, &cp);) {
		hb_codepoint_t g = 0, code = cp;
		rg_hb.hb_font_get_nominal_glyph(font, cp, &g);
		if (cp > 0xFFFF) {
			while (pua <= 0xF8FF &&
			       (rg_hb.hb_set_has(avoid, pua) || rg_hb.hb_set_has(have, pua)))
				pua++;
			if (pua > 0xF8FF)
				continue; /* more than 6,400 characters beyond the BMP */
			code = pua++;
			rg_hb.hb_map_set(fc->real, code, cp);
			rg_hb.hb_map_set(fc->code, cp, code);
		}
		rg_hb.hb_set_add(codes, code);
		rg_hb.hb_map_set(gid, code, g);
	}
	hb_blob_t *re = font_cmap_rebuild(sf, codes, gid);
	rg_hb.hb_font_destroy(font);
	rg_hb.hb_set_destroy(codes);
	rg_hb.hb_map_destroy(gid);
	return re;
}

/* Gives each character of the subset sf a code in glyph order: a character of glyph g draws
 * as FONT_CODE_BASE + g (a second character of the same glyph, as a code past the last
 * glyph); the cmap is rebuilt to match, and the CIDToGIDMap made. Characters beyond the BMP
 * get codes with `remap` only (a fallback face; the report faces cover the BMP). libharu 2.3.0 maps
 * all 65,536 codes of a UTF-8 face and writes a 128 KB CIDToGIDMap for each, which it deflates at
 * save (0.5 ms a face); the codes of a compact face end after its last glyph, so its map
 * (font_cidmap) holds a few hundred bytes. The ToUnicode CMap maps the codes back (fc->real).
 * Returns the rebuilt subset or NULL. */
static hb_blob_t *font_compact(struct font_face *fc, hb_face_t *sf, const hb_set_t *have,
                               bool remap)
{
	hb_font_t *font = rg_hb.hb_font_create(sf);
	hb_set_t *codes = rg_hb.hb_set_create();
	hb_map_t *gid = rg_hb.hb_map_create();
	fc->real = rg_hb.hb_map_create();
	fc->code = rg_hb.hb_map_create();
	fc->compact = true;
	fc->drawn = rg_hb.hb_set_create();
	for (unsigned g = 1; g < fc->nglyphs; g++) { /* every glyph: the cmap is one segment */
		rg_hb.hb_set_add(codes, FONT_CODE_BASE + g);
		rg_hb.hb_map_set(gid, FONT_CODE_BASE + g, g);
	}
	uint8_t *taken = rg_xcalloc(fc->nglyphs + 1, 1);
	unsigned next = FONT_CODE_BASE + fc->nglyphs;
	for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; rg_hb.hb_set_next(have, &cp);) {
		hb_codepoint_t g = 0;
		if ((cp > 0xFFFF && !remap) || !rg_hb.hb_font_get_nominal_glyph(font, cp, &g) ||
		    g == 0 || g >= fc->nglyphs)
			continue;
		unsigned code = taken[g] ? next++ : FONT_CODE_BASE + g;
		taken[g] = 1;
		rg_hb.hb_set_add(codes, code);
		rg_hb.hb_map_set(gid, code, g);
		rg_hb.hb_set_add(fc->drawn, code);
		rg_hb.hb_map_set(fc->real, code, cp);
		if (cp <= 0xFFFF) {
			uint16_t **blk = &fc->code16[cp >> 8];
			if (*blk == NULL)
				*blk = rg_xcalloc(256, sizeof(**blk));
			(*blk)[cp & 255] = (uint16_t)code;
		} else
			rg_hb.hb_map_set(fc->code, cp, code);
	}
	free(taken);
	fc->cidmap_len = 2 * (size_t)next;
	fc->cidmap = rg_xcalloc(fc->cidmap_len, 1);
	for (hb_codepoint_t c = HB_SET_VALUE_INVALID; rg_hb.hb_set_next(codes, &c);) {
		unsigned g = rg_hb.hb_map_get(gid, c);
		fc->cidmap[2 * c] = (uint8_t)(g >> 8);
		fc->cidmap[2 * c + 1] = (uint8_t)g;
	}
	hb_blob_t *re = font_cmap_rebuild(sf, codes, gid);
	rg_hb.hb_font_destroy(font);
	rg_hb.hb_set_destroy(codes);
	rg_hb.hb_map_destroy(gid);
	return re;
}

/* The codes a face draws with, the size of its width cache: a compact face's end after its
 * last code (its CIDToGIDMap's), else every 16-bit code. */
static size_t font_ncodes(const struct font_face *fc)
{
	return fc->compact ? fc->cidmap_len / 2 : 65536;
}

/* Subsets fc->path to `want` and loads it: compact (font_compact) unless its codes would
 * not fit below the surrogates; then, with `remap`, characters beyond the BMP get
 * private-use codes that `avoid` (the document's characters) does not hold. */
static bool font_face_load(HPDF_Doc pdf, struct font_face *fc, hb_face_t *face,
                           const hb_set_t *want, bool remap, const hb_set_t *avoid)
{
	fc->subset = font_subset(face, want);
	if (fc->subset == NULL)
		return false;
	hb_face_t *sf = rg_hb.hb_face_create(fc->subset, 0);
	fc->nglyphs = rg_hb.hb_face_get_glyph_count(sf);
	hb_font_t *hf = rg_hb.hb_font_create(sf);
	hb_font_extents_t ext = {0};
	double upem = rg_hb.hb_face_get_upem(sf);
	rg_hb.hb_font_set_scale(hf, (int)upem, (int)upem);
	if (rg_hb.hb_font_get_h_extents(hf, &ext) && upem > 0) {
		fc->ascent = ext.ascender / upem;
		fc->descent = -ext.descender / upem;
		fc->gap = ext.line_gap / upem;
	}
	rg_hb.hb_font_destroy(hf);
	hb_set_t *have = rg_hb.hb_set_create();
	rg_hb.hb_face_collect_unicodes(sf, have);
	hb_blob_t *re = NULL;
	bool recode = true;
	if (FONT_CODE_BASE + fc->nglyphs + rg_hb.hb_set_get_population(have) < 0xD800)
		re = font_compact(fc, sf, have, remap);
	else if (remap && rg_hb.hb_set_get_max(have) > 0xFFFF &&
	         rg_hb.hb_set_get_max(have) != HB_SET_VALUE_INVALID)
		re = font_private(fc, sf, have, avoid);
	else
		recode = false;
	rg_hb.hb_face_destroy(sf);
	if (recode) {
		rg_hb.hb_blob_destroy(fc->subset);
		fc->subset = re;
		if (re == NULL) {
			rg_hb.hb_set_destroy(have);
			return false;
		}
	}
	rg_hb.hb_set_destroy(have);
	fc->name = font_register(pdf, fc->subset);
	if (fc->name == NULL)
		return false;
	fc->font = font_get(pdf, fc);
	fc->w = rg_xcalloc(font_ncodes(fc), sizeof(uint16_t));
	return fc->font != NULL && font_tounicode(fc) && font_cidmap(fc);
}

/* Opens fc->path and records its BMP coverage in fc->cov (and every character in `all`
 * when that is not NULL). Returns the face (caller destroys) or NULL. */
static hb_face_t *font_face_open(struct font_face *fc, hb_set_t *all)
{
	hb_blob_t *blob = rg_hb.hb_blob_create_from_file_or_fail(fc->path);
	if (blob == NULL)
		return NULL;
	hb_face_t *face = rg_hb.hb_face_create(blob, 0);
	rg_hb.hb_blob_destroy(blob);
	hb_set_t *cov = all != NULL ? all : rg_hb.hb_set_create();
	rg_hb.hb_face_collect_unicodes(face, cov);
	for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; rg_hb.hb_set_next(cov, &cp) && cp <= 0xFFFF;)
		fc->cov[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	if (all == NULL)
		rg_hb.hb_set_destroy(cov);
	if (rg_hb.hb_face_get_glyph_count(face) == 0) {
		rg_hb.hb_face_destroy(face);
		return NULL;
	}
	return face;
}

/* Characters a report draws with their own glyph: not controls (a tab is a space), not
 * default-ignorable. */
static bool font_drawn(uint32_t cp)
{
	return cp >= 0x20 && !lay_invisible(cp);
}

/* The characters that neither their run's face nor the regular face has. */
static hb_set_t *font_missing(const struct lay_fonts *fs, const struct font_use *u)
{
	hb_set_t *miss = rg_hb.hb_set_create();
	const struct font_face *sans = &fs->faces[fs->face_of[LAY_SANS]];
	for (int f = 0; f < LAY_NFONTS; f++) {
		const struct font_face *fc = &fs->faces[fs->face_of[f]];
		for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; rg_hb.hb_set_next(u->by[f], &cp);)
			if (font_drawn(cp) && !font_covers(fc, cp) && !font_covers(sans, cp))
				rg_hb.hb_set_add(miss, cp);
	}
	return miss;
}

/* How many characters of cp's 256-code-point page `cov` has. */
static unsigned font_page_count(const hb_set_t *cov, hb_codepoint_t cp)
{
	unsigned n = 0;
	hb_codepoint_t c = (cp & ~0xFFu) - 1, last = cp | 0xFF;
	if ((cp & ~0xFFu) == 0)
		c = HB_SET_VALUE_INVALID;
	while (rg_hb.hb_set_next(cov, &c) && c <= last)
		n++;
	return n;
}

#define FONT_SCRIPT_FACE 16 /* characters of a page that make a face one for that script */

/* The fallback chain: each character of `miss` goes to the first fallback face that has it
 * and FONT_SCRIPT_FACE characters of its page, else to the first that has it; the rest
 * stays in miss. Loads the faces that get characters. Returns false after a diagnostic. */
static bool font_fallbacks(HPDF_Doc pdf, struct lay_fonts *fs, const struct lay_page_spec *s,
                           hb_set_t *miss, const hb_set_t *all, struct rg_diags *d,
                           const char *file)
{
	hb_face_t *face[LAY_NFALLBACKS] = {0};
	hb_set_t *cov[LAY_NFALLBACKS] = {0}, *want[LAY_NFALLBACKS] = {0};
	size_t nfb = s->nfallbacks < LAY_NFALLBACKS ? s->nfallbacks : LAY_NFALLBACKS, opened = 0;
	struct font_face probe;
	bool ok = true;
	for (int pass = 0; pass < 2 && ok; pass++)
		for (size_t i = 0; i < (pass ? opened : nfb) && !rg_hb.hb_set_is_empty(miss); i++) {
			if (i == opened) {
				memset(&probe, 0, sizeof(probe));
				probe.path = s->fallback_files[i];
				cov[i] = rg_hb.hb_set_create();
				want[i] = rg_hb.hb_set_create();
				face[i] = probe.path ? font_face_open(&probe, cov[i]) : NULL;
				opened++;
				if (face[i] == NULL) {
					rg_diag(d, file, (struct rg_pos){0, 0}, RG_F_LIBRARY, "",
					        "cannot load the font %s",
					        probe.path ? probe.path : "(none)");
					ok = false;
					break;
				}
			}
			for (hb_codepoint_t cp = HB_SET_VALUE_INVALID;
			     rg_hb.hb_set_next(miss, &cp);)
				if (rg_hb.hb_set_has(cov[i], cp) &&
				    (pass == 1 || font_page_count(cov[i], cp) >= FONT_SCRIPT_FACE))
					rg_hb.hb_set_add(want[i], cp);
			rg_hb.hb_set_subtract(miss, want[i]);
		}
	for (size_t i = 0; i < opened; i++) {
		if (ok && !rg_hb.hb_set_is_empty(want[i])) {
			struct font_face *fc = &fs->faces[fs->nfaces];
			fc->path = s->fallback_files[i];
			for (hb_codepoint_t cp = HB_SET_VALUE_INVALID;
			     rg_hb.hb_set_next(want[i], &cp);) {
				if (cp <= 0xFFFF)
					fc->cov[cp >> 3] |= (uint8_t)(1u << (cp & 7));
				rg_hb.hb_map_set(fs->fb, cp, LAY_FALLBACK + (unsigned)i);
			}
			fs->face_of[LAY_FALLBACK + i] = (int)fs->nfaces++;
			if (!font_face_load(pdf, fc, face[i], want[i], true, all)) {
				rg_diag(d, file, (struct rg_pos){0, 0}, RG_F_LIBRARY, "",
				        "cannot load the font %s", fc->path);
				ok = false;
			}
		}
		if (face[i] != NULL)
			rg_hb.hb_face_destroy(face[i]);
		rg_hb.hb_set_destroy(cov[i]);
		rg_hb.hb_set_destroy(want[i]);
	}
	return ok;
}

/* Where each character of miss first occurs in the input file (line and column in
 * characters), or {0, 0} when it is not there as written (an escape, a template string,
 * standard input). */
static void font_positions(const char *file, const hb_set_t *miss, hb_map_t *line, hb_map_t *col)
{
	FILE *fp = file != NULL ? fopen(file, "rb") : NULL;
	if (fp == NULL)
		return;
	char *buf = rg_xmalloc(1 << 16);
	size_t have = 0, n;
	unsigned ln = 1, cl = 1;
	bool eof = false;
	while (!eof || have > 0) {
		if (!eof && have < UTF8_MAXLEN) {
			n = fread(buf + have, 1, (1 << 16) - have, fp);
			eof = n == 0;
			have += n;
			if (have == 0)
				break;
		}
		size_t k;
		uint32_t cp = utf8_next(buf, have, &k);
		if (cp == '\n') {
			ln++;
			cl = 1;
		} else {
			if (rg_hb.hb_set_has(miss, cp) && !rg_hb.hb_map_has(line, cp)) {
				rg_hb.hb_map_set(line, cp, ln);
				rg_hb.hb_map_set(col, cp, cl);
			}
			cl++;
		}
		memmove(buf, buf + k, have - k);
		have -= k;
	}
	free(buf);
	fclose(fp);
}

/* One warning per character no face has (drawn as a replacement mark), at the place the
 * input file first holds it. */
static void font_warn_missing(const hb_set_t *miss, struct rg_diags *d, const char *file)
{
	if (rg_hb.hb_set_is_empty(miss))
		return;
	hb_map_t *line = rg_hb.hb_map_create(), *col = rg_hb.hb_map_create();
	font_positions(file, miss, line, col);
	for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; rg_hb.hb_set_next(miss, &cp);) {
		struct rg_pos pos = {0, 0};
		if (rg_hb.hb_map_has(line, cp))
			pos = (struct rg_pos){(int)rg_hb.hb_map_get(line, cp),
			                      (int)rg_hb.hb_map_get(col, cp)};
		rg_diag(d, file, pos, RG_W_MISSING_GLYPH, "",
		        "U+%04X has no glyph in the report fonts; drawn as a replacement mark",
		        (unsigned)cp);
	}
	rg_hb.hb_map_destroy(line);
	rg_hb.hb_map_destroy(col);
}

/* Right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, their
 * presentation forms. */
static bool font_rtl(hb_codepoint_t cp)
{
	return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
	       (cp >= 0xFE70 && cp <= 0xFEFE);
}

/* Right-to-left text needs bidi reordering and shaping, which drawing code points one by
 * one cannot do: one warning, at the first such character of the input. */
static void font_warn_rtl(const hb_set_t *all, struct rg_diags *d, const char *file)
{
	hb_set_t *rtl = rg_hb.hb_set_create();
	for (hb_codepoint_t cp = 0x058F; rg_hb.hb_set_next(all, &cp) && cp <= 0xFEFE;)
		if (font_rtl(cp))
			rg_hb.hb_set_add(rtl, cp);
	if (rg_hb.hb_set_is_empty(rtl)) {
		rg_hb.hb_set_destroy(rtl);
		return;
	}
	hb_map_t *line = rg_hb.hb_map_create(), *col = rg_hb.hb_map_create();
	font_positions(file, rtl, line, col);
	struct rg_pos pos = {0, 0};
	hb_codepoint_t first = rg_hb.hb_set_get_min(rtl);
	for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; rg_hb.hb_set_next(rtl, &cp);) {
		if (!rg_hb.hb_map_has(line, cp))
			continue;
		struct rg_pos p = {(int)rg_hb.hb_map_get(line, cp), (int)rg_hb.hb_map_get(col, cp)};
		if (pos.line == 0 || p.line < pos.line || (p.line == pos.line && p.col < pos.col)) {
			pos = p;
			first = cp;
		}
	}
	rg_diag(d, file, pos, RG_W_OTHER, "",
	        "right-to-left text (U+%04X) is drawn unshaped, left to right: the PDF has no "
	        "bidi reordering or Arabic shaping",
	        (unsigned)first);
	rg_hb.hb_map_destroy(line);
	rg_hb.hb_map_destroy(col);
	rg_hb.hb_set_destroy(rtl);
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
	hblib_need();
	struct lay_fonts *fs = rg_xcalloc(1, sizeof(*fs));
	struct font_use *u = rg_xcalloc(1, sizeof(*u));
	fs->fb = rg_hb.hb_map_create();
	u->all = rg_hb.hb_set_create();
	for (int f = 0; f < LAY_NFONTS; f++)
		u->by[f] = rg_hb.hb_set_create();
	font_collect(u, fl, s);
	for (unsigned i = 0; i < pad && i < sizeof(spare) / sizeof(spare[0]); i++)
		rg_hb.hb_set_add(u->all, spare[i]);
	const char *sans = s->font_files[LAY_SANS];
	bool ok = sans != NULL;
	for (int f = 0; ok && f < LAY_NFONTS; f++) {
		const char *path = s->font_files[f] ? s->font_files[f] : sans;
		if (f != LAY_SANS && rg_hb.hb_set_is_empty(u->by[f]))
			path = sans; /* unused face: never loaded */
		fs->face_of[f] = font_face_index(fs, path);
	}
	for (int i = 0; i < LAY_NFALLBACKS; i++)
		fs->face_of[LAY_FALLBACK + i] = ok ? fs->face_of[LAY_SANS] : 0;
	for (size_t i = 0; ok && i < fs->nfaces; i++) {
		hb_face_t *face = font_face_open(&fs->faces[i], NULL);
		if (face == NULL ||
		    !font_face_load(pdf, &fs->faces[i], face, u->all, false, NULL)) {
			rg_diag(d, file, (struct rg_pos){0, 0}, RG_F_LIBRARY, "",
			        "cannot load the font %s", fs->faces[i].path);
			ok = false;
		}
		if (face != NULL)
			rg_hb.hb_face_destroy(face);
	}
	if (sans == NULL)
		rg_diag(d, file, (struct rg_pos){0, 0}, RG_F_LIBRARY, "", "no regular font given");
	if (ok) {
		hb_set_t *miss = font_missing(fs, u);
		ok = rg_hb.hb_set_is_empty(miss) ||
		     font_fallbacks(pdf, fs, s, miss, u->all, d, file);
		if (ok) {
			font_warn_missing(miss, d, file);
			font_warn_rtl(u->all, d, file);
		}
		rg_hb.hb_set_destroy(miss);
	}
	rg_hb.hb_set_destroy(u->all);
	for (int f = 0; f < LAY_NFONTS; f++)
		rg_hb.hb_set_destroy(u->by[f]);
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
		rg_hb.hb_blob_destroy(fs->faces[i].subset);
		rg_hb.hb_map_destroy(fs->faces[i].real);
		rg_hb.hb_map_destroy(fs->faces[i].code);
		rg_hb.hb_set_destroy(fs->faces[i].drawn);
		for (size_t b = 0; b < 256; b++)
			free(fs->faces[i].code16[b]);
		free(fs->faces[i].cidmap);
		free(fs->faces[i].w);
	}
	rg_hb.hb_map_destroy(fs->fb);
	free(fs);
}

static const struct font_face *font_face_of(const struct lay_fonts *fs, enum lay_font f)
{
	return &fs->faces[fs->face_of[(unsigned)f < LAY_NFACES ? f : LAY_SANS]];
}

HPDF_Font lay_fonts_get(const struct lay_fonts *fs, enum lay_font f)
{
	return font_face_of(fs, f)->font;
}

/* A compact face's code of character cp, 0 when it has none (or cp is beyond the BMP). */
static uint16_t font_code16(const struct font_face *fc, uint32_t cp)
{
	const uint16_t *blk = cp <= 0xFFFF ? fc->code16[cp >> 8] : NULL;
	return blk != NULL ? blk[cp & 255] : 0;
}

uint32_t lay_fonts_map(const struct lay_fonts *fs, enum lay_font f, uint32_t cp)
{
	const struct font_face *fc = font_face_of(fs, f);
	if (fc->compact) { /* a character the subset lacks draws its notdef */
		uint16_t k = font_code16(fc, cp);
		if (k != 0)
			return k;
		if (cp > 0xFFFF && rg_hb.hb_map_has(fc->code, cp))
			return rg_hb.hb_map_get(fc->code, cp);
		k = font_code16(fc, UTF8_REPLACEMENT_CP);
		return k != 0 ? k : FONT_CODE_BASE;
	}
	if (fc->code != NULL && rg_hb.hb_map_has(fc->code, cp))
		return rg_hb.hb_map_get(fc->code, cp);
	if (font_covers(fc, cp))
		return cp;
	return UTF8_REPLACEMENT_CP; /* not covered either: libharu draws the notdef box */
}

enum lay_font lay_fonts_fallback(const struct lay_fonts *fs, enum lay_font f, uint32_t cp)
{
	if ((unsigned)f >= LAY_NFONTS)
		return (unsigned)f < LAY_NFACES ? f : LAY_SANS;
	if (font_covers(font_face_of(fs, f), cp))
		return f;
	if (font_covers(font_face_of(fs, LAY_SANS), cp))
		return LAY_SANS;
	if (rg_hb.hb_map_has(fs->fb, cp))
		return (enum lay_font)rg_hb.hb_map_get(fs->fb, cp);
	return f;
}

void lay_fonts_vmetrics(const struct lay_fonts *fs, enum lay_font f, double *ascent,
                        double *descent, double *gap)
{
	const struct font_face *fc = font_face_of(fs, f);
	*ascent = fc->ascent;
	*descent = fc->descent;
	*gap = fc->gap;
}

double lay_fonts_width(void *ctx, enum lay_font f, uint32_t cp)
{
	struct lay_fonts *fs = ctx;
	f = lay_fonts_fallback(fs, f, cp);
	struct font_face *fc = &fs->faces[fs->face_of[f]];
	cp = lay_fonts_map(fs, f, cp);
	size_t nw = font_ncodes(fc);
	if (cp < nw && fc->w[cp] != 0)
		return fc->w[cp] - 1;
	HPDF_INT w = HPDF_Font_GetUnicodeWidth(fc->font, (HPDF_UNICODE)cp);
	w = w < 0 ? 0 : w > 65000 ? 65000 : w;
	if (cp < nw) /* a code past a compact face's last is never drawn: not kept */
		fc->w[cp] = (uint16_t)(w + 1);
	return w;
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
	hb_face_t *face = rg_hb.hb_face_create(fc->subset, 0);
	hb_blob_t *glyf = rg_hb.hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
	hb_blob_t *loca = rg_hb.hb_face_reference_table(face, HB_TAG('l', 'o', 'c', 'a'));
	hb_blob_t *head = rg_hb.hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned hlen;
	const uint8_t *h = (const uint8_t *)rg_hb.hb_blob_get_data(head, &hlen);
	struct font_glyf g = {.n = fc->nglyphs, .used = attr->glyph_tbl.flgs};
	g.glyf = (const uint8_t *)rg_hb.hb_blob_get_data(glyf, &g.glyflen);
	g.loca = (const uint8_t *)rg_hb.hb_blob_get_data(loca, &g.localen);
	if (h != NULL && hlen >= 54 && g.glyf != NULL && g.loca != NULL) {
		g.longloca = font_be16(h + 50) != 0;
		for (unsigned gid = 0; gid < g.n; gid++)
			if (g.used[gid])
				font_mark_parts(&g, gid, 0);
	}
	rg_hb.hb_blob_destroy(glyf);
	rg_hb.hb_blob_destroy(loca);
	rg_hb.hb_blob_destroy(head);
	rg_hb.hb_face_destroy(face);
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
