/* md.c: walks a libcmark tree and turns it into typesetter paragraphs (or cell runs). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "md.h"
#include "mdparse.h"
#include "utf8.h"

#define MD_MAX_LISTS 32 /* deeper lists keep the indent of level 32 */

struct md_list {
	bool ordered, tight, paren;
	int next;
};

/* The walker's state. In cell mode (runs != NULL) everything goes to one run list. */
struct md_walk {
	struct rg_arena *arena;
	struct lay_flow *flow;
	struct lay_runs *cell;
	const struct md_style *st;
	struct lay_para para;
	bool in_para;
	int bold, oblique;
	const char *uri;
	const char *unsafe_url, *unsafe_text; /* inside a link that is not made clickable */
	double indent;
	int quotes;
	const char *marker; /* pending for the next paragraph */
	struct md_list lists[MD_MAX_LISTS];
	int nlists;   /* may exceed MD_MAX_LISTS; only the first are tracked */
	bool started; /* cell mode: something was written, so the next block needs a newline */
	bool borrow;  /* runs point at the text given, which outlives them (md_plain) */
};

enum lay_font md_font(bool bold, bool oblique, bool mono)
{
	if (mono)
		return bold ? LAY_MONO_BOLD : LAY_MONO;
	if (bold)
		return oblique ? LAY_SANS_BOLD_OBLIQUE : LAY_SANS_BOLD;
	return oblique ? LAY_SANS_OBLIQUE : LAY_SANS;
}

static struct lay_runs *md_target(struct md_walk *w)
{
	return w->cell != NULL ? w->cell : &w->para.runs;
}

/* Appends len bytes of s as a run in the current style (mono: code span). */
static void md_run(struct md_walk *w, const char *s, size_t len, bool mono, uint32_t bg)
{
	if (len == 0)
		return;
	struct lay_run r = {
	        .text = w->borrow ? s : rg_arena_strndup(w->arena, s, len),
	        .len = len,
	        .font = md_font(w->bold > 0, w->oblique > 0, mono),
	        .color = w->uri != NULL ? w->st->link_color : LAY_NOCOLOR,
	        .bg = bg,
	        .uri = w->uri,
	};
	lay_runs_add(w->arena, md_target(w), &r);
	w->started = true;
}

static void md_text(struct md_walk *w, const char *s, bool mono, uint32_t bg)
{
	if (s != NULL)
		md_run(w, s, strlen(s), mono, bg);
}

/* Length of the URL starting at s ("http://" or "https://", any case): up to white space,
 * quotes or angle brackets, without trailing sentence punctuation; 0 when s is no URL. */
static size_t md_url_len(const char *s)
{
	size_t k = strncasecmp(s, "http://", 7) == 0    ? 7
	           : strncasecmp(s, "https://", 8) == 0 ? 8
	                                                : 0;
	if (k == 0)
		return 0;
	while (s[k] != '\0' && strchr(" \t\r\n<>\"'`", s[k]) == NULL)
		k++;
	while (k > 0 && strchr(".,;:!?)]}", s[k - 1]) != NULL)
		k--;
	return k;
}

const char *md_defang_urls(struct rg_arena *a, const char *text, const struct md_style *st)
{
	if (text == NULL || st->unsafe_link == NULL)
		return text != NULL && st->defang_text != NULL ? st->defang_text(st->ctx, text)
		                                               : text;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = NULL;
	const char *done = text;
	for (const char *p = text; *p; p++) {
		size_t n = (p == text || !isalnum((unsigned char)p[-1])) ? md_url_len(p) : 0;
		if (n == 0)
			continue;
		char *url = rg_arena_strndup(a, p, n);
		const char *safe = st->unsafe_link(st->ctx, url);
		if (safe == NULL)
			continue;
		if (fp == NULL && (fp = open_memstream(&out, &len)) == NULL)
			break;
		fwrite(done, 1, (size_t)(p - done), fp);
		fputs(safe, fp);
		done = p + n;
		p += n - 1;
	}
	if (fp == NULL)
		return st->defang_text != NULL ? st->defang_text(st->ctx, text) : text;
	fputs(done, fp);
	fclose(fp);
	const char *r = rg_arena_strdup(a, out);
	free(out);
	return st->defang_text != NULL ? st->defang_text(st->ctx, r) : r;
}

/* Cell mode: a new block starts on a new line. */
static void md_cell_break(struct md_walk *w)
{
	if (w->cell != NULL && w->started)
		md_run(w, "\n", 1, false, LAY_NOCOLOR);
}

