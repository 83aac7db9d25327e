/* layout_int.h: internals shared by the typesetter's layout files. Dependencies point one way:
 * layout.c (driver) -> layout_table.c, layout_page.c -> layout_text.c -> layout_ops.c. */
#ifndef RG_LAYOUT_INT_H
#define RG_LAYOUT_INT_H

#include "layout.h"
#include "utf8.h"

#define LAY_ASCENT 0.928                      /* DejaVu ascender, em */
#define LAY_DESCENT 0.236                     /* DejaVu descender, em */
#define LAY_EM_BOX (LAY_ASCENT + LAY_DESCENT) /* ascender to descender, em */

/* Typographic defaults and factors used in more than one place (sizes in pt, leadings as
 * multiples of the size). */
#define LAY_PARA_SIZE 10 /* paragraph text */
#define LAY_PARA_LEADING 1.35
#define LAY_HEADING_SIZE 14
#define LAY_TABLE_SIZE 9        /* table text */
#define LAY_COMPACT_LEADING 1.3 /* table cells, captions, the contents title */
#define LAY_CAPTION_SIZE 8.5    /* image and table captions */
#define LAY_CAPTION_COLOR 0x555555
#define LAY_INSET 0.6        /* text inset of a paragraph with bg or bar, em */
#define LAY_BAR_WIDTH 3      /* left bar of a block quote */
#define LAY_FURNITURE_SIZE 8 /* running header and footer */
#define LAY_IMAGE_ASPECT_W 4 /* assumed aspect of an image whose size is unknown */
#define LAY_IMAGE_ASPECT_H 3
#define LAY_TABLE_FLOOR 0.70 /* smallest size a wide table shrinks to, of its own */
#define LAY_TABLE_STEP 0.05  /* ... in steps of this much of its own */

/* Characters that are neither measured nor drawn: controls (a tab is drawn as a space) and
 * the default-ignorable format characters (zero-width spaces and joiners, bidi controls,
 * variation selectors, tags), which a face without shaping could only draw as a box. */
static inline bool lay_invisible(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0) || cp == 0x034F ||
	       (cp >= 0x180B && cp <= 0x180E) || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
	       (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || (cp >= 0xE0000 && cp <= 0xE0FFF);
}

/* A run's length in bytes (a run without text is empty) and its size in a block of
 * default size dflt. */
static inline size_t lay_run_len(const struct lay_run *r)
{
	return r->text != NULL ? r->len : 0;
}

static inline double lay_run_size(const struct lay_run *r, double dflt)
{
	return r->size > 0 ? r->size : dflt;
}

/* A piece of one run on one line. */
struct lay_seg {
	const struct lay_run *run;
	const char *text;
	size_t len;
	double x, w; /* x from the line's start */
	double size;
	enum lay_font font; /* the run's, or a fallback for characters it lacks */
};

struct lay_line {
	struct lay_seg *segs;
	size_t nsegs;
	double width;    /* without trailing spaces */
	double height;   /* line box */
	double baseline; /* from the line box's top */
};

struct lay_lines {
	struct lay_line *v;
	size_t n;
	double height; /* sum of line heights */
};

/* How a block of runs is set. */
struct lay_textstyle {
	double width;   /* line width, pt */
	double size;    /* default size */
	double leading; /* line height / size */
	uint32_t color; /* default colour */
	enum lay_align align;
	bool pre;
};

/* The layout state: pages so far and the cursor. */
struct lay_ctx {
	struct rg_arena *arena;
	const struct lay_page_spec *spec;
	const struct lay_metrics *m;
	struct lay_result *res;
	size_t pagecap, markcap;
	double top, bottom, left, width; /* text area */
	double y;                        /* cursor: top of the free space */
	bool at_top;                     /* nothing placed on this page yet */
	bool landscape;                  /* pages are added turned (lay_orient) */
	size_t cur;                      /* page that lay_op_add appends to */
	unsigned row, col;               /* table cell being emitted (lay_op.row, col) */
	unsigned char rank;              /* of what is being placed (lay_op.rank) */
	/* the display list being filled: one buffer reused page after page (layout_ops.c) */
	struct lay_op *work;
	size_t workcap;
	size_t workpage;             /* index + 1 of the page whose ops are `work`, or 0 */
	const struct lay_pass *pass; /* page by page (lay_paginate_pass), or NULL */
	/* with pass: what lay_newpage calls on the page it leaves (lay_page_finish) */
	void (*finish)(struct lay_ctx *);
	struct lay_fur *fur; /* the furniture fitted once (layout_page.c) */
	/* memory for one step (a table row's lines, layout_table.c), emptied at the next;
	 * nothing placed on a page points into it */
	struct rg_arena *scratch;
};

