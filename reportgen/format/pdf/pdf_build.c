/* pdf_build.c: turns a validated document into a typesetter flow: shared helpers (headings,
 * tables, badges), the cover, content blocks and the template's section order. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ioc.h"
#include "pdf_build.h"
#include "timeparse.h"
#include "utf8.h"

const char *pdf_anchor(struct pdf_ctx *c)
{
	return rg_arena_printf(c->a, "h%u", ++c->nanchors);
}

/* The heading's text with its number ("2.1 Title", "A.3 Title") when the template numbers. */
static const char *pdf_number(struct pdf_ctx *c, int level, const char *text)
{
	if (!c->tpl->numbered || level > 3)
		return text;
	if (level == 1 && c->appendix) {
		c->number[1] = c->number[2] = 0;
		return text;
	}
	c->number[level - 1]++;
	for (int i = level; i < 3; i++)
		c->number[i] = 0;
	char head[16];
	if (c->appendix)
		snprintf(head, sizeof(head), "A");
	else
		snprintf(head, sizeof(head), "%d", c->number[0]);
	if (level == 1)
		return rg_arena_printf(c->a, "%s" UTF8_ENSP "%s", head, text);
	if (level == 2)
		return rg_arena_printf(c->a, "%s.%d" UTF8_ENSP "%s", head, c->number[1], text);
	return rg_arena_printf(c->a, "%s.%d.%d" UTF8_ENSP "%s", head, c->number[1], c->number[2], text);
}

void pdf_heading(struct pdf_ctx *c, int level, const char *text, const char *anchor)
{
	static const double sizes[] = {15, 12, 10.5, 10};
	static const double before[] = {14, 9, 7, 5};
	static const double after[] = {6, 4, 3, 2};
	int i = level < 1 ? 0 : level > 4 ? 3 : level - 1;
	text = pdf_number(c, i + 1, text);
	struct lay_elem *e = lay_flow_add(c->flow, LAY_E_HEADING);
	struct lay_heading *h = &e->u.heading;
	h->level = i + 1;
	h->text = text;
	h->anchor = anchor != NULL ? anchor : pdf_anchor(c);
	h->in_toc = true;
	h->font = i == 3 ? LAY_SANS_BOLD_OBLIQUE : LAY_SANS_BOLD;
	h->size = sizes[i] * c->tpl->font_size / 10;
	h->color = i < 2 ? c->tpl->colors.headings : c->tpl->colors.text;
	h->rule = i == 0 ? c->tpl->colors.rule : LAY_NOCOLOR;
	h->space_before = before[i];
	h->space_after = after[i];
}

void pdf_md(struct pdf_ctx *c, const char *md)
{
	if (md != NULL)
		md_flow(c->flow, md, &c->md, NULL);
}

void pdf_md_item(struct pdf_ctx *c, const char *md, const char *marker)
{
	struct md_style st = c->md;
	st.indent += st.list_indent;
	st.para_space = st.para_space / 2;
	md_flow(c->flow, md != NULL ? md : "", &st, marker);
}

void pdf_note(struct pdf_ctx *c, const char *text, enum lay_font f, double size, uint32_t color)
{
	struct lay_elem *e = lay_flow_add(c->flow, LAY_E_PARA);
	struct lay_para *p = &e->u.para;
	p->size = size;
	p->color = color;
	p->leading = c->md.leading;
	p->bg = p->bar = LAY_NOCOLOR;
	p->space_after = c->md.para_space;
	struct lay_run r = {.text = text, .len = strlen(text), .font = f, .color = LAY_NOCOLOR,
	                    .bg = LAY_NOCOLOR};
	lay_runs_add(c->a, &p->runs, &r);
}

void pdf_space(struct pdf_ctx *c, double pt)
{
	lay_flow_add(c->flow, LAY_E_SPACE)->u.space = pt;
}

