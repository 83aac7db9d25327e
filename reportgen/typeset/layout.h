/* layout.h: the PDF typesetter's contract: a flow of styled elements in, pages of
 * display lists out. The report builder (pdf_build.c) fills a flow from the document;
 * the typesetter (layout.c, font.c, draw.c) measures, breaks, paginates and draws.
 * Only draw.c and font.c call HPDF_*. */
#ifndef RG_LAYOUT_H
#define RG_LAYOUT_H

#include "reportgen.h"

#define LAY_NOCOLOR 0xFFFFFFFFu /* colours are 0xRRGGBB; this means "none" */
/* Ranks an element may carry (0 = none, up to LAY_RANKS - 1): each page's footer label is
 * the label of the highest rank placed on that page (lay_page_spec.rank_label). */
#define LAY_RANKS 8

enum lay_font {
	LAY_SANS,
	LAY_SANS_BOLD,
	LAY_SANS_OBLIQUE,
	LAY_SANS_BOLD_OBLIQUE,
	LAY_MONO,
	LAY_MONO_BOLD,
	LAY_NFONTS,
	/* (typesetter) LAY_FALLBACK + i: the page spec's fallback face i, chosen per character
	 * for characters the run's face and the regular face lack; ops and segments carry it */
	LAY_FALLBACK = LAY_NFONTS
};
#define LAY_NFALLBACKS 8                         /* fallback faces a page spec may list */
#define LAY_NFACES (LAY_NFONTS + LAY_NFALLBACKS) /* every value an op's font may take */

enum lay_align { LAY_LEFT, LAY_CENTER, LAY_RIGHT };

/* A run of text in one style. Strings are borrowed (arena-owned by the flow's arena). */
struct lay_run {
	const char *text; /* UTF-8 */
	size_t len;
	double size; /* pt; 0 = the paragraph's size */
	/* (typesetter) with value, in a table cell, when > 0: the run shrinks down to fit x its
	 * size to stay on one line, and its column is made wide enough for that (up to 55 % of
	 * the text width) */
	double fit;
	const char *uri;  /* external link target, or NULL */
	const char *dest; /* internal anchor name, or NULL */
	enum lay_font font;
	uint32_t color; /* LAY_NOCOLOR = the paragraph's colour */
	uint32_t bg;    /* fill behind the run (badges, code spans), or LAY_NOCOLOR */
	/* (typesetter) the run is one value (an indicator) to keep whole: it breaks only after
	 * / \ ? & = . , ; : _ @ # (never after a hyphen, which would read as hyphenation), and
	 * when it breaks its text ops carry the whole value (lay_op.actual), which the PDF gives
	 * as the span's /ActualText so that copying it yields one unbroken string. */
	bool value;
};

struct lay_runs {
	struct lay_run *v;
	uint32_t n, cap; /* a flow holds far fewer (inputs are at most RG_MAX_FILE bytes) */
};

struct lay_para {
	struct lay_runs runs;
	double size;    /* default run size, pt */
	uint32_t color; /* default run colour */
	double leading; /* line height as a multiple of size (e.g. 1.35) */
	enum lay_align align;
	double indent;      /* left indent of every line, pt */
	const char *marker; /* list bullet/number drawn right-aligned in the indent, or NULL */
	bool preformatted;  /* code: keep newlines and spaces, break long lines anywhere */
	uint32_t bg;        /* block background (code, callouts), or LAY_NOCOLOR */
	uint32_t bar;       /* left bar (block quotes), or LAY_NOCOLOR */
	/* (typesetter) with bg or bar, text is inset by 0.6 * size on every side; the bar is
	 * 3 pt wide at the left edge of the block. Runs with uri/dest and colour LAY_NOCOLOR
	 * take the page spec's link_colour. */
	double space_before, space_after;
	bool keep_with_next;
};

