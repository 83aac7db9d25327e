/* font_cmap.c: the character maps font.c writes: the ToUnicode CMap of an embedded font and
 * the TrueType cmap of a subset whose characters beyond the BMP are moved to private-use
 * codes (libharu 2.3.0 draws BMP codes only). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hblib.h"
#include "font_cmap.h"
#include "reportgen.h"

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
char *font_cmap_tounicode(const hb_set_t *codes, const hb_map_t *real, size_t *len)
{
	size_t cap = rg_hb.hb_set_get_population(codes) + 1, nr = 0, nc = 0;
	struct font_cmap_entry *ranges = rg_xmalloc(cap * sizeof(*ranges));
	struct font_cmap_entry *chars = rg_xmalloc(cap * sizeof(*chars));
	struct font_cmap_entry cur = {0, 0, 0};
	for (hb_codepoint_t c = HB_SET_VALUE_INVALID;;) {
		bool more = rg_hb.hb_set_next(codes, &c) && c <= 0xFFFF;
		uint32_t cp = more ? c : 0;
		if (more && real != NULL && rg_hb.hb_map_has(real, c))
			cp = rg_hb.hb_map_get(real, c);
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

/* ---- TrueType cmap: one (3,1) format 4 subtable ---- */

static void font_put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

struct font_seg {
	unsigned start, end, delta;
};

/* A cmap table mapping every code (<= 0xFFFE) of `codes` to code_gid's glyph. */
static hb_blob_t *font_cmap4(const hb_set_t *codes, const hb_map_t *code_gid)
{
	size_t cap = rg_hb.hb_set_get_population(codes) + 1, n = 0;
	struct font_seg *seg = rg_xmalloc(cap * sizeof(*seg));
	for (hb_codepoint_t c = HB_SET_VALUE_INVALID; rg_hb.hb_set_next(codes, &c) && c < 0xFFFF;) {
		unsigned gid = rg_hb.hb_map_get(code_gid, c);
		unsigned delta = (gid - c) & 0xFFFF;
		if (n > 0 && seg[n - 1].end + 1 == c && seg[n - 1].delta == delta)
			seg[n - 1].end = c;
		else
			seg[n++] = (struct font_seg){c, c, delta};
	}
	seg[n++] = (struct font_seg){0xFFFF, 0xFFFF, 1};
	size_t sublen = 16 + n * 8, len = 12 + sublen;
	uint8_t *t = rg_xcalloc(1, len);
	font_put16(t + 2, 1);   /* one subtable */
	font_put16(t + 4, 3);   /* Windows */
	font_put16(t + 6, 1);   /* Unicode BMP */
	font_put16(t + 10, 12); /* offset (high half is 0) */
	uint8_t *st = t + 12;
	font_put16(st, 4);
	font_put16(st + 2, (unsigned)sublen);
	unsigned pow2 = 1, log2 = 0;
	while (pow2 * 2 <= n) {
		pow2 *= 2;
		log2++;
	}
	font_put16(st + 6, (unsigned)n * 2);
	font_put16(st + 8, pow2 * 2);
	font_put16(st + 10, log2);
	font_put16(st + 12, (unsigned)(n * 2 - pow2 * 2));
	uint8_t *ends = st + 14, *starts = ends + n * 2 + 2, *deltas = starts + n * 2;
	for (size_t i = 0; i < n; i++) {
		font_put16(ends + i * 2, seg[i].end);
		font_put16(starts + i * 2, seg[i].start);
		font_put16(deltas + i * 2, seg[i].delta); /* idRangeOffset stays 0 */
	}
	free(seg);
	return rg_hb.hb_blob_create((const char *)t, (unsigned)len, HB_MEMORY_MODE_WRITABLE, t,
	                            free);
}

hb_blob_t *font_cmap_rebuild(hb_face_t *sub, const hb_set_t *codes, const hb_map_t *code_gid)
{
	hb_face_t *b = rg_hb.hb_face_builder_create();
	hb_tag_t tags[64];
	unsigned start = 0, n;
	do {
		n = 64;
		rg_hb.hb_face_get_table_tags(sub, start, &n, tags);
		for (unsigned i = 0; i < n; i++) {
			if (tags[i] == HB_TAG('c', 'm', 'a', 'p'))
				continue;
			hb_blob_t *t = rg_hb.hb_face_reference_table(sub, tags[i]);
			rg_hb.hb_face_builder_add_table(b, tags[i], t);
			rg_hb.hb_blob_destroy(t);
		}
		start += n;
	} while (n == 64);
	hb_blob_t *cmap = font_cmap4(codes, code_gid);
	rg_hb.hb_face_builder_add_table(b, HB_TAG('c', 'm', 'a', 'p'), cmap);
	rg_hb.hb_blob_destroy(cmap);
	hb_blob_t *out = rg_hb.hb_face_reference_blob(b);
	rg_hb.hb_face_destroy(b);
	if (rg_hb.hb_blob_get_length(out) == 0) {
		rg_hb.hb_blob_destroy(out);
		return NULL;
	}
	return out;
}
