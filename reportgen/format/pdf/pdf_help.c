/* pdf_help.c: the report builder's shared helpers: headings, paragraphs, runs, badges, labels,
 * times, defanging and the colours of enumerations. */
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
	return rg_arena_printf(c->a, "%s.%d.%d" UTF8_ENSP "%s", head, c->number[1], c->number[2],
	                       text);
}

void pdf_heading(struct pdf_ctx *c, int level, const char *text, const char *anchor)
{
	static const double sizes[] = {15, 12, 10.5, 10};
	static const double before[] = {14, 9, 7, 5};
	static const double after[] = {6, 4, 3, 2};
	int i = level < 1 ? 0 : level > 4 ? 3 : level - 1;
	text = pdf_number(c, i + 1, pdf_safe(c, text));
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
	text = pdf_safe(c, text);
	struct lay_run r = {.text = text,
	                    .len = strlen(text),
	                    .font = f,
	                    .color = LAY_NOCOLOR,
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
	for (size_t i = 0; i < c->nlabels; i++)
		if (c->labels[i].name == name)
			return c->labels[i].label;
	char *s = rg_arena_strdup(c->a, name);
	bool start = true;
	for (char *p = s; *p; p++) {
		if (*p == '-')
			*p = ' ';
		if (start && *p != ' ')
			*p = (char)toupper((unsigned char)*p);
		start = *p == ' ';
	}
	if (c->nlabels < sizeof(c->labels) / sizeof(c->labels[0])) {
		c->labels[c->nlabels].name = name;
		c->labels[c->nlabels++].label = s;
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

const char *pdf_techniques(struct pdf_ctx *c, const struct rg_texts *techs)
{
	if (techs->n == 0)
		return NULL;
	if (c->techlinks == NULL)
		c->techlinks = techlink_index(c->a, c->doc);
	const char *out = NULL;
	for (size_t i = 0; i < techs->n; i++) {
		const struct rg_technique *t = techlink_find(c->techlinks, techs->v[i].s);
		bool again = false;
		for (size_t j = 0; t != NULL && j < i; j++)
			again = again || techlink_find(c->techlinks, techs->v[j].s) == t;
		if (t == NULL || again) /* withheld from this edition, or named twice */
			continue;
		const char *id = t->id != NULL ? t->id : t->technique.s;
		if (id == NULL)
			id = t->full_name != NULL ? t->full_name : t->name.s;
		out = out == NULL ? id : rg_arena_printf(c->a, "%s, %s", out, id);
	}
	return out;
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
	        .size = t->font_size,
	        .leading = 1.4,
	        .color = t->colors.text,
	        .link_color = t->colors.links,
	        .code_bg = t->colors.code_bg,
	        .quote_bar = t->colors.rule,
	        .rule_color = t->colors.border,
	        .indent = 0,
	        .para_space = t->font_size * 0.6,
	        .list_indent = t->font_size * 1.5,
	        .unsafe_link = pdf_unsafe_link,
	        .defang_text = pdf_safe_cb,
	        .ctx = c,
	};
	c->cell = c->md;
	c->cell.size = t->font_size * PDF_TABLE_SCALE;
}

void pdf_run(struct pdf_ctx *c, struct lay_runs *runs, const char *text, enum lay_font f)
{
	if (text == NULL || *text == '\0')
		return;
	text = pdf_safe(c, text);
	struct lay_run r = {.text = text,
	                    .len = strlen(text),
	                    .font = f,
	                    .color = LAY_NOCOLOR,
	                    .bg = LAY_NOCOLOR};
	lay_runs_add(c->a, runs, &r);
}

void pdf_link_run(struct pdf_ctx *c, struct lay_runs *runs, const char *text, const char *uri,
                  const char *dest)
{
	if (text == NULL || *text == '\0')
		return;
	const char *shown = pdf_safe(c, text);
	if (shown != text) { /* it names attacker infrastructure: shown defanged, no link */
		text = shown;
		uri = NULL;
	}
	struct lay_run r = {.text = text,
	                    .len = strlen(text),
	                    .font = LAY_SANS,
	                    .color = c->tpl->colors.links,
	                    .bg = LAY_NOCOLOR,
	                    .uri = uri,
	                    .dest = dest};
	lay_runs_add(c->a, runs, &r);
}

/* A badge: bold text on a coloured fill, padded with no-break spaces; its own spaces are
 * no-break spaces too, so a badge never wraps inside ("In Progress" stays one pill). */
void pdf_badge(struct pdf_ctx *c, struct lay_runs *runs, const char *text, uint32_t fg, uint32_t bg)
{
	size_t nsp = 0;
	for (const char *p = text; *p; p++)
		nsp += *p == ' ';
	char *s = rg_arena_alloc(c->a, strlen(text) + nsp + 5), *o = s;
	o = stpcpy(o, UTF8_NBSP);
	for (const char *p = text; *p; p++)
		o = *p == ' ' ? stpcpy(o, UTF8_NBSP) : (*o = *p, o + 1);
	stpcpy(o, UTF8_NBSP);
	struct lay_run r = {
	        .text = s, .len = strlen(s), .font = LAY_SANS_BOLD, .color = fg, .bg = bg};
	lay_runs_add(c->a, runs, &r);
}

/* Texts joined by sep into one arena string; NULL when there are none. */
const char *pdf_join(struct pdf_ctx *c, const struct rg_texts *t, const char *sep)
{
	const char *s = NULL;
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].s != NULL)
			s = s == NULL ? t->v[i].s
			              : rg_arena_printf(c->a, "%s%s%s", s, sep, t->v[i].s);
	return s;
}

/* printf of one string argument, upper-cased (ASCII). */
const char *pdf_upper(struct pdf_ctx *c, const char *fmt, const char *arg)
{
	char *s = rg_arena_printf(c->a, fmt, arg);
	for (char *p = s; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return s;
}

uint32_t pdf_level_color(enum rg_severity_level l)
{
	static const uint32_t v[] = {0x6B7280, 0x2F6DB5, 0xB5CC3A, 0xD97706, 0xC62828, 0x7F1D1D};
	return v[l <= RG_LEVEL_CRITICAL ? l : 0];
}

uint32_t pdf_disp_color(enum rg_disposition d)
{
	static const uint32_t v[] = {0x6B7280, 0xB42318, 0xB54708, 0x2E7D32, 0x6B7280};
	return v[d <= RG_DISP_UNKNOWN ? d : 0];
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

const char *pdf_tlp_label(struct pdf_ctx *c, enum rg_tlp t)
{
	return t == RG_TLP_NONE ? NULL : pdf_upper(c, "TLP:%s", rg_tlp_names[t]);
}

const char *pdf_report_title(const struct rg_doc *d)
{
	return d->report.title.s != NULL && *d->report.title.s ? d->report.title.s
	                                                       : "Incident Report";
}