struct lay_heading {
	int level;          /* 1 = section, 2..4 = block titles */
	const char *text;   /* UTF-8 */
	const char *anchor; /* unique destination name */
	bool in_toc;        /* listed in the table of contents and the outline */
	enum lay_font font;
	double size;
	uint32_t color;
	uint32_t rule; /* rule under the heading, or LAY_NOCOLOR */
	double space_before, space_after;
};

struct lay_cell {
	struct lay_runs runs;
	uint32_t bg; /* overrides zebra/header fill, or LAY_NOCOLOR */
	bool preformatted;
	unsigned char rank; /* a row ranks as its highest cell (and at least as its table) */
};

struct lay_table {
	size_t ncols, nrows;    /* nrows counts the header row when header is true */
	struct lay_cell *cells; /* nrows * ncols, row-major */
	bool header;            /* row 0 is a header, repeated after every page break */
	bool keyvalue;          /* two columns: key column fitted to its content, capped at ~35 % */
	bool keep_together;     /* (typesetter) starts on a new page when it does not fit in the
	                         * room left but would fit on a page (a picture, not a list) */
	double size;            /* text size, pt */
	double padding;         /* cell padding, pt */
	uint32_t header_bg, header_fg, zebra_bg, border;
	const char *caption; /* drawn under the table, or NULL */
	const char *anchor;  /* destination at the table's top, or NULL */
	double space_before, space_after;
	/* (typesetter) A table whose columns would have to break inside words at the text
	 * width is fitted (layout_table.c): its size shrinks in LAY_TABLE_STEP steps down to
	 * LAY_TABLE_FLOOR of size; if still too wide it goes on landscape page(s) of its own,
	 * tried again from size; only then are words broken, at delimiters first. A table that
	 * fits is laid out as before. The headings and keep-with-next paragraphs just before a
	 * landscape table go on its first landscape page; the flow continues on a new portrait
	 * page after it. */
	bool fixed_size; /* size as given: never shrunk to fit */
	bool landscape;  /* always on landscape page(s) of its own */
	/* how far it may shrink on landscape pages, of size (0: LAY_TABLE_FLOOR, as on portrait
	 * ones); lower for a picture that reads better small than with words broken */
	double landscape_floor;
};

/* Where a value was written, for diagnostics about it: its file, position, key path and
 * text as written (any may be NULL). */
struct lay_origin {
	const char *file;
	struct rg_pos pos;
	const char *key;
	const char *text;
};

struct lay_image {
	const char *path; /* checked readable PNG or JPEG */
	bool jpeg;
	struct lay_origin origin; /* of the path, for decoding errors */
	double width_frac;        /* of the text width, (0,1] */
	const char *caption;
	double space_before, space_after;
	/* (typesetter) a float: when it does not fit in the room left on the page, the elements
	 * after it fill that room first, and it goes at the top of the next page, before the
	 * first element that does not fit, a heading, a page break or the end of the flow */
	bool floats;
};

/* A time chart (layout_chart.c): a horizontal axis over [t0, t1] (any unit; the caller's
 * times) across the text width, scale ticks with labels under it (a label that would come
 * too near the previous one is left out), unlabelled event ticks across it, labelled marks
 * on it whose labels stagger into rows above the axis or move aside so that no two labels
 * overlap, and bands in lanes under the scale, each with its label inside, after or before
 * it. Labels are set at size, never below LAY_CHART_MIN_SIZE. */
