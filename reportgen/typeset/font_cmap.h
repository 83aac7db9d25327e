/* font_cmap.h: ToUnicode CMaps and private-use cmaps for font.c (font_cmap.c). */
#ifndef RG_FONT_CMAP_H
#define RG_FONT_CMAP_H

#include <stddef.h>

#include <hb.h>

/* The ToUnicode CMap (bfrange/bfchar, 2-byte codes) of a font whose cmap maps the BMP codes
 * in `codes`: each code stands for itself, or for real's value when real (may be NULL) has
 * it. Heap text of *len bytes; the caller frees. */
char *font_cmap_tounicode(const hb_set_t *codes, const hb_map_t *real, size_t *len);
/* A copy of font `sub` whose cmap is one (3,1) format 4 subtable mapping each code of
 * `codes` (BMP) to code_gid's glyph id. NULL on failure. */
hb_blob_t *font_cmap_rebuild(hb_face_t *sub, const hb_set_t *codes, const hb_map_t *code_gid);

#endif
