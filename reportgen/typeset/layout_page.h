/* layout_page.h: the table of contents and page furniture (layout_page.c). */
#ifndef RG_LAYOUT_PAGE_H
#define RG_LAYOUT_PAGE_H

#include "layout_int.h"

struct lay_toc;
/* Collects the TOC entries (in_toc headings of levels 1-3) before pagination. */
struct lay_toc *lay_toc_new(struct lay_ctx *, const struct lay_flow *);
/* Places the title and one line per entry; numbers and leaders are written by lay_toc_fill. */
void lay_toc_place(struct lay_ctx *, struct lay_toc *, const char *title, double size,
                   bool fit_page);
void lay_toc_fill(struct lay_ctx *, struct lay_toc *);
/* Whether the placed contents continued onto a page after the one it started on. */
bool lay_toc_spilled(const struct lay_toc *);
/* Running header, footer label pill, "Page X of Y" and the logo, on every page. */
void lay_furniture(struct lay_ctx *);
/* Page by page (c->pass): the running header fitted once, before the first page is finished;
 * then lay_page_finish adds the furniture to page c->cur, hands it to c->pass->page and
 * drops its ops, leaving the text area and cursor as they were. */
void lay_furniture_fit(struct lay_ctx *);
void lay_page_finish(struct lay_ctx *);

#endif