#define LAY_CHART_MIN_SIZE 6.5
struct lay_chart_tick {
	double t;
	const char *label; /* or NULL */
};
struct lay_chart_mark {
	double t;
	const char *label; /* or NULL */
	uint32_t color;
};
struct lay_chart_band {
	double from, to;
	const char *label; /* or NULL */
	uint32_t color;
};
struct lay_chart {
	double t0, t1;
	struct lay_chart_tick *ticks;
	size_t nticks;
	double *events;
	size_t nevents;
	struct lay_chart_mark *marks;
	size_t nmarks;
	struct lay_chart_band *bands;
	size_t nbands;
	double size; /* of every label, pt */
	uint32_t axis_color, event_color, text_color, band_text_color;
	double space_before, space_after;
};
/* What an op of a chart draws (lay_op.chart), for dumps and tests. */
enum lay_chart_role {
	LAY_CHART_NONE = 0,
	LAY_CHART_AXIS,
	LAY_CHART_TICK,
	LAY_CHART_TICK_LABEL,
	LAY_CHART_EVENT,
	LAY_CHART_MARK,
	LAY_CHART_LEADER,
	LAY_CHART_LABEL,
	LAY_CHART_BAND,
	LAY_CHART_BAND_LABEL,
};

enum lay_elem_kind {
	LAY_E_HEADING,
	LAY_E_PARA,
	LAY_E_TABLE,
	LAY_E_IMAGE,
	LAY_E_RULE,  /* horizontal rule across the text width */
	LAY_E_SPACE, /* vertical space (u.space pt), dropped at the top of a page */
	LAY_E_PAGEBREAK,
	LAY_E_TOC,   /* the table of contents: its entries are the flow's in_toc headings */
	LAY_E_CHART, /* a time chart (struct lay_chart) */
};

struct lay_elem {
	enum lay_elem_kind kind;
	unsigned char rank; /* the flow's rank when the element was added (lay_flow_add) */
	union {
		struct lay_heading heading;
		struct lay_para para;
		struct lay_table table;
		struct lay_image image;
		struct lay_chart chart;
		double space;
		struct {
			const char *title; /* "Contents" */
			double size;
			/* (typesetter) true: when the whole contents does not fit in the room left
			 * on its page, leave out level-3 entries, then level-2 ones, if that makes
			 * it fit (the outline keeps them all); false: list every level, across
			 * pages. */
			bool fit_page;
		} toc;
		struct {
			uint32_t color;
			double width;
		} rule;
	} u;
};

struct lay_flow {
	struct rg_arena *arena; /* owns every string and array reachable from the flow */
	unsigned char rank;     /* given to each element lay_flow_add adds */
	struct lay_elem *v;
	size_t n, cap;
};

/* Page geometry and furniture, from the template. */
struct lay_page_spec {
	double width, height; /* pt */
	double margin_top, margin_right, margin_bottom, margin_left;
	const char *font_files[LAY_NFONTS]; /* TTF paths */
	/* TTF paths tried in order for a character the run's face and the regular face lack:
	 * the first that has it and at least 16 characters of its 256-code-point page (a face
	 * made for that script), else the first that has it */
	const char *fallback_files[LAY_NFALLBACKS];
	size_t nfallbacks;
	const char *header_left, *header_right; /* running header text, or NULL */
	uint32_t header_color;
	const char *footer_label; /* e.g. "TLP:AMBER", or NULL */
	uint32_t footer_label_fg, footer_label_bg;
	/* When set, the footer label of a page whose highest rank placed is r (> 0) */
	const char *rank_label[LAY_RANKS];
	uint32_t rank_fg[LAY_RANKS], rank_bg[LAY_RANKS];
	const char *footer_page_format; /* e.g. "Page %d of %d" */
	uint32_t footer_color;
	bool header_on_first_page; /* false: the cover has no running header */
	uint32_t link_color;
	const char *logo_path; /* drawn on the first page's top right, or NULL */
	bool logo_jpeg;
	double logo_height;
	struct lay_origin logo_origin; /* of the logo's path, for decoding errors */
	size_t max_pages;              /* layout stops past this many pages; 0 = no bound */
	/* The page underlay: a word set diagonally across every page, centred, behind
	 * everything else on it (a watermark such as "DRAFT"); NULL for none. */
	const char *underlay;
	uint32_t underlay_color;
};

struct lay_meta {
	const char *title, *author, *subject, *keywords, *creator; /* UTF-8, NULL = omitted */
	int64_t epoch;   /* creation/modification date, or -1 for none */
	uint64_t *pages; /* NULL, or where lay_typeset stores the number of pages written */
};

