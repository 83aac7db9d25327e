/* md.h: CommonMark text (via libcmark) -> typesetter paragraphs and runs. */
#ifndef RG_MD_H
#define RG_MD_H

#include "layout.h"

/* How markdown looks; the report builder fills it from the template. */
struct md_style {
	double size;         /* body text size, pt */
	double leading;      /* line height, multiple of size */
	uint32_t color;      /* body text */
	uint32_t link_color; /* link runs */
	uint32_t code_bg;    /* code spans and code blocks */
	uint32_t quote_bar;  /* block quote bar */
	uint32_t rule_color; /* thematic breaks */
	double indent;       /* left indent of every paragraph, pt */
	double para_space;   /* space after a paragraph, pt */
	double list_indent;  /* extra indent per list level, pt */
	bool quoted;         /* everything inside a block quote (bar at the left) */
	/* Links to attacker infrastructure: returns the text to show for an autolink (defanged),
	 * and the link is not made clickable; NULL keeps the link. May be NULL. */
	const char *(*unsafe_link)(void *ctx, const char *url);
	/* Every text shown (not link targets) passes through it: the text with attacker
	 * infrastructure defanged. May be NULL. */
	const char *(*defang_text)(void *ctx, const char *text);
	void *ctx;
};

/* Appends the blocks of md (paragraphs, lists, quotes, code, rules) to flow, copying every
 * string into flow->arena. marker, when not NULL, is drawn in the indent of the first
 * paragraph (list items of a YAML list). Raw HTML is shown as literal text. */
void md_flow(struct lay_flow *, const char *md, const struct md_style *, const char *marker);

/* Appends the inline content of md to runs (table cells): blocks are separated by newlines,
 * list items get a textual marker. Strings are copied into arena, but for one line of plain
 * text (no markdown syntax: the usual comment), whose run points at md (or at its defanged
 * copy): md must live as long as the runs (document strings do). */
void md_runs(struct rg_arena *, struct lay_runs *, const char *md, const struct md_style *);

/* text through st->defang_text, then with every http(s) URL that st->unsafe_link flags
 * replaced by its defanged form (a plain-text URL to attacker infrastructure, which PDF
 * viewers would make clickable); text itself when nothing changes. The result lives in a. */
const char *md_defang_urls(struct rg_arena *a, const char *text, const struct md_style *st);

/* The font of a run with the given emphasis. */
enum lay_font md_font(bool bold, bool oblique, bool mono);

#endif
