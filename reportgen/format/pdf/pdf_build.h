/* pdf_build.h: the report builder's internals (document -> struct lay_flow). Dependencies
 * point one way: pdf.c -> pdf_build.c (driver, section table) -> pdf_cover.c, pdf_sections.c
 * -> pdf_blocks.c -> pdf_table.c, pdf_help.c (helpers) -> md.c. */
#ifndef RG_PDF_BUILD_H
#define RG_PDF_BUILD_H

#include "layout.h"
#include "md.h"
#include "techlink.h"
#include "template.h"
#include "timeparse.h"

#define PDF_TABLE_SCALE 0.9    /* table text size, of the body's */
#define PDF_BADGE_FG 0xFFFFFFu /* text on coloured badges (black on light fills) */

struct pdf_ctx {
	const struct rg_doc *doc;
	const struct template *tpl;
	const struct rg_render_opts *opts;
	struct lay_flow *flow;
	struct rg_arena *a;
	struct md_style md;   /* body paragraphs */
	struct md_style cell; /* table cells */
	unsigned nanchors;
	const char **asset_anchor;           /* per asset: where its table is, or NULL */
	const struct rg_block **asset_block; /* per asset: the block carrying its anchor, or NULL */
	const char **email_anchor;           /* per email: where its full entry is, or NULL */
	bool *email_full; /* per email: its full entry is placed (emails section, first block) */
	int number[3];    /* heading numbers of levels 1..3 */
	bool appendix;    /* numbering A.1, A.2 */
	const char **hostile; /* hosts of non-benign artifacts (links to them are defanged) */
	size_t nhostile;
	enum rg_tlp mark_ctx; /* the marking around what is being built (pdf_mark.c) */
	const struct techlink_index *techlinks; /* doc->mitre by id and name (pdf_techniques) */
	struct pdf_defanger *defanger;          /* the values pdf_safe defangs (pdf_defang.c) */
	struct {
		const char *name, *label;
	} labels[16]; /* pdf_label's last results, by name: one copy of "Malicious" per report */
	size_t nlabels;
};

/* The flow's rank and the marking around, saved when entering a portion (pdf_mark.c). */
struct pdf_mark_state {
	unsigned char rank;
	enum rg_tlp ctx;
};

/* A key/value table under construction (rows grow; cells live in the arena). */
struct pdf_kv {
	struct pdf_ctx *c;
	struct lay_cell *cells;
	size_t nrows, cap;
};

/* What the built flow goes to: lay_typeset (the PDF) or lay_layout (the "layout" dump). */
typedef int pdf_backend(const struct lay_flow *, const struct lay_page_spec *,
                        const struct lay_meta *, FILE *, struct rg_diags *, const char *file);
/* Loads the template, builds the report's flow and hands it to back (pdf.c). */
int pdf_render_via(const struct rg_doc *, const struct rg_render_opts *, FILE *, pdf_backend *);

/* Fills c->md and c->cell from the template. */
void pdf_styles(struct pdf_ctx *);
/* Decides where each asset's anchor will be (pdf.c); before pdf_build. */
void pdf_prepare(struct pdf_ctx *);
/* Builds the whole report into c->flow. */
void pdf_build(struct pdf_ctx *);

/* ---- defanging (pdf_defang.c) ---- */
/* text with every live occurrence of a non-benign artifact's value (as written, refanged,
 * IDN forms, the addresses, domains and URLs inside a string artifact; at token
 * boundaries, without regard to case) defanged; benign values stay as written, and
 * --no-defang leaves everything. text itself when nothing changes; else an arena string. */
const char *pdf_safe(struct pdf_ctx *, const char *text);
/* pdf_safe as md_style.defang_text. */
const char *pdf_safe_cb(void *ctx, const char *text);

/* ---- helpers (pdf_help.c) ---- */
const char *pdf_anchor(struct pdf_ctx *);
void pdf_heading(struct pdf_ctx *, int level, const char *text, const char *anchor);
void pdf_md(struct pdf_ctx *, const char *md);
void pdf_md_item(struct pdf_ctx *, const char *md, const char *marker);
void pdf_note(struct pdf_ctx *, const char *text, enum lay_font, double size, uint32_t color);
void pdf_space(struct pdf_ctx *, double pt);
/* "in-progress" -> "In Progress"; enum_name is a string of a static name table (rg_*_names,
 * or a literal): each one's label is made once, by its address (c->labels). */
const char *pdf_label(struct pdf_ctx *, const char *enum_name);
/* The time in the template's date format, or NULL when absent. */
const char *pdf_time(struct pdf_ctx *, const struct rg_time *);
/* A value shown defanged (unless --no-defang: then as given); written defanged or not. */
const char *pdf_defang(struct pdf_ctx *, const char *value, enum rg_ioc_type);

/* The ids of the techniques an artifact or email names (techniques:), resolved against the
 * report's mitre list, joined by ", "; NULL when it names none. */
const char *pdf_techniques(struct pdf_ctx *, const struct rg_texts *);

/* Texts joined by sep into one arena string; NULL when there are none. */
const char *pdf_join(struct pdf_ctx *, const struct rg_texts *, const char *sep);
/* printf of one string argument, upper-cased (ASCII). */
const char *pdf_upper(struct pdf_ctx *, const char *fmt, const char *arg);
uint32_t pdf_disp_color(enum rg_disposition);

