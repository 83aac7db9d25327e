/* template.h: report templates (templates/NAME.yaml): page, fonts, colours, sections. */
#ifndef RG_TEMPLATE_H
#define RG_TEMPLATE_H

#include "layout.h"

/* The sections a template orders, shows and titles. */
enum rg_tsec {
	RG_TSEC_ALERT, RG_TSEC_ASSETS, RG_TSEC_EMAILS, RG_TSEC_DETECTION, RG_TSEC_VERIFICATION,
	RG_TSEC_ANALYSIS, RG_TSEC_CONTAINMENT, RG_TSEC_ERADICATION, RG_TSEC_RECOVERY,
	RG_TSEC_SUMMARY, RG_TSEC_TIMELINE, RG_TSEC_LESSONS, RG_TSEC_REMEDIATION, RG_TSEC_APPENDIX,
	RG_TSEC__MAX
};
/* Titled parts that are not orderable sections. */
enum rg_ttitle {
	RG_TT_MITRE = RG_TSEC__MAX, RG_TT_ARTIFACTS, RG_TT_REFERENCES, RG_TT_CONTENTS,
	RG_TT_ASSESSMENT, RG_TT_ACTIONS, RG_TT__MAX
};
/* Keys of `sections:` and `titles:` (the first RG_TSEC__MAX are orderable). */
extern const char *const rg_template_keys[RG_TT__MAX + 1];

struct rg_template_colors {
	uint32_t text, muted, accent, headings, rule, table_header_bg, table_header_fg, zebra,
	    border, links, code_bg, key_bg;
};

struct rg_template {
	const char *file; /* the YAML file it came from */
	struct lay_page_spec page; /* size, margins, fonts, logo; furniture text filled per report */
	double font_size;          /* body, pt */
	struct rg_template_colors colors;
	const char *date_format;   /* strftime-like, for rg_time_format */
	enum rg_tsec order[RG_TSEC__MAX];
	size_t norder;             /* sections shown, in this order */
	const char *titles[RG_TT__MAX];
	const char *header_left, *header_right; /* with {title} {id} {organization} */
	const char *page_format;   /* "Page %d of %d" */
	bool toc;                  /* a table of contents after the cover */
	bool cover_break;          /* start the body on a new page */
	bool numbered;             /* "2.1 Title" headings; the appendix counts A.1, A.2 */
};

/* Loads a template: a name (letters, digits, - and _) is looked up as templates/NAME.yaml
 * in the data folder ($RG_DATADIR, else the one compiled in); anything else is a path. NULL
 * means "default". Every problem is a diagnostic with the template's file:line:col.
 * Returns 0 and *out (owned by arena), 1 for a bad template, 3 for an unreadable file. */
int rg_template_load(const char *name_or_path, struct rg_template **out, struct rg_arena *,
                     struct rg_diags *);

/* The data folder (templates/, fonts/): $RG_DATADIR when set, else the compiled-in one. */
const char *rg_datadir(void);

#endif