/* ---- Display lists: the typesetter's output, read by draw.c and by tests. ---- */

enum lay_op_kind {
	LAY_OP_TEXT,  /* text at baseline (x, y) */
	LAY_OP_FILL,  /* filled rectangle (x, y) bottom-left, w x h */
	LAY_OP_LINE,  /* line from (x, y) to (x + w, y + h), width `size` */
	LAY_OP_IMAGE, /* image at (x, y) bottom-left, w x h */
	LAY_OP_LINK,  /* link rectangle to uri or dest */
};

struct lay_op {
	/* (fields ordered by size, so that the struct has no padding: 136 bytes) */
	double x, y, w, h; /* pt, PDF coordinates (origin bottom-left) */
	double size;
	double radius;     /* FILL: corner radius (h / 2 = pill); added by the typesetter */
	double angle;      /* TEXT: degrees counter-clockwise about (x, y); 0 = horizontal */
	const char *text;  /* TEXT: UTF-8, len bytes */
	const char *uri;   /* LINK */
	const char *dest;  /* LINK */
	const char *image; /* IMAGE: path */
	/* (typesetter) TEXT: the pieces of a broken lay_run.fit run: the first has span
	 * LAY_SPAN_BEGIN and the whole value in actual/actual_len, the last LAY_SPAN_END */
	const char *actual;
	size_t len;
	size_t actual_len;
	enum lay_op_kind kind;
	enum lay_font font;
	uint32_t color;
	unsigned row, col;  /* (typesetter) table row and cell, from 1, that the op draws; 0
	                     * outside tables (col 0: the row's own fill); for dumps only */
	unsigned char rank; /* (typesetter) of the element or table row drawn */
	/* (typesetter) in a chart: what the op draws (enum lay_chart_role), with its item
	 * (from 1) in row; a label's text op also has its box in w and h */
	unsigned char chart;
	unsigned char span; /* (typesetter) TEXT: LAY_SPAN_BEGIN and/or LAY_SPAN_END, see actual */
	bool jpeg;          /* IMAGE */
};
#define LAY_SPAN_BEGIN 1
#define LAY_SPAN_END 2

struct lay_page {
	struct lay_op *ops;
	size_t nops, cap;
	/* (typesetter) the spec's width and height swapped, the margins kept on their sides
	 * (header band on top, footer band at the bottom of the turned page); the running
	 * header, footer and page number are laid out for it like on any page */
	bool landscape;
};

/* A heading placed on a page: the TOC, the outline and internal links use these.
 * (typesetter) Tables with an anchor also get a mark: level 0, in_toc false, title NULL.
 * Pages also carry the furniture (running header, footer pill, "Page X of Y", logo) as ops. */
struct lay_mark {
	const char *anchor, *title;
	int level;
	bool in_toc;
	int page; /* 0-based */
	double y; /* top of the heading */
};

struct lay_result {
	struct lay_page *pages;
	size_t npages;
	bool too_many_pages; /* the flow needed more than spec->max_pages: pages is cut short */
	struct lay_mark *marks;
	size_t nmarks;
};

/* Advance width of code point cp in font f, in 1/1000 em. */
struct lay_metrics {
	double (*width)(void *ctx, enum lay_font f, uint32_t cp);
	void *ctx;
	/* (typesetter, optional) pixel size of an image; NULL or false: 4:3 is assumed. */
	bool (*image_size)(void *ctx, const char *path, bool jpeg, double *w, double *h);
	/* (typesetter, optional) the font that draws cp when f lacks it (f when none has it). */
	enum lay_font (*fallback)(void *ctx, enum lay_font f, uint32_t cp);
	/* (typesetter, optional) the face's ascent, descent (positive) and line gap, em; a line
	 * box grows past size * leading when its faces need more than DejaVu's
	 * LAY_ASCENT + LAY_DESCENT (a CJK or symbol fallback). NULL: DejaVu's. */
	void (*vmetrics)(void *ctx, enum lay_font f, double *ascent, double *descent, double *gap);
	/* (optional) measured text kept between calls, and between passes with the same
	 * metrics (lay_memo_new); NULL: every block is measured each time. */
	struct lay_memo *memo;
};

