/* pdf_blocks.c: content blocks (text, code, facts, tables, lists, images, asset and email
 * cards) as flow elements, used by the fixed sections and the custom ones. */
#include <string.h>

#include "pdf_build.h"
#include "utf8.h"

/* An asset's status as a badge: compromised red, suspected and contained amber, unaffected
 * and recovered green. */
static void pdf_asset_status(struct pdf_ctx *c, struct lay_runs *runs, enum rg_asset_status st)
{
	static const uint32_t bg[] = {0x6B7280, 0x2E7D32, 0xB45309, 0xC62828, 0xB45309, 0x2E7D32};
	if (st == RG_ASTATUS_NONE || st > RG_ASTATUS_RECOVERED)
		return;
	pdf_badge(c, runs, pdf_label(c, rg_asset_status_names[st]), PDF_BADGE_FG, bg[st]);
}

void pdf_asset_table(struct pdf_ctx *c, const struct rg_asset *as, const char *anchor)
{
	struct pdf_kv kv;
	pdf_kv_begin(&kv, c);
	pdf_kv_text(&kv, "Name", as->name.s);
	if (as->kind != RG_KIND_NONE)
		pdf_kv_text(&kv, "Kind", pdf_label(c, rg_asset_kind_names[as->kind]));
	pdf_kv_text(&kv, as->ip.n > 1 ? "IP addresses" : "IP address", pdf_join(c, &as->ip, ", "));
	pdf_kv_text(&kv, "Domain", as->domain.s);
	pdf_kv_text(&kv, "Operating system", as->os.s);
	if (as->bits.s != NULL)
		pdf_kv_text(&kv, "Architecture", rg_arena_printf(c->a, "%s-bit", as->bits.s));
	pdf_kv_text(&kv, "Role", as->role.s);
	pdf_kv_text(&kv, "Primary user", as->primary_user.s);
	pdf_kv_text(&kv, "Last login", pdf_time(c, &as->last_login));
	if (as->status != RG_ASTATUS_NONE)
		pdf_asset_status(c, &pdf_kv_row(&kv, "Status")->runs, as->status);
	pdf_kv_pairs(&kv, &as->facts);
	pdf_kv_end(&kv, anchor);
}

/* Whether a size is a bare number (digits, with spaces, commas, dots or apostrophes between
 * groups): it then gets the unit "bytes"; a size written with a unit keeps it. */
static bool pdf_bare_number(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && strspn(s, "0123456789 ,.'") == n && s[0] >= '0' && s[0] <= '9' &&
	       s[n - 1] >= '0' && s[n - 1] <= '9';
}

static void pdf_attachments(struct pdf_ctx *c, struct pdf_kv *kv, const struct rg_email *e)
{
	if (e->nattachments == 0)
		return;
	struct lay_cell *cell = pdf_kv_row(kv, "Attachments");
	for (size_t i = 0; i < e->nattachments; i++) {
		const struct rg_attachment *at = &e->attachments[i];
		if (i > 0)
			pdf_run(c, &cell->runs, "\n", LAY_SANS);
		pdf_run(c, &cell->runs, at->name.s != NULL ? at->name.s : "(unnamed)",
		        LAY_SANS_BOLD);
		if (at->size.s != NULL)
			pdf_run(c, &cell->runs,
			        rg_arena_printf(
			                c->a, pdf_bare_number(at->size.s) ? " (%s bytes)" : " (%s)",
			                at->size.s),
			        LAY_SANS);
		const struct rg_text *h[] = {&at->sha256, &at->sha1, &at->md5};
		static const char *const hn[] = {"SHA-256", "SHA-1", "MD5"};
		for (int k = 0; k < 3; k++)
			if (h[k]->s != NULL)
				pdf_run(c, &cell->runs,
				        rg_arena_printf(c->a, "\n%s: %s", hn[k], h[k]->s),
				        LAY_MONO);
	}
}

static void pdf_email_urls(struct pdf_ctx *c, struct pdf_kv *kv, const struct rg_email *e)
{
	if (e->urls.n == 0)
		return;
	struct lay_cell *cell = pdf_kv_row(kv, e->urls.n > 1 ? "URLs" : "URL");
	for (size_t i = 0; i < e->urls.n; i++)
		pdf_run(c, &cell->runs,
		        rg_arena_printf(c->a, "%s%s", i ? "\n" : "",
		                        pdf_defang(c, e->urls.v[i].s, RG_IOC_URL)),
		        LAY_MONO);
}

