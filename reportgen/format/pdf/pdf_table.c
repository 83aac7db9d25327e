/* pdf_table.c: the report builder's tables: grids of cells and key/value tables. */
#include <string.h>

#include "pdf_build.h"

struct lay_table *pdf_table_new(struct pdf_ctx *c, size_t ncols, size_t nrows, bool header)
{
	struct lay_table *t = rg_arena_alloc(c->a, sizeof(*t));
	const struct template_colors *col = &c->tpl->colors;
	t->ncols = ncols;
	t->nrows = nrows;
	t->cells =
	        rg_arena_alloc(c->a, (nrows ? nrows : 1) * (ncols ? ncols : 1) * sizeof(*t->cells));
	for (size_t i = 0; i < nrows * ncols; i++)
		t->cells[i].bg = LAY_NOCOLOR;
	t->header = header;
	t->size = c->tpl->font_size * PDF_TABLE_SCALE;
	t->padding = 3;
	t->header_bg = col->table_header_bg;
	t->header_fg = col->table_header_fg;
	t->zebra_bg = col->zebra;
	t->border = col->border;
	t->space_before = 4;
	t->space_after = 8;
	return t;
}

struct lay_cell *pdf_cell(struct lay_table *t, size_t row, size_t col)
{
	return &t->cells[row * t->ncols + col];
}

void pdf_cell_text(struct pdf_ctx *c, struct lay_cell *cell, const char *text, enum lay_font f)
{
	pdf_run(c, &cell->runs, text, f);
}

void pdf_cell_md(struct pdf_ctx *c, struct lay_cell *cell, const char *md)
{
	if (md != NULL)
		md_runs(c->a, &cell->runs, md, &c->cell);
}

void pdf_table_add(struct pdf_ctx *c, const struct lay_table *t)
{
	lay_flow_add(c->flow, LAY_E_TABLE)->u.table = *t;
}

void pdf_kv_begin(struct pdf_kv *kv, struct pdf_ctx *c)
{
	memset(kv, 0, sizeof(*kv));
	kv->c = c;
}

struct lay_cell *pdf_kv_row(struct pdf_kv *kv, const char *key)
{
	if (kv->nrows == kv->cap) {
		size_t cap = kv->cap ? kv->cap * 2 : 16;
		struct lay_cell *v = rg_arena_alloc(kv->c->a, cap * 2 * sizeof(*v));
		if (kv->nrows > 0)
			memcpy(v, kv->cells, kv->nrows * 2 * sizeof(*v));
		kv->cells = v;
		kv->cap = cap;
	}
	struct lay_cell *k = &kv->cells[kv->nrows * 2];
	memset(k, 0, 2 * sizeof(*k));
	k[0].bg = kv->c->tpl->colors.key_bg;
	k[1].bg = LAY_NOCOLOR;
	pdf_cell_text(kv->c, &k[0], key, LAY_SANS_BOLD);
	kv->nrows++;
	return &k[1];
}

void pdf_kv_text(struct pdf_kv *kv, const char *key, const char *value)
{
	if (value != NULL && *value != '\0')
		pdf_cell_text(kv->c, pdf_kv_row(kv, key), value, LAY_SANS);
}

void pdf_kv_mono(struct pdf_kv *kv, const char *key, const char *value)
{
	if (value != NULL && *value != '\0')
		pdf_cell_text(kv->c, pdf_kv_row(kv, key), value, LAY_MONO);
}

void pdf_kv_md(struct pdf_kv *kv, const char *key, const char *md)
{
	if (md != NULL && *md != '\0')
		pdf_cell_md(kv->c, pdf_kv_row(kv, key), md);
}

void pdf_kv_pairs(struct pdf_kv *kv, const struct rg_pairs *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].key.s != NULL)
			pdf_cell_text(
			        kv->c, pdf_kv_row(kv, p->v[i].key.s),
			        p->v[i].value.s != NULL
			                ? md_defang_urls(kv->c->a, p->v[i].value.s, &kv->c->md)
			                : "",
			        LAY_SANS);
}

void pdf_kv_end(struct pdf_kv *kv, const char *anchor)
{
	if (kv->nrows == 0)
		return;
	struct lay_table *t = pdf_table_new(kv->c, 2, 0, false);
	t->nrows = kv->nrows;
	t->cells = kv->cells;
	t->keyvalue = true;
	t->zebra_bg = LAY_NOCOLOR;
	t->anchor = anchor;
	pdf_table_add(kv->c, t);
}