const char *pdf_label(struct pdf_ctx *c, const char *name)
{
	if (name == NULL)
		return NULL;
	char *s = rg_arena_strdup(c->a, name);
	bool start = true;
	for (char *p = s; *p; p++) {
		if (*p == '-')
			*p = ' ';
		if (start && *p != ' ')
			*p = (char)toupper((unsigned char)*p);
		start = *p == ' ';
	}
	return s;
}

/* The first %Z conversion of fmt (not a literal "%%Z"), or NULL. */
static const char *pdf_zone_conv(const char *fmt)
{
	for (const char *p = fmt; p != NULL && *p; p++)
		if (*p == '%' && p[1] == 'Z')
			return p;
		else if (*p == '%' && p[1] != '\0')
			p++;
	return NULL;
}

/* %Z prints "UTC" for UTC and the bare offset ("+01:00", as %:z) otherwise: "2025-03-04 14:48
 * +01:00" is shorter than "... UTC+01:00" and keeps time columns on one line. A space before
 * %Z becomes a no-break space, so a narrow column breaks after the date, never before the
 * zone. */
const char *pdf_time(struct pdf_ctx *c, const struct rg_time *t)
{
	if (t == NULL || t->prec == RG_TIME_ABSENT)
		return NULL;
	if (t->prec == RG_TIME_UNKNOWN)
		return "unknown";
	const char *fmt = c->tpl->date_format, *z = pdf_zone_conv(fmt);
	if (z != NULL && t->prec != RG_TIME_DATE && t->prec != RG_TIME_MONTH) {
		bool glue = z > fmt && z[-1] == ' ';
		fmt = rg_arena_printf(c->a, "%.*s%s%s%s", (int)(z - fmt - glue), fmt,
		                      glue ? UTF8_NBSP : "",
		                      !t->naive && t->offset_min != 0 ? "%:z" : "%Z", z + 2);
	}
	return time_format(c->a, t, fmt);
}

const char *pdf_defang(struct pdf_ctx *c, const char *value, enum rg_ioc_type type)
{
	if (value == NULL || c->opts->no_defang)
		return value;
	return ioc_defang(c->a, ioc_refang(c->a, value), type);
}

