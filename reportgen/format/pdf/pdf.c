/* pdf.c: the "pdf" output format: template + report builder + typesetter. */
#include <string.h>

#include "hblib.h"
#include "pdf_build.h"
#include "timing.h"
#include "utf8.h"

/* Replaces {title}, {id} and {organization} in a template's header text. */
static const char *pdf_fill(struct pdf_ctx *c, const char *fmt)
{
	if (fmt == NULL || *fmt == '\0')
		return NULL;
	const struct rg_report *r = &c->doc->report;
	const char *keys[] = {"{title}", "{id}", "{organization}"};
	const char *vals[] = {pdf_report_title(c->doc), r->id.s ? r->id.s : "",
	                      r->organization.s ? r->organization.s : ""};
	const char *out = "";
	for (const char *p = fmt; *p;) {
		size_t k = 0;
		while (k < 3 && strncmp(p, keys[k], strlen(keys[k])) != 0)
			k++;
		if (k < 3) {
			out = rg_arena_printf(c->a, "%s%s", out, vals[k]);
			p += strlen(keys[k]);
		} else {
			size_t n = strcspn(p + 1, "{") + 1;
			out = rg_arena_printf(c->a, "%s%.*s", out, (int)n, p);
			p += n;
		}
	}
	return pdf_safe(c, out);
}

/* Assets hidden by the template: the first asset block naming one carries its anchor. */
static void pdf_block_anchors(struct pdf_ctx *c, const struct rg_blocks *bs, int depth)
{
	for (size_t i = 0; i < bs->n && depth < 8; i++) {
		const struct rg_block *b = &bs->v[i];
		if (b->kind == RG_BLOCK_GROUP) {
			pdf_block_anchors(c, &b->u.group, depth + 1);
		} else if (b->kind == RG_BLOCK_ASSET && b->u.asset.ref != NULL) {
			size_t k = (size_t)(b->u.asset.ref - c->doc->assets);
			if (c->asset_anchor[k] == NULL) {
				c->asset_anchor[k] = rg_arena_printf(c->a, "asset-%zu", k + 1);
				c->asset_block[k] = b;
			}
		}
	}
}

/* Where each asset's table will be, so that actions and events can link to it. */
void pdf_prepare(struct pdf_ctx *c)
{
	const struct rg_doc *d = c->doc;
	c->asset_anchor = rg_arena_alloc(c->a, (d->nassets + 1) * sizeof(*c->asset_anchor));
	c->asset_block = rg_arena_alloc(c->a, (d->nassets + 1) * sizeof(*c->asset_block));
	bool shown[TSEC__MAX] = {false};
	for (size_t i = 0; i < c->tpl->norder; i++)
		shown[c->tpl->order[i]] = true;
	c->email_anchor = rg_arena_alloc(c->a, (d->nemails + 1) * sizeof(*c->email_anchor));
	c->email_full = rg_arena_alloc(c->a, d->nemails + 1);
	for (size_t i = 0; shown[TSEC_EMAILS] && i < d->nemails; i++) {
		c->email_anchor[i] = rg_arena_printf(c->a, "email-%zu", i + 1);
		c->email_full[i] = true;
	}
	for (size_t i = 0; shown[TSEC_ASSETS] && i < d->nassets; i++)
		c->asset_anchor[i] =
		        d->nassets >= 5 ? "assets" : rg_arena_printf(c->a, "asset-%zu", i + 1);
	if (shown[TSEC_ASSETS])
		return;
	const struct {
		enum template_sec s;
		const struct rg_section *sec;
	} secs[] = {
	        {TSEC_DETECTION, &d->detection},     {TSEC_VERIFICATION, &d->verification},
	        {TSEC_ANALYSIS, &d->analysis},       {TSEC_CONTAINMENT, &d->containment.s},
	        {TSEC_ERADICATION, &d->eradication}, {TSEC_RECOVERY, &d->recovery},
	};
	for (size_t i = 0; i < sizeof(secs) / sizeof(secs[0]); i++)
		if (shown[secs[i].s] && secs[i].sec->present)
			pdf_block_anchors(c, &secs[i].sec->blocks, 0);
	for (size_t i = 0; i < d->nsections; i++)
		pdf_block_anchors(c, &d->sections[i].s.blocks, 0);
}