static void md_para_begin(struct md_walk *w)
{
	if (w->cell != NULL) {
		md_cell_break(w);
		if (w->marker != NULL) {
			md_text(w, w->marker, false, LAY_NOCOLOR);
			md_run(w, " ", 1, false, LAY_NOCOLOR);
			w->marker = NULL;
		}
		return;
	}
	memset(&w->para, 0, sizeof(w->para));
	w->para.size = w->st->size;
	w->para.color = w->st->color;
	w->para.leading = w->st->leading;
	w->para.align = LAY_LEFT;
	w->para.indent = w->indent;
	w->para.marker = w->marker;
	w->para.bg = LAY_NOCOLOR;
	w->para.bar = w->quotes > 0 ? w->st->quote_bar : LAY_NOCOLOR;
	bool tight = w->nlists > 0 &&
	             w->lists[(w->nlists > MD_MAX_LISTS ? MD_MAX_LISTS : w->nlists) - 1].tight;
	w->para.space_after = tight ? w->st->para_space / 3 : w->st->para_space;
	w->marker = NULL;
	w->in_para = true;
}

static void md_para_end(struct md_walk *w)
{
	if (w->cell != NULL || !w->in_para)
		return;
	struct lay_elem *e = lay_flow_add(w->flow, LAY_E_PARA);
	e->u.para = w->para;
	w->in_para = false;
}

/* A leaf block shown verbatim: code blocks, and raw HTML (never interpreted). */
static void md_literal_block(struct md_walk *w, const char *lit, bool code)
{
	lit = md_defang_urls(w->arena, lit, w->st);
	size_t len = lit != NULL ? strlen(lit) : 0;
	while (len > 0 && lit[len - 1] == '\n')
		len--;
	md_para_begin(w);
	md_run(w, lit, len, code, w->cell != NULL && code ? w->st->code_bg : LAY_NOCOLOR);
	if (w->cell != NULL)
		return;
	w->para.preformatted = true;
	if (code) {
		w->para.bg = w->st->code_bg;
		w->para.size = w->st->size * 0.9;
	}
	md_para_end(w);
}

static void md_list_enter(struct md_walk *w, cmark_node *n)
{
	if (w->nlists < MD_MAX_LISTS) {
		struct md_list *l = &w->lists[w->nlists];
		l->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		l->paren = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM;
		l->tight = cmark_node_get_list_tight(n) != 0;
		l->next = cmark_node_get_list_start(n);
	}
	w->nlists++;
}

/* Starts a list item: the marker goes to its first paragraph; returns the indent to add. */
static double md_item_enter(struct md_walk *w)
{
	static const char *const bullets[] = {UTF8_BULLET, UTF8_ENDASH, UTF8_MIDDOT};
	int depth = w->nlists > MD_MAX_LISTS ? MD_MAX_LISTS : w->nlists;
	if (depth == 0)
		return 0;
	struct md_list *l = &w->lists[depth - 1];
	if (l->ordered)
		w->marker = rg_arena_printf(w->arena, "%d%c", l->next++, l->paren ? ')' : '.');
	else
		w->marker = bullets[(depth - 1) % 3];
	return w->st->list_indent;
}

static void md_inline(struct md_walk *w, cmark_node *n, cmark_event_type ev)
{
	bool enter = ev == CMARK_EVENT_ENTER;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT: {
		const char *lit = cmark_node_get_literal(n);
		if (w->unsafe_url != NULL && lit != NULL && strcmp(lit, w->unsafe_url) == 0)
			lit = w->unsafe_text; /* an autolink shows its defanged form */
		else if (w->uri == NULL && w->unsafe_url == NULL)
			lit = md_defang_urls(w->arena, lit, w->st);
		else if (w->st->defang_text != NULL && lit != NULL) /* a link's own text */
			lit = w->st->defang_text(w->st->ctx, lit);
		md_text(w, lit, false, LAY_NOCOLOR);
		break;
	}
	case CMARK_NODE_HTML_INLINE:
		md_text(w, md_defang_urls(w->arena, cmark_node_get_literal(n), w->st), false,
		        LAY_NOCOLOR);
		break;
	case CMARK_NODE_CODE:
		md_text(w, md_defang_urls(w->arena, cmark_node_get_literal(n), w->st), true,
		        w->st->code_bg);
		break;
	case CMARK_NODE_SOFTBREAK:
		md_run(w, " ", 1, false, LAY_NOCOLOR);
		break;
	case CMARK_NODE_LINEBREAK:
		md_run(w, "\n", 1, false, LAY_NOCOLOR);
		break;
	case CMARK_NODE_STRONG:
		w->bold += enter ? 1 : -1;
		break;
	case CMARK_NODE_EMPH:
		w->oblique += enter ? 1 : -1;
		break;
	case CMARK_NODE_LINK: {
		const char *url = cmark_node_get_url(n);
		w->uri = enter && url != NULL && *url ? rg_arena_strdup(w->arena, url) : NULL;
		w->unsafe_url = w->unsafe_text = NULL;
		if (w->uri != NULL && w->st->unsafe_link != NULL) {
			w->unsafe_text = w->st->unsafe_link(w->st->ctx, w->uri);
			if (w->unsafe_text != NULL) {
				w->unsafe_url = w->uri;
				w->uri = NULL;
			}
		}
		break;
	}
	default: /* images show their alt text; custom inlines their children */
		break;
	}
}