void pdf_run(struct pdf_ctx *, struct lay_runs *, const char *text, enum lay_font);
void pdf_link_run(struct pdf_ctx *, struct lay_runs *, const char *text, const char *uri,
                  const char *dest);
void pdf_badge(struct pdf_ctx *, struct lay_runs *, const char *text, uint32_t fg, uint32_t bg);

/* Tables (pdf_table.c): cells for nrows x ncols (row 0 is the header when header is true). */
struct lay_table *pdf_table_new(struct pdf_ctx *, size_t ncols, size_t nrows, bool header);
struct lay_cell *pdf_cell(struct lay_table *, size_t row, size_t col);
void pdf_cell_text(struct pdf_ctx *, struct lay_cell *, const char *text, enum lay_font);
void pdf_cell_md(struct pdf_ctx *, struct lay_cell *, const char *md);
void pdf_table_add(struct pdf_ctx *, const struct lay_table *);

void pdf_kv_begin(struct pdf_kv *, struct pdf_ctx *);
/* The value cell of a new row keyed `key` (runs to fill). */
struct lay_cell *pdf_kv_row(struct pdf_kv *, const char *key);
void pdf_kv_text(struct pdf_kv *, const char *key, const char *value);
void pdf_kv_mono(struct pdf_kv *, const char *key, const char *value);
void pdf_kv_md(struct pdf_kv *, const char *key, const char *md);
void pdf_kv_pairs(struct pdf_kv *, const struct rg_pairs *);
void pdf_kv_end(struct pdf_kv *, const char *anchor);

/* ---- blocks (pdf_blocks.c) ---- */
void pdf_blocks_section(struct pdf_ctx *, const struct rg_section *);
void pdf_asset_table(struct pdf_ctx *, const struct rg_asset *, const char *anchor);
void pdf_email(struct pdf_ctx *, const struct rg_email *, const char *anchor);

/* ---- markings (pdf_mark.c) ---- */
/* Enters a portion: what is built next ranks as its marking; returns the state around it. */
struct pdf_mark_state pdf_mark_enter(struct pdf_ctx *, const struct rg_mark *);
void pdf_mark_leave(struct pdf_ctx *, struct pdf_mark_state around);
/* Whether a portion marked m carries a label: its marking differs from the one around it. */
bool pdf_mark_shown(const struct pdf_mark_state *around, const struct rg_mark *);
/* The label as a pill under the heading just added (or before an untitled block). */
void pdf_mark_pill(struct pdf_ctx *, const struct pdf_mark_state *around, const struct rg_mark *);
/* A table row of a portion: ranks it (rank_cell, in a column that is always kept) and puts
 * a badge at the start of badge_cell when the marking differs from the table's. */
void pdf_mark_row(struct pdf_ctx *, struct lay_cell *rank_cell, struct lay_cell *badge_cell,
                  const struct rg_mark *);
/* The label at the start of the first paragraph added since flow index `from`. */
void pdf_mark_inline(struct pdf_ctx *, const struct pdf_mark_state *around, size_t from,
                     const struct rg_mark *);

/* ---- incident metrics (pdf_metrics.c) ---- */
/* The metrics box of the cover (nothing when no metric is known). */
void pdf_cover_metrics(struct pdf_ctx *);
/* A paragraph "Metrics: time to detect 17 min (target 30 min, met) ..." (or nothing). */
void pdf_metrics_line(struct pdf_ctx *);
/* The timeline chart and its note; false when there is too little to draw. */
bool pdf_timeline_chart(struct pdf_ctx *);

/* The cover: title block, badges, summary, key facts and the contents (pdf_cover.c). */
void pdf_cover(struct pdf_ctx *);

/* ---- the fixed sections (pdf_sections.c); each returns false when absent ---- */
bool pdf_sec_alert(struct pdf_ctx *, const char *title);
bool pdf_sec_assets(struct pdf_ctx *, const char *title);
bool pdf_sec_emails(struct pdf_ctx *, const char *title);
bool pdf_sec_containment(struct pdf_ctx *, const char *title);
bool pdf_sec_summary(struct pdf_ctx *, const char *title);
bool pdf_sec_timeline(struct pdf_ctx *, const char *title);
bool pdf_sec_lessons(struct pdf_ctx *, const char *title);
bool pdf_sec_remediation(struct pdf_ctx *, const char *title);
bool pdf_sec_appendix(struct pdf_ctx *, const char *title);

/* ---- review trail and integrity (pdf_trail.c) ---- */
bool pdf_has_review(const struct rg_doc *);
void pdf_review(struct pdf_ctx *);    /* sign-off block and revision table */
void pdf_integrity(struct pdf_ctx *); /* SHA-256 of the incident file, images, attachments */

/* shared with pdf.c (pdf_help.c) */
uint32_t pdf_tlp_color(enum rg_tlp);
uint32_t pdf_level_color(enum rg_severity_level); /* badge fill of a severity */
const char *pdf_tlp_label(struct pdf_ctx *, enum rg_tlp);
const char *pdf_report_title(const struct rg_doc *);

#endif
