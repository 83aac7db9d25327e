/* hblib.h: HarfBuzz (libharfbuzz-subset and, through it, libharfbuzz), loaded when a run
 * typesets a PDF (hblib.c). Linking them would load them, FreeType, GLib, graphite2, PCRE2
 * and Brotli into every process, ~0.6 ms of start-up for a check or a STIX export that never
 * subsets a font. The font code calls hblib_need(), then HarfBuzz through rg_hb:
 * rg_hb.hb_set_create(). (Loading it on a second thread while the first document is read
 * was tried and measured slower: once a process has made a thread, glibc's malloc and stdio
 * take their locks for good, and typesetting the seed took 25 % longer.) */
#ifndef RG_HBLIB_H
#define RG_HBLIB_H

#include <stdbool.h>

#include <hb-subset.h>
#include <hb.h>

/* Every HarfBuzz function reportgen calls. */
#define HBLIB_FUNCTIONS(X)                  \
	X(hb_blob_create)                   \
	X(hb_blob_create_from_file_or_fail) \
	X(hb_blob_destroy)                  \
	X(hb_blob_get_data)                 \
	X(hb_blob_get_length)               \
	X(hb_face_builder_add_table)        \
	X(hb_face_builder_create)           \
	X(hb_face_collect_unicodes)         \
	X(hb_face_create)                   \
	X(hb_face_destroy)                  \
	X(hb_face_get_glyph_count)          \
	X(hb_face_get_table_tags)           \
	X(hb_face_get_upem)                 \
	X(hb_face_reference_blob)           \
	X(hb_face_reference_table)          \
	X(hb_font_create)                   \
	X(hb_font_destroy)                  \
	X(hb_font_get_h_extents)            \
	X(hb_font_get_nominal_glyph)        \
	X(hb_font_set_scale)                \
	X(hb_map_create)                    \
	X(hb_map_destroy)                   \
	X(hb_map_get)                       \
	X(hb_map_has)                       \
	X(hb_map_set)                       \
	X(hb_set_add)                       \
	X(hb_set_add_range)                 \
	X(hb_set_create)                    \
	X(hb_set_destroy)                   \
	X(hb_set_get_max)                   \
	X(hb_set_get_min)                   \
	X(hb_set_get_population)            \
	X(hb_set_has)                       \
	X(hb_set_is_empty)                  \
	X(hb_set_next)                      \
	X(hb_set_subtract)                  \
	X(hb_set_union)                     \
	X(hb_subset_input_create_or_fail)   \
	X(hb_subset_input_destroy)          \
	X(hb_subset_input_set)              \
	X(hb_subset_input_set_flags)        \
	X(hb_subset_input_unicode_set)      \
	X(hb_subset_or_fail)

struct hblib {
#define HBLIB_MEMBER(f) __typeof__(f) *f;
	HBLIB_FUNCTIONS(HBLIB_MEMBER)
#undef HBLIB_MEMBER
};

/* Filled by hblib_need() or hblib_prepare(); read only after hblib_need(). */
extern struct hblib rg_hb;

/* Loads HarfBuzz (once; safe from any thread), or says why not and exits 3. */
void hblib_need(void);
/* Prepares a run that will typeset: when it forks workers, loads HarfBuzz now, once, so
 * that they inherit it loaded; else leaves it to the first hblib_need. A failure is left
 * for hblib_need to report. */
void hblib_prepare(bool forks);

#endif