void pdf_email(struct pdf_ctx *c, const struct rg_email *e, const char *anchor)
{
	struct pdf_kv kv;
	pdf_kv_begin(&kv, c);
	pdf_kv_text(&kv, "From", e->from.s);
	pdf_kv_text(&kv, "To", pdf_join(c, &e->to, ", "));
	pdf_kv_text(&kv, "Cc", pdf_join(c, &e->cc, ", "));
	pdf_kv_text(&kv, "Reply-To", e->reply_to.s);
	pdf_kv_text(&kv, "Subject", e->subject.s);
	pdf_kv_text(&kv, "Date", pdf_time(c, &e->date));
	pdf_kv_text(&kv, "SMTP IP", e->smtp_ip.s);
	pdf_kv_mono(&kv, "Message-ID", e->message_id.s);
	pdf_attachments(c, &kv, e);
	pdf_email_urls(c, &kv, e);
	pdf_kv_text(&kv, "Techniques", pdf_techniques(c, &e->techniques));
	if (e->verdict != RG_DISP_NONE)
		pdf_badge(c, &pdf_kv_row(&kv, "Verdict")->runs,
		          pdf_label(c, rg_disposition_names[e->verdict]), PDF_BADGE_FG,
		          pdf_disp_color(e->verdict));
	pdf_kv_end(&kv, anchor);
	if (e->body.s != NULL) {
		struct md_style st = c->md;
		st.quoted = true;
		md_flow(c->flow, e->body.s, &st, NULL);
	}
	if (e->comment.s != NULL) {
		pdf_note(c, "Analyst comment", LAY_SANS_BOLD, c->tpl->font_size,
		         c->tpl->colors.text);
		c->flow->v[c->flow->n - 1].u.para.space_after = 2;
		c->flow->v[c->flow->n - 1].u.para.keep_with_next = true;
		pdf_md(c, e->comment.s);
	}
}

static void pdf_block_table(struct pdf_ctx *c, const struct rg_table *tb)
{
	size_t nc = tb->columns.n;
	if (nc == 0)
		return;
	struct lay_table *t = pdf_table_new(c, nc, tb->nrows + 1, true);
	for (size_t j = 0; j < nc; j++)
		pdf_cell_text(c, pdf_cell(t, 0, j), tb->columns.v[j].s, LAY_SANS_BOLD);
	for (size_t i = 0; i < tb->nrows; i++)
		for (size_t j = 0; j < nc; j++) {
			const char *s = tb->cells[i * nc + j].s;
			if (s == NULL)
				continue;
			pdf_cell_text(c, pdf_cell(t, i + 1, j), md_defang_urls(c->a, s, &c->md),
			              LAY_SANS);
		}
	t->caption = pdf_safe(c, tb->caption.s);
	t->landscape = tb->landscape;
	if (tb->font_size > 0) {
		t->size = tb->font_size;
		t->fixed_size = true;
	}
	pdf_table_add(c, t);
}

static void pdf_block_code(struct pdf_ctx *c, const char *code)
{
	code = md_defang_urls(c->a, code, &c->md);
	size_t len = strlen(code);
	while (len > 0 && code[len - 1] == '\n')
		len--;
	struct lay_elem *e = lay_flow_add(c->flow, LAY_E_PARA);
	struct lay_para *p = &e->u.para;
	p->size = c->tpl->font_size * 0.85;
	p->color = c->tpl->colors.text;
	p->leading = 1.3;
	p->preformatted = true;
	p->bg = c->tpl->colors.code_bg;
	p->bar = LAY_NOCOLOR;
	p->space_before = 2;
	p->space_after = c->md.para_space + 2;
	struct lay_run r = {.text = code,
	                    .len = len,
	                    .font = LAY_MONO,
	                    .color = LAY_NOCOLOR,
	                    .bg = LAY_NOCOLOR};
	lay_runs_add(c->a, &p->runs, &r);
}

static void pdf_block_image(struct pdf_ctx *c, const struct rg_image *im)
{
	if (im->resolved == NULL)
		return;
	unsigned char magic[3] = {0};
	FILE *fp = fopen(im->resolved, "rb");
	size_t n = fp != NULL ? fread(magic, 1, 3, fp) : 0;
	if (fp != NULL)
		fclose(fp);
	struct lay_elem *e = lay_flow_add(c->flow, LAY_E_IMAGE);
	e->u.image.path = im->resolved;
	e->u.image.jpeg = n == 3 && memcmp(magic, "\xFF\xD8\xFF", 3) == 0;
	e->u.image.origin = (struct lay_origin){c->doc->file, im->path.pos, im->key, im->path.s};
	e->u.image.width_frac = im->width > 0 && im->width <= 1 ? im->width : 1.0;
	e->u.image.caption = pdf_safe(c, im->caption.s);
	e->u.image.space_before = 4;
	e->u.image.space_after = 10;
	e->u.image.floats = true; /* unless it ends its section (pdf_blocks_section) */
}