/* Width of cp in font f at size pt (layout_text.c, like the next two). */
double lay_cpwidth(const struct lay_ctx *, enum lay_font, double size, uint32_t cp);
/* Width of a UTF-8 string on one line. */
double lay_strwidth(const struct lay_ctx *, enum lay_font, double size, const char *, size_t);

/* The memo of measured text (layout.h; layout_memo.c): a block of runs is known by its
 * content (each run's text, length, size, font and value flag, the default size, pre). get
 * finds a kept block's n elements; put keeps v (n elements of elem bytes, malloc'ed, the
 * memo's from then on) for the block of the last get, and returns false (v still the
 * caller's) when that would pass the memo's bound. */
const void *lay_memo_get(struct lay_memo *, const struct lay_run *, size_t nruns, double size,
                         bool pre, size_t *n);
bool lay_memo_put(struct lay_memo *, void *v, size_t n, size_t elem);

/* Breaks runs into lines (layout_text.c). Lines are arena memory. */
void lay_break(struct lay_ctx *, const struct lay_run *, size_t nruns, const struct lay_textstyle *,
               struct lay_lines *);
/* Min-content (widest unbreakable piece) and max-content (widest line) widths of runs; and
 * (when wordw is not NULL) the widest word: a piece between spaces, where a space between two
 * digits does not count (a date and its time); values (lay_run.value) are no words. */
void lay_measure(struct lay_ctx *, const struct lay_run *, size_t nruns, double size, bool pre,
                 double *minw, double *maxw, double *wordw);
/* Emits lines [from, to) with the first line's top at ytop; returns their height. */
double lay_emit_lines(struct lay_ctx *, const struct lay_lines *, size_t from, size_t to, double x,
                      double ytop, const struct lay_textstyle *);

/* Places lines at the cursor, moving to new pages as needed (layout_text.c). */
void lay_place_lines(struct lay_ctx *, const struct lay_lines *, double x,
                     const struct lay_textstyle *);

/* Places a time chart at the cursor (layout_chart.c). */
void lay_chart_place(struct lay_ctx *, const struct lay_chart *);

/* Ops, pages, marks and the cursor (layout_ops.c). */
struct lay_op *lay_op_add(struct lay_ctx *, enum lay_op_kind);
void lay_fill(struct lay_ctx *, double x, double y, double w, double h, uint32_t color);
void lay_hline(struct lay_ctx *, double x, double y, double w, double width, uint32_t color);
void lay_newpage(struct lay_ctx *);
/* Sets the text area for portrait or landscape pages; a change starts a new page, unless the
 * current one is still empty (it is turned instead). */
void lay_orient(struct lay_ctx *, bool landscape);
/* Sets the text area (top, bottom, left, width) of a portrait or landscape page: margins
 * stay on their sides. */
void lay_area(struct lay_ctx *, bool landscape);
/* The text area's width on landscape pages. */
double lay_landscape_width(const struct lay_ctx *);
void lay_mark_add(struct lay_ctx *, const char *anchor, const char *title, int level, bool in_toc);
/* Pixel size of an image from the metrics, else LAY_IMAGE_ASPECT_W x LAY_IMAGE_ASPECT_H. */
void lay_image_px(const struct lay_ctx *, const char *path, bool jpeg, double *pw, double *ph);
/* Room left on the page below the cursor. */
double lay_room(const struct lay_ctx *);
/* Moves to a new page when h does not fit here but fits on an empty page. */
void lay_need_room(struct lay_ctx *, double h);
/* Vertical space, dropped at the top of a page. */
void lay_space(struct lay_ctx *, double h);

/* Tables (layout_table.c). */
struct lay_tprep;
struct lay_tprep *lay_table_prepare(struct lay_ctx *, const struct lay_table *);
/* Whether the table goes on landscape pages (decided when prepared). */
bool lay_table_landscape(const struct lay_tprep *);
/* Height of the whole table: rows, caption and the space before (for floats). */
double lay_table_height(const struct lay_tprep *);
/* Height of the header row plus the first body row (for keep-with-next). */
double lay_table_lead(const struct lay_tprep *);
void lay_table_place(struct lay_ctx *, struct lay_tprep *);

#endif
