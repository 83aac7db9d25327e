/* template.h: report templates (templates/NAME.yaml): page, fonts, colours, sections. */
#ifndef RG_TEMPLATE_H
#define RG_TEMPLATE_H

#include "layout.h"

/* The sections a template orders, shows and titles. */
enum template_sec {
	TSEC_ALERT,
	TSEC_ASSETS,
	TSEC_EMAILS,
	TSEC_DETECTION,
	TSEC_VERIFICATION,
	TSEC_ANALYSIS,
	TSEC_CONTAINMENT,
	TSEC_ERADICATION,
	TSEC_RECOVERY,
	TSEC_SUMMARY,
	TSEC_TIMELINE,
	TSEC_LESSONS,
	TSEC_REMEDIATION,
	TSEC_APPENDIX,
	TSEC__MAX
};
/* Titled parts that are not orderable sections. */
enum template_title {
	TT_MITRE = TSEC__MAX,
	TT_ARTIFACTS,
	TT_REFERENCES,
	TT_CONTENTS,
	TT_ASSESSMENT,
	TT_ACTIONS,
	TT__MAX
};
/* Keys of `sections:` and `titles:` (the first TSEC__MAX are orderable). */
extern const char *const template_keys[TT__MAX + 1];

struct template_colors {
	uint32_t text, muted, accent, headings, rule, table_header_bg, table_header_fg, zebra,
	        border, links, code_bg, key_bg;
};

struct template
{
	const char *file; /* the YAML file it came from */
	struct lay_page_spec
	        page;     /* size, margins, fonts, logo; furniture text filled per report */
	double font_size; /* body, pt */
	struct template_colors colors;
	const char *date_format; /* strftime-like, for time_format */
	enum template_sec order[TSEC__MAX];
	size_t norder; /* sections shown, in this order */
	const char *titles[TT__MAX];
	const char *header_left, *header_right; /* with {title} {id} {organization} */
	const char *page_format;                /* "Page %d of %d" */
	bool toc;                               /* a table of contents after the cover */
	bool cover_break;                       /* start the body on a new page */
	bool numbered;         /* "2.1 Title" headings; the appendix counts A.1, A.2 */
	bool summary_metrics;  /* a line of the incident metrics opens the summary section */
	bool require_approval; /* a report that is no draft needs report.approved_by */
};

/* Loads a template: a name (letters, digits, - and _) is looked up as templates/NAME.yaml
 * in the data folder (datadir_path); anything else is a path. NULL
 * means "default". Every problem is a diagnostic with the template's file:line:col.
 * Returns 0 and *out (owned by arena), 1 for a bad template, 3 for an unreadable file. */
int template_load(const char *name_or_path, struct template **out, struct rg_arena *,
                  struct rg_diags *);

/* The pdf format's check_template (struct rg_format): template_load, and on an unreadable
 * template the installed names in *installed. */
int template_check(const char *name_or_path, struct rg_diags *, struct rg_arena *,
                   const char **installed);

#endif