/* Handles one iterator event; indent_stack keeps what list items and quotes added. */
static void md_event(struct md_walk *w, cmark_node *n, cmark_event_type ev, double *indents,
                     int *nindents)
{
	bool enter = ev == CMARK_EVENT_ENTER;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		if (enter)
			md_para_begin(w);
		else
			md_para_end(w);
		break;
	case CMARK_NODE_HEADING:
		if (enter) {
			md_para_begin(w);
			w->bold++;
			w->para.keep_with_next = true;
		} else {
			w->bold--;
			md_para_end(w);
		}
		break;
	case CMARK_NODE_CODE_BLOCK:
		md_literal_block(w, cmark_node_get_literal(n), true);
		break;
	case CMARK_NODE_HTML_BLOCK:
		md_literal_block(w, cmark_node_get_literal(n), false);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		if (w->cell != NULL) {
			md_cell_break(w);
		} else {
			struct lay_elem *e = lay_flow_add(w->flow, LAY_E_RULE);
			e->u.rule.color = w->st->rule_color;
			e->u.rule.width = 0.5;
		}
		break;
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_ITEM: {
		bool quote = cmark_node_get_type(n) == CMARK_NODE_BLOCK_QUOTE;
		if (enter) {
			double add = quote ? w->st->list_indent * 0.75 : md_item_enter(w);
			if (*nindents >= MD_MAX_LISTS)
				add = 0; /* deeper nesting keeps its indent */
			w->indent += add;
			if (quote)
				w->quotes++;
			if (*nindents < MD_MAX_LISTS * 4)
				indents[*nindents] = add;
			(*nindents)++;
		} else {
			(*nindents)--;
			if (*nindents < MD_MAX_LISTS * 4)
				w->indent -= indents[*nindents];
			if (quote)
				w->quotes--;
			w->marker = NULL;
		}
		break;
	}
	case CMARK_NODE_LIST:
		if (enter)
			md_list_enter(w, n);
		else
			w->nlists--;
		break;
	default:
		md_inline(w, n, ev);
		break;
	}
}

static void md_walk(struct md_walk *w, const char *md)
{
	if (md == NULL)
		return;
	cmark_node *doc = mdparse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	if (doc == NULL)
		return;
	cmark_iter *it = cmark_iter_new(doc);
	double indents[MD_MAX_LISTS * 4];
	int nindents = 0;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER || ev == CMARK_EVENT_EXIT)
			md_event(w, cmark_iter_get_node(it), ev, indents, &nindents);
	cmark_iter_free(it);
	cmark_node_free(doc);
}

void md_flow(struct lay_flow *flow, const char *md, const struct md_style *st, const char *marker)
{
	struct md_walk w = {.arena = flow->arena,
	                    .flow = flow,
	                    .st = st,
	                    .indent = st->indent,
	                    .marker = marker,
	                    .quotes = st->quoted ? 1 : 0};
	md_walk(&w, md);
}

/* Whether md is one line of plain text that CommonMark reads as one paragraph of one text
 * node, unchanged: it starts with a letter (no block marker), ends with no space, and holds
 * no character that is inline syntax, an escape, an entity or a line break. */
static bool md_plain(const char *md)
{
	if (!isalpha((unsigned char)md[0]))
		return false;
	size_t n = 0;
	for (const char *p = md; *p; p++, n++)
		if (!isalnum((unsigned char)*p) && strchr(" ,.;:()/'-", *p) == NULL)
			return false;
	return md[n - 1] != ' ';
}

void md_runs(struct rg_arena *arena, struct lay_runs *runs, const char *md,
             const struct md_style *st)
{
	struct md_walk w = {.arena = arena, .cell = runs, .st = st, .started = runs->n > 0};
	if (md != NULL && md_plain(md)) { /* what md_walk makes of it, without a copy */
		md_para_begin(&w);
		w.borrow = true;
		md_text(&w, md_defang_urls(arena, md, st), false, LAY_NOCOLOR);
		return;
	}
	md_walk(&w, md);
}