/* Measured text (layout_memo.c): the characters, widths and break opportunities of each
 * block of runs laid out, by its content, so that a table cell measured for its column and
 * broken into lines, in both passes, is decoded, measured and handed to libunibreak once.
 * For one set of metrics (one document's fonts). Holds at most about max_bytes; blocks
 * past that are measured each time, as without a memo. */
struct lay_memo;
struct lay_memo *lay_memo_new(size_t max_bytes);
void lay_memo_free(struct lay_memo *);

/* Flow construction (layout.c). All memory comes from flow->arena. lay_flow_add returns a
 * zeroed element with defaults: colours that mean "none" are LAY_NOCOLOR (para bg/bar,
 * heading rule, table header_bg/zebra_bg/border), para size 10 / leading 1.35, heading
 * LAY_SANS_BOLD 14 pt, table 9 pt with 3 pt padding. */
void lay_flow_init(struct lay_flow *, struct rg_arena *);
struct lay_elem *lay_flow_add(struct lay_flow *, enum lay_elem_kind);
void lay_runs_add(struct rg_arena *, struct lay_runs *, const struct lay_run *);

/* Lays out the flow on pages. Pure: no libharu. Result memory comes from arena; op text
 * may point into the flow's strings, so the flow must outlive the result. */
struct lay_result *lay_paginate(const struct lay_flow *, const struct lay_page_spec *,
                                const struct lay_metrics *, struct rg_arena *);
/* Layout page by page, in two passes, so that no page's display list outlives its drawing:
 * pass->page is called with each page as soon as it is finished (its furniture included) and
 * its ops are dropped on return (the result keeps every page's size and no ops). A first pass
 * (first NULL) finds the page count and the marks, with the contents' numbers left empty and
 * the footers' page count 0; a second pass given the first's result lays out the same pages
 * with every number in place. */
struct lay_pass {
	void (*page)(void *ctx, const struct lay_result *, size_t i);
	void *ctx;
	const struct lay_result *first;
};
struct lay_result *lay_paginate_pass(const struct lay_flow *, const struct lay_page_spec *,
                                     const struct lay_metrics *, struct rg_arena *,
                                     const struct lay_pass *);
/* Size of page i of the result: the spec's, swapped on a landscape page. */
void lay_page_size(const struct lay_result *, size_t i, const struct lay_page_spec *, double *w,
                   double *h);
/* A text dump of the result, one line per op (for golden tests); caller frees. */
char *lay_dump(const struct lay_result *);
/* The layout decisions as stable text (the hidden "layout" format, layout_dump.c): per page
 * its number and size, its headings and anchors, then one line per op with positions rounded
 * to 0.01 pt, the table cell it belongs to, fonts, sizes and text. */
void lay_dump_pages(FILE *, const struct lay_result *, const struct lay_page_spec *);

/* Lays out the flow with the real fonts, as lay_typeset does, and writes lay_dump_pages to
 * fp instead of a PDF (meta is unused: the signature is lay_typeset's). Returns 0, 1 or 3. */
int lay_layout(const struct lay_flow *, const struct lay_page_spec *, const struct lay_meta *,
               FILE *fp, struct rg_diags *, const char *file);

/* The whole typesetter: subsets and loads the fonts, lays out, draws, writes the PDF to fp.
 * Returns 0, 1 (input problem, diagnosed), or 3 (system/library failure, diagnosed). */
int lay_typeset(const struct lay_flow *, const struct lay_page_spec *, const struct lay_meta *,
                FILE *fp, struct rg_diags *, const char *file);

#endif
