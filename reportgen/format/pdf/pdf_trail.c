/* pdf_trail.c: the review trail and integrity parts of the appendix: who prepared, reviewed
 * and approved the report, its revisions, and the SHA-256 of every file it was made from. */
#include <string.h>

#include "evidence.h"
#include "pdf_build.h"

bool pdf_has_review(const struct rg_doc *d)
{
	const struct rg_report *r = &d->report;
	return r->prepared_by.present || r->reviewed_by.present || r->approved_by.present ||
	       r->nrevisions > 0;
}

static void pdf_signoffs(struct pdf_ctx *c)
{
	static const char *const head[] = {"Sign-off", "Name", "Role", "Date"};
	const struct rg_report *r = &c->doc->report;
	const struct {
		const char *label;
		const struct rg_signoff *so;
	} rows[] = {{"Prepared by", &r->prepared_by},
	            {"Reviewed by", &r->reviewed_by},
	            {"Approved by", &r->approved_by}};
	size_t n = 0;
	for (size_t i = 0; i < 3; i++)
		n += rows[i].so->present;
	if (n == 0)
		return;
	struct lay_table *t = pdf_table_new(c, 4, n + 1, true);
	for (size_t k = 0; k < 4; k++)
		pdf_cell_text(c, pdf_cell(t, 0, k), head[k], LAY_SANS_BOLD);
	size_t row = 1;
	for (size_t i = 0; i < 3; i++) {
		const struct rg_signoff *so = rows[i].so;
		if (!so->present)
			continue;
		pdf_cell_text(c, pdf_cell(t, row, 0), rows[i].label, LAY_SANS_BOLD);
		pdf_cell_text(c, pdf_cell(t, row, 1), so->name.s, LAY_SANS);
		pdf_cell_text(c, pdf_cell(t, row, 2), so->role.s, LAY_SANS);
		pdf_cell_text(c, pdf_cell(t, row, 3), pdf_time(c, &so->date), LAY_SANS);
		row++;
	}
	pdf_table_add(c, t);
}

static void pdf_revisions(struct pdf_ctx *c)
{
	static const char *const head[] = {"Revision", "Date", "Author", "Note"};
	const struct rg_report *r = &c->doc->report;
	if (r->nrevisions == 0)
		return;
	struct lay_table *t = pdf_table_new(c, 4, r->nrevisions + 1, true);
	for (size_t k = 0; k < 4; k++)
		pdf_cell_text(c, pdf_cell(t, 0, k), head[k], LAY_SANS_BOLD);
	for (size_t i = 0; i < r->nrevisions; i++) {
		const struct rg_revision *v = &r->revisions[i];
		pdf_cell_text(c, pdf_cell(t, i + 1, 0), v->revision.s, LAY_SANS_BOLD);
		pdf_cell_text(c, pdf_cell(t, i + 1, 1), pdf_time(c, &v->date), LAY_SANS);
		pdf_cell_text(c, pdf_cell(t, i + 1, 2), v->author.s, LAY_SANS);
		pdf_cell_md(c, pdf_cell(t, i + 1, 3), v->note.s);
	}
	pdf_table_add(c, t);
}

void pdf_review(struct pdf_ctx *c)
{
	pdf_heading(c, 2, "Review and Sign-off", NULL);
	pdf_signoffs(c);
	pdf_revisions(c);
}

/* The integrity table: the file and what it is beside its SHA-256, set small enough that
 * the 64 digits stay on one line in the value column of a key/value table. */
void pdf_integrity(struct pdf_ctx *c)
{
	struct evidence_file *fs;
	size_t n = evidence_files(c->a, c->doc, &fs);
	if (n == 0)
		return;
	pdf_heading(c, 2, "Integrity", NULL);
	pdf_note(c,
	         "SHA-256 of the files this report was made from, as read when it was "
	         "rendered (check with sha256sum).",
	         LAY_SANS, c->tpl->font_size * PDF_TABLE_SCALE, c->tpl->colors.muted);
	struct lay_table *t = pdf_table_new(c, 2, n + 1, true);
	t->keyvalue = true;
	pdf_cell_text(c, pdf_cell(t, 0, 0), "File", LAY_SANS_BOLD);
	pdf_cell_text(c, pdf_cell(t, 0, 1), "SHA-256", LAY_SANS_BOLD);
	for (size_t i = 0; i < n; i++) {
		struct lay_cell *key = pdf_cell(t, i + 1, 0), *val = pdf_cell(t, i + 1, 1);
		pdf_run(c, &key->runs, fs[i].name, LAY_SANS);
		pdf_run(c, &key->runs, "\n", LAY_SANS);
		pdf_run(c, &key->runs, evidence_kind_names[fs[i].kind], LAY_SANS_OBLIQUE);
		key->runs.v[key->runs.n - 1].color = c->tpl->colors.muted;
		pdf_run(c, &val->runs, fs[i].sha256, LAY_MONO);
		val->runs.v[val->runs.n - 1].size = t->size * 0.8;
	}
	pdf_table_add(c, t);
}