/* The lower-case host of a URL (or the domain of an e-mail address), or NULL. */
static const char *pdf_host(struct pdf_ctx *c, const char *v, bool email)
{
	const char *h = strstr(v, "://");
	if (email || h == NULL) {
		const char *at = strrchr(v, '@');
		h = at != NULL ? at + 1 : email ? NULL : v;
	} else {
		h += 3;
		const char *at = strpbrk(h, "@/?#");
		if (at != NULL && *at == '@')
			h = at + 1;
	}
	if (h == NULL)
		return NULL;
	if (*h == '[') {
		size_t n = strcspn(h + 1, "]");
		return rg_arena_strndup(c->a, h + 1, n);
	}
	char *s = rg_arena_strndup(c->a, h, strcspn(h, ":/?#"));
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

/* True when host is name or one of its subdomains. */
static bool pdf_host_match(const char *host, const char *name)
{
	size_t hn = strlen(host), nn = strlen(name);
	if (nn == 0 || hn < nn || strcasecmp(host + hn - nn, name) != 0)
		return false;
	return hn == nn || host[hn - nn - 1] == '.';
}

/* The hosts of the report's non-benign network artifacts, computed once. */
static void pdf_hostile_hosts(struct pdf_ctx *c)
{
	const struct rg_doc *d = c->doc;
	c->hostile = rg_arena_alloc(c->a, (d->nartifacts + 1) * sizeof(*c->hostile));
	c->nhostile = 0;
	for (size_t i = 0; i < d->nartifacts; i++) {
		const struct rg_artifact *a = &d->artifacts[i];
		if (a->disposition == RG_DISP_BENIGN || a->value.s == NULL)
			continue;
		const char *v = a->refanged != NULL ? a->refanged : ioc_refang(c->a, a->value.s);
		const char *name = NULL;
		if (a->type == RG_IOC_URL || a->type == RG_IOC_EMAIL)
			name = pdf_host(c, v, a->type == RG_IOC_EMAIL);
		else if (a->type == RG_IOC_DOMAIN || a->type == RG_IOC_HOSTNAME ||
		         a->type == RG_IOC_IPV4 || a->type == RG_IOC_IPV6)
			name = v;
		if (name != NULL && *name != '\0')
			c->hostile[c->nhostile++] = name;
	}
}

/* md_style.unsafe_link: a link to a host that an artifact marks as not benign is shown
 * defanged and not made clickable (unless --no-defang). */
static const char *pdf_unsafe_link(void *ctx, const char *url)
{
	struct pdf_ctx *c = ctx;
	if (c->opts->no_defang)
		return NULL;
	const char *host = pdf_host(c, url, strncmp(url, "mailto:", 7) == 0);
	if (host == NULL || *host == '\0')
		return NULL;
	if (c->hostile == NULL)
		pdf_hostile_hosts(c);
	for (size_t i = 0; i < c->nhostile; i++)
		if (pdf_host_match(host, c->hostile[i]))
			return ioc_defang(c->a, url, RG_IOC_URL);
	return NULL;
}

void pdf_styles(struct pdf_ctx *c)
{
	const struct template *t = c->tpl;
	c->md = (struct md_style){
		.size = t->font_size, .leading = 1.4, .color = t->colors.text,
		.link_color = t->colors.links, .code_bg = t->colors.code_bg,
		.quote_bar = t->colors.rule, .rule_color = t->colors.border, .indent = 0,
		.para_space = t->font_size * 0.6, .list_indent = t->font_size * 1.5,
		.unsafe_link = pdf_unsafe_link, .ctx = c,
	};
	c->cell = c->md;
	c->cell.size = t->font_size * 0.9;
}

void pdf_run(struct pdf_ctx *c, struct lay_runs *runs, const char *text, enum lay_font f)
{
	if (text == NULL || *text == '\0')
		return;
	struct lay_run r = {.text = text, .len = strlen(text), .font = f, .color = LAY_NOCOLOR,
	                    .bg = LAY_NOCOLOR};
	lay_runs_add(c->a, runs, &r);
}

void pdf_link_run(struct pdf_ctx *c, struct lay_runs *runs, const char *text, const char *uri,
                  const char *dest)
{
	if (text == NULL || *text == '\0')
		return;
	struct lay_run r = {.text = text, .len = strlen(text), .font = LAY_SANS,
	                    .color = c->tpl->colors.links, .bg = LAY_NOCOLOR, .uri = uri,
	                    .dest = dest};
	lay_runs_add(c->a, runs, &r);
}

/* A badge: bold text on a coloured fill, padded with no-break spaces; its own spaces are
 * no-break spaces too, so a badge never wraps inside ("In Progress" stays one pill). */
void pdf_badge(struct pdf_ctx *c, struct lay_runs *runs, const char *text, uint32_t fg,
               uint32_t bg)
{
	size_t nsp = 0;
	for (const char *p = text; *p; p++)
		nsp += *p == ' ';
	char *s = rg_arena_alloc(c->a, strlen(text) + nsp + 5), *o = s;
	o = stpcpy(o, UTF8_NBSP);
	for (const char *p = text; *p; p++)
		o = *p == ' ' ? stpcpy(o, UTF8_NBSP) : (*o = *p, o + 1);
	stpcpy(o, UTF8_NBSP);
	struct lay_run r = {.text = s, .len = strlen(s), .font = LAY_SANS_BOLD, .color = fg, .bg = bg};
	lay_runs_add(c->a, runs, &r);
}

/* ---- tables ---- */

struct lay_table *pdf_table_new(struct pdf_ctx *c, size_t ncols, size_t nrows, bool header)
{
	struct lay_table *t = rg_arena_alloc(c->a, sizeof(*t));
	const struct template_colors *col = &c->tpl->colors;
	t->ncols = ncols;
	t->nrows = nrows;
	t->cells = rg_arena_alloc(c->a, (nrows ? nrows : 1) * (ncols ? ncols : 1) * sizeof(*t->cells));
	for (size_t i = 0; i < nrows * ncols; i++)
		t->cells[i].bg = LAY_NOCOLOR;
	t->header = header;
	t->size = c->tpl->font_size * 0.9;
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
			pdf_cell_text(kv->c, pdf_kv_row(kv, p->v[i].key.s),
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

/* ---- blocks ---- */

/* A table cell written as a full ISO timestamp, in the template's date format; else NULL. */
static const char *pdf_cell_time(struct pdf_ctx *c, const char *s)
{
	size_t n = strlen(s);
	if (n < 16 || n > 40 || !isdigit((unsigned char)s[0]) || s[4] != '-' ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':')
		return NULL;
	if (c->zone == NULL) {
		struct zone *z = rg_arena_alloc(c->a, sizeof(*z));
		char err[128];
		const char *tz = c->doc->report.timezone.s;
		if (tz == NULL || !zone_parse(c->a, tz, z, err, sizeof(err)))
			zone_utc(z);
		c->zone = z;
	}
	struct rg_time t;
	char err[128];
	if (!time_parse(s, c->zone, &t, err, sizeof(err)) || t.prec < RG_TIME_MINUTE)
		return NULL;
	return pdf_time(c, &t);
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
			const char *tm = pdf_cell_time(c, s);
			pdf_cell_text(c, pdf_cell(t, i + 1, j),
			              tm != NULL ? tm : md_defang_urls(c->a, s, &c->md), LAY_SANS);
		}
	t->caption = tb->caption.s;
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
	struct lay_run r = {.text = code, .len = len, .font = LAY_MONO, .color = LAY_NOCOLOR,
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
	e->u.image.width_frac = im->width > 0 && im->width <= 1 ? im->width : 1.0;
	e->u.image.caption = im->caption.s;
	e->u.image.space_before = 4;
	e->u.image.space_after = 10;
}

static void pdf_block_list(struct pdf_ctx *c, const struct rg_texts *l)
{
	for (size_t i = 0; i < l->n; i++)
		pdf_md_item(c, l->v[i].s, UTF8_BULLET);
	pdf_space(c, c->md.para_space / 2);
}

static void pdf_blocks(struct pdf_ctx *c, const struct rg_blocks *bs);

static void pdf_block(struct pdf_ctx *c, const struct rg_block *b)
{
	int level = b->level < 1 ? 1 : b->level > 3 ? 3 : b->level;
	if (b->title.s != NULL)
		pdf_heading(c, level + 1, b->title.s, NULL);
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
			pdf_asset_table(c, b->u.asset.ref, c->asset_block[k] == b ? c->asset_anchor[k] : NULL);
		}
		break;
	case RG_BLOCK_EMAIL:
		if (b->u.email.ref != NULL)
			pdf_email(c, b->u.email.ref);
		break;
	case RG_BLOCK_GROUP:
		pdf_blocks(c, &b->u.group);
		break;
	}
}

static void pdf_blocks(struct pdf_ctx *c, const struct rg_blocks *bs)
{
	for (size_t i = 0; i < bs->n; i++)
		pdf_block(c, &bs->v[i]);
}

void pdf_blocks_section(struct pdf_ctx *c, const struct rg_section *s)
{
	pdf_md(c, s->text.s);
	pdf_blocks(c, &s->blocks);
}

/* ---- cover ---- */

uint32_t pdf_level_color(enum rg_severity_level l)
{
	static const uint32_t v[] = {0x6B7280, 0x2F6DB5, 0xB5CC3A, 0xD97706, 0xC62828, 0x7F1D1D};
	return v[l <= RG_LEVEL_CRITICAL ? l : 0];
}

static uint32_t pdf_verdict_color(enum rg_verdict v)
{
	static const uint32_t c[] = {0x6B7280, 0xC62828, 0x2E7D32, 0x2E7D32, 0x6B7280};
	return c[v <= RG_VERDICT_UNDETERMINED ? v : 0];
}

/* TLP 2.0 label colours (text on black). */
uint32_t pdf_tlp_color(enum rg_tlp t)
{
	switch (t) {
	case RG_TLP_RED:
		return 0xFF2B2B;
	case RG_TLP_AMBER:
	case RG_TLP_AMBER_STRICT:
		return 0xFFC000;
	case RG_TLP_GREEN:
		return 0x33FF00;
	default:
		return 0xFFFFFF;
	}
}

/* printf of one string argument, upper-cased (ASCII). */
static const char *pdf_upper(struct pdf_ctx *c, const char *fmt, const char *arg)
{
	char *s = rg_arena_printf(c->a, fmt, arg);
	for (char *p = s; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return s;
}

const char *pdf_tlp_label(struct pdf_ctx *c, enum rg_tlp t)
{
	return t == RG_TLP_NONE ? NULL : pdf_upper(c, "TLP:%s", rg_tlp_names[t]);
}

static void pdf_cover_badges(struct pdf_ctx *c)
{
	const struct rg_report *r = &c->doc->report;
	struct lay_para para = {0}, *p = &para;
	p->size = c->tpl->font_size;
	p->color = c->tpl->colors.text;
	p->leading = 1.6;
	p->bg = p->bar = LAY_NOCOLOR;
	p->space_after = 12;
	const char *gap = UTF8_EMSP;
	if (r->severity != RG_LEVEL_NONE) {
		pdf_badge(c, &p->runs, pdf_upper(c, "severity: %s", rg_level_names[r->severity]),
		          r->severity == RG_LEVEL_LOW ? 0x000000 : 0xFFFFFF, pdf_level_color(r->severity));
		pdf_run(c, &p->runs, gap, LAY_SANS);
	}
	if (r->verdict != RG_VERDICT_NONE) {
		pdf_badge(c, &p->runs, pdf_upper(c, "%s", pdf_label(c, rg_verdict_names[r->verdict])),
		          0xFFFFFF, pdf_verdict_color(r->verdict));
		pdf_run(c, &p->runs, gap, LAY_SANS);
	}
	if (r->status != RG_STATUS_NONE) {
		pdf_badge(c, &p->runs, pdf_upper(c, "status: %s", rg_status_names[r->status]), 0xFFFFFF,
		          0x4B5563);
		pdf_run(c, &p->runs, gap, LAY_SANS);
	}
	if (r->tlp != RG_TLP_NONE)
		pdf_badge(c, &p->runs, pdf_tlp_label(c, r->tlp), pdf_tlp_color(r->tlp), 0x000000);
	if (p->runs.n > 0)
		lay_flow_add(c->flow, LAY_E_PARA)->u.para = para;
}

const char *pdf_report_title(const struct rg_doc *d)
{
	return d->report.title.s != NULL && *d->report.title.s ? d->report.title.s : "Incident Report";
}

static const struct rg_time *pdf_report_date(const struct rg_doc *d)
{
	return d->report.date.prec != RG_TIME_ABSENT ? &d->report.date : &d->alert.time;
}

static void pdf_cover_table(struct pdf_ctx *c)
{
	const struct rg_report *r = &c->doc->report;
	struct pdf_kv kv;
	pdf_kv_begin(&kv, c);
	pdf_kv_text(&kv, "Incident ID", r->id.s);
	pdf_kv_text(&kv, "Report date", pdf_time(c, pdf_report_date(c->doc)));
	pdf_kv_text(&kv, "Organization", r->organization.s);
	pdf_kv_text(&kv, "Author", r->author.s);
	pdf_kv_text(&kv, "Ticket", r->ticket.s);
	if (r->verdict != RG_VERDICT_NONE && r->verdict_note.s != NULL) {
		struct lay_cell *v = pdf_kv_row(&kv, "Verdict");
		pdf_run(c, &v->runs, pdf_label(c, rg_verdict_names[r->verdict]), LAY_SANS_BOLD);
		pdf_run(c, &v->runs, rg_arena_printf(c->a, " " UTF8_EMDASH " %s", r->verdict_note.s), LAY_SANS);
	}
	pdf_kv_text(&kv, "Time zone", r->timezone.s);
	if (r->tags.n > 0) {
		struct lay_cell *v = pdf_kv_row(&kv, "Tags");
		for (size_t i = 0; i < r->tags.n; i++)
			pdf_run(c, &v->runs, rg_arena_printf(c->a, "%s%s", i ? ", " : "", r->tags.v[i].s),
			        LAY_SANS);
	}
	pdf_kv_pairs(&kv, &r->facts);
	pdf_kv_end(&kv, NULL);
}

/* The first paragraph of the summary section when the template shows that section and the
 * paragraph is short enough for a cover (else NULL). */
static const char *pdf_summary_lead(struct pdf_ctx *c)
{
	const char *md = c->doc->summary.s;
	bool shown = false;
	for (size_t i = 0; i < c->tpl->norder; i++)
		shown |= c->tpl->order[i] == TSEC_SUMMARY;
	if (md == NULL || !shown)
		return NULL;
	md += strspn(md, " \t\n");
	const char *end = strstr(md, "\n\n");
	size_t n = end != NULL ? (size_t)(end - md) : strlen(md);
	return n > 0 && n <= 600 ? rg_arena_printf(c->a, "%.*s", (int)n, md) : NULL;
}

/* The summary at a glance under the badges: report.summary_line, else the first paragraph
 * of the summary section, in a tinted box with the accent bar. */
static void pdf_cover_summary(struct pdf_ctx *c)
{
	const struct rg_report *r = &c->doc->report;
	const char *lead = r->summary_line.s == NULL ? pdf_summary_lead(c) : NULL;
	if (r->summary_line.s == NULL && lead == NULL)
		return;
	struct lay_elem *e = lay_flow_add(c->flow, LAY_E_PARA);
	struct lay_para *p = &e->u.para;
	p->size = c->tpl->font_size * 1.1;
	p->color = c->tpl->colors.text;
	p->leading = 1.45;
	p->bg = c->tpl->colors.zebra;
	p->bar = c->tpl->colors.accent;
	p->indent = 0;
	p->space_after = 12;
	if (r->summary_line.s != NULL)
		pdf_run(c, &p->runs, r->summary_line.s, LAY_SANS_OBLIQUE);
	else
		md_runs(c->a, &p->runs, lead, &c->md);
}

static void pdf_cover(struct pdf_ctx *c)
{
	const struct rg_report *r = &c->doc->report;
	const struct template_colors *col = &c->tpl->colors;
	double fs = c->tpl->font_size;
	if (r->organization.s != NULL)
		pdf_note(c, r->organization.s, LAY_SANS_BOLD, fs * 1.1, col->muted);
	pdf_note(c, pdf_report_title(c->doc), LAY_SANS_BOLD, fs * 2.4, col->accent);
	const char *date = pdf_time(c, pdf_report_date(c->doc));
	pdf_note(c, rg_arena_printf(c->a, "Incident %s%s%s", r->id.s ? r->id.s : "?",
	                            date ? "  " UTF8_MIDDOT "  " : "", date ? date : ""),
	         LAY_SANS, fs * 1.2, col->muted);
	struct lay_elem *rule = lay_flow_add(c->flow, LAY_E_RULE);
	rule->u.rule.color = col->accent;
	rule->u.rule.width = 1.5;
	pdf_space(c, 6);
	pdf_cover_badges(c);
	pdf_cover_summary(c);
	pdf_cover_table(c);
	if (c->tpl->toc) {
		struct lay_elem *e = lay_flow_add(c->flow, LAY_E_TOC);
		e->u.toc.title = c->tpl->titles[TT_CONTENTS];
		e->u.toc.size = fs;
		e->u.toc.fit_page = true;
	}
	if (c->tpl->cover_break)
		lay_flow_add(c->flow, LAY_E_PAGEBREAK);
}

/* ---- order ---- */

static bool pdf_section(struct pdf_ctx *c, enum template_sec s, const char *title)
{
	const struct rg_doc *d = c->doc;
	const struct rg_section *bs = NULL;
	switch (s) {
	case TSEC_ALERT: return pdf_sec_alert(c, title);
	case TSEC_ASSETS: return pdf_sec_assets(c, title);
	case TSEC_EMAILS: return pdf_sec_emails(c, title);
	case TSEC_CONTAINMENT: return pdf_sec_containment(c, title);
	case TSEC_SUMMARY: return pdf_sec_summary(c, title);
	case TSEC_TIMELINE: return pdf_sec_timeline(c, title);
	case TSEC_LESSONS: return pdf_sec_lessons(c, title);
	case TSEC_REMEDIATION: return pdf_sec_remediation(c, title);
	case TSEC_APPENDIX: pdf_sec_appendix(c); return true;
	case TSEC_DETECTION: bs = &d->detection; break;
	case TSEC_VERIFICATION: bs = &d->verification; break;
	case TSEC_ANALYSIS: bs = &d->analysis; break;
	case TSEC_ERADICATION: bs = &d->eradication; break;
	case TSEC_RECOVERY: bs = &d->recovery; break;
	default: return false;
	}
	if (!bs->present)
		return false;
	pdf_heading(c, 1, title, NULL);
	pdf_blocks_section(c, bs);
	return true;
}

static void pdf_custom(struct pdf_ctx *c, const struct rg_custom *s)
{
	pdf_heading(c, 1, s->title.s != NULL ? s->title.s : "", NULL);
	pdf_blocks_section(c, &s->s);
}

/* Custom sections following `after`, in file order; placed[] marks them done. */
static void pdf_customs_after(struct pdf_ctx *c, int after, bool *placed)
{
	for (size_t i = 0; i < c->doc->nsections; i++)
		if (!placed[i] && (after < 0 || (int)c->doc->sections[i].after == after)) {
			placed[i] = true;
			pdf_custom(c, &c->doc->sections[i]);
		}
}

void pdf_build(struct pdf_ctx *c)
{
	const struct template *t = c->tpl;
	bool *placed = rg_arena_alloc(c->a, c->doc->nsections + 1);
	bool shown[TSEC__MAX] = {false};
	for (size_t i = 0; i < t->norder; i++)
		shown[t->order[i]] = true;
	pdf_cover(c);
	size_t cover_end = c->flow->n;
	for (size_t i = 0; i < t->norder; i++) {
		enum template_sec s = t->order[i];
		if (s == TSEC_APPENDIX) {
			for (size_t k = 0; k < c->doc->nsections; k++)
				if (!shown[c->doc->sections[k].after] && !placed[k]) {
					placed[k] = true;
					pdf_custom(c, &c->doc->sections[k]);
				}
		}
		pdf_section(c, s, t->titles[s]);
		if (s < TSEC_APPENDIX)
			pdf_customs_after(c, (int)s, placed);
	}
	pdf_customs_after(c, -1, placed);
	/* a report with no sections: no empty contents and no blank page */
	for (size_t i = 0; c->flow->n == cover_end && i < cover_end; i++) {
		struct lay_elem *e = &c->flow->v[i];
		if (e->kind == LAY_E_TOC || e->kind == LAY_E_PAGEBREAK) {
			e->kind = LAY_E_SPACE;
			e->u.space = 0;
		}
	}
}