static void pdf_block_list(struct pdf_ctx *c, const struct rg_texts *l)
{
	for (size_t i = 0; i < l->n; i++)
		pdf_md_item(c, l->v[i].s, UTF8_BULLET);
	pdf_space(c, c->md.para_space / 2);
}

static void pdf_blocks(struct pdf_ctx *c, const struct rg_blocks *bs);

/* An item shown in full elsewhere, as one line: "Asset: NAME (full entry)", both linked to
 * it, instead of its whole table again. */
static void pdf_ref_line(struct pdf_ctx *c, const char *what, const char *name, const char *dest)
{
	pdf_note(c, rg_arena_printf(c->a, "%s: ", what), LAY_SANS_BOLD, c->tpl->font_size,
	         c->tpl->colors.text);
	struct lay_runs *runs = &c->flow->v[c->flow->n - 1].u.para.runs;
	pdf_link_run(c, runs, name != NULL ? name : "", NULL, dest);
	pdf_run(c, runs, " (", LAY_SANS);
	pdf_link_run(c, runs, "full entry", NULL, dest);
	pdf_run(c, runs, ")", LAY_SANS);
}

static void pdf_block(struct pdf_ctx *c, const struct rg_block *b)
{
	if (b->empty)
		return; /* nothing to show: no heading over nothing (warned at check time) */
	int level = b->level < 1 ? 1 : b->level > 3 ? 3 : b->level;
	struct pdf_mark_state around = pdf_mark_enter(c, &b->mark);
	if (b->title.s != NULL)
		pdf_heading(c, level + 1, b->title.s, NULL);
	pdf_mark_pill(c, &around, &b->mark);
	struct pdf_kv kv;
	switch (b->kind) {
	case RG_BLOCK_TEXT:
		pdf_md(c, b->u.text.s);
		break;
	case RG_BLOCK_CODE:
		if (b->u.text.s != NULL)
			pdf_block_code(c, b->u.text.s);
		break;
	case RG_BLOCK_FACTS:
		pdf_kv_begin(&kv, c);
		pdf_kv_pairs(&kv, &b->u.facts);
		pdf_kv_end(&kv, NULL);
		break;
	case RG_BLOCK_TABLE:
		pdf_block_table(c, &b->u.table);
		break;
	case RG_BLOCK_LIST:
		pdf_block_list(c, &b->u.list);
		break;
	case RG_BLOCK_IMAGE:
		pdf_block_image(c, &b->u.image);
		break;
	case RG_BLOCK_ASSET:
		if (b->u.asset.ref != NULL) {
			size_t k = (size_t)(b->u.asset.ref - c->doc->assets);
			const struct rg_asset *as = b->u.asset.ref;
			if (c->asset_anchor[k] != NULL && c->asset_block[k] != b)
				pdf_ref_line(c, "Asset", as->name.s ? as->name.s : "(unnamed)",
				             c->asset_anchor[k]);
			else
				pdf_asset_table(c, as,
				                c->asset_block[k] == b ? c->asset_anchor[k] : NULL);
		}
		break;
	case RG_BLOCK_EMAIL:
		if (b->u.email.ref != NULL) {
			size_t k = (size_t)(b->u.email.ref - c->doc->emails);
			const struct rg_email *e = b->u.email.ref;
			if (c->email_full[k]) {
				pdf_ref_line(c, rg_arena_printf(c->a, "Email %zu", k + 1),
				             e->subject.s ? e->subject.s : e->from.s,
				             c->email_anchor[k]);
			} else {
				c->email_full[k] = true;
				c->email_anchor[k] = rg_arena_printf(c->a, "email-%zu", k + 1);
				pdf_email(c, e, c->email_anchor[k]);
			}
		}
		break;
	case RG_BLOCK_GROUP:
		pdf_blocks(c, &b->u.group);
		break;
	}
	pdf_mark_leave(c, around);
}

static void pdf_blocks(struct pdf_ctx *c, const struct rg_blocks *bs)
{
	for (size_t i = 0; i < bs->n; i++)
		pdf_block(c, &bs->v[i]);
}

void pdf_blocks_section(struct pdf_ctx *c, const struct rg_section *s)
{
	pdf_md(c, s->text.s);
	/* an unmarked section without text is a heading only: its blocks stand on their own */
	struct pdf_mark_state around = {c->flow->rank, c->mark_ctx};
	if (s->text.s == NULL && s->mark.tlp == RG_TLP_NONE)
		c->flow->rank = (unsigned char)(c->mark_ctx = c->doc->report.tlp);
	pdf_blocks(c, &s->blocks);
	/* an image that ends its section stays there: a float would carry it past the next
	 * section's heading */
	if (c->flow->n > 0 && c->flow->v[c->flow->n - 1].kind == LAY_E_IMAGE)
		c->flow->v[c->flow->n - 1].u.image.floats = false;
	pdf_mark_leave(c, around);
}