static void pdf_meta(struct pdf_ctx *c, struct lay_meta *m)
{
	const struct rg_doc *d = c->doc;
	m->title = pdf_safe(c, pdf_report_title(d));
	if (d->report.draft)
		m->title = rg_arena_printf(c->a, "Draft: %s", m->title);
	m->author = pdf_safe(c, d->report.author.s);
	m->subject = pdf_safe(c, d->alert.rule.s);
	m->creator = "reportgen " RG_VERSION;
	const char *kw = NULL;
	for (size_t i = 0; i < d->report.tags.n; i++)
		kw = kw ? rg_arena_printf(c->a, "%s, %s", kw, d->report.tags.v[i].s)
		        : d->report.tags.v[i].s;
	for (size_t i = 0; i < d->nmitre; i++) {
		const char *id = d->mitre[i].id != NULL ? d->mitre[i].id : d->mitre[i].technique.s;
		if (id != NULL)
			kw = kw ? rg_arena_printf(c->a, "%s, %s", kw, id) : id;
	}
	m->keywords = pdf_safe(c, kw);
	const struct rg_time *t =
	        d->report.date.prec != RG_TIME_ABSENT ? &d->report.date : &d->alert.time;
	if (c->opts->epoch >= 0)
		m->epoch = c->opts->epoch;
	else if (t->prec >= RG_TIME_MONTH)
		m->epoch = t->utc;
	else
		m->epoch = -1;
}

static void pdf_furniture(struct pdf_ctx *c, struct lay_page_spec *s)
{
	const struct template *t = c->tpl;
	*s = t->page;
	s->header_left = pdf_fill(c, t->header_left);
	s->header_right = pdf_fill(c, t->header_right);
	s->header_color = t->colors.muted;
	s->footer_page_format = t->page_format;
	s->footer_color = t->colors.muted;
	s->link_color = t->colors.links;
	if (c->doc->report.draft) { /* across the page, and as text in every footer */
		s->underlay = "DRAFT";
		s->underlay_color = 0xE4E4E4;
		s->footer_page_format = rg_arena_printf(c->a, "DRAFT%s%s",
		                                        t->page_format ? "  " UTF8_MIDDOT "  " : "",
		                                        t->page_format ? t->page_format : "");
	}
	enum rg_tlp tlp = c->doc->report.tlp;
	if (tlp != RG_TLP_NONE) {
		s->footer_label = pdf_tlp_label(c, tlp);
		s->footer_label_fg = pdf_tlp_color(tlp);
		s->footer_label_bg = 0x000000;
	}
	/* each page's footer: the strictest marking placed on it (ranks are enum rg_tlp) */
	for (int r = RG_TLP_CLEAR; r <= RG_TLP_RED && r < LAY_RANKS; r++) {
		s->rank_label[r] = pdf_tlp_label(c, (enum rg_tlp)r);
		s->rank_fg[r] = pdf_tlp_color((enum rg_tlp)r);
		s->rank_bg[r] = 0x000000;
	}
}

/* A template that asks for an approver: a final report without one is a warning. */
static void pdf_approval(struct pdf_ctx *c, struct rg_diags *diags)
{
	const struct rg_report *r = &c->doc->report;
	if (!c->tpl->require_approval || r->draft || r->approved_by.present)
		return;
	rg_diag(diags, c->doc->file, r->pos, RG_W_SIGNOFF, "report",
	        "the template asks for an approver and this report is no draft; add "
	        "\"approved_by: {name: ..., role: ..., date: ...}\", or \"draft: true\" until it "
	        "is approved");
}

int pdf_render_via(const struct rg_doc *d, const struct rg_render_opts *o, FILE *fp,
                   pdf_backend *back)
{
	struct rg_diags local;
	rg_diags_init(&local);
	struct rg_diags *diags = o->diags != NULL ? o->diags : &local;
	struct rg_arena *a = rg_arena_new();
	struct template *t = NULL;
	int rc = template_load(o->template_path, &t, a, diags);
	if (rc == 0) {
		uint64_t t0 = timing_start();
		struct lay_flow flow;
		lay_flow_init(&flow, a);
		struct pdf_ctx c = {.doc = d, .tpl = t, .opts = o, .flow = &flow, .a = a};
		pdf_approval(&c, diags);
		pdf_styles(&c);
		pdf_prepare(&c);
		pdf_build(&c);
		struct lay_page_spec spec;
		struct lay_meta meta = {0};
		pdf_furniture(&c, &spec);
		spec.max_pages = o->max_pages > 0 ? o->max_pages : RG_MAX_PAGES;
		pdf_meta(&c, &meta);
		meta.pages = o->pages;
		timing_end("build", t0);
		rc = back(&flow, &spec, &meta, fp, diags, d->file);
	}
	rg_arena_free(a);
	rg_diags_free(&local);
	return rc;
}

static int pdf_render(const struct rg_doc *d, const struct rg_render_opts *o, FILE *fp)
{
	return pdf_render_via(d, o, fp, lay_typeset);
}

const struct rg_format format_pdf = {"pdf",      ".pdf", true,           true,
                                     pdf_render, false,  template_check, hblib_prepare};
