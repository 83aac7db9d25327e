/* template.c: loads templates/NAME.yaml (via ytree) into page geometry, fonts, colours and
 * section order, with file:line:col diagnostics for every mistake. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "datadir.h"
#include "imghdr.h"
#include "template.h"
#include "ytree.h"

#define TPL_MM (72.0 / 25.4)
#define TPL_MAX_FILE (1024u * 1024)

const char *const template_keys[TT__MAX + 1] = {
        "alert",       "assets",      "emails",   "detection", "verification", "analysis",
        "containment", "eradication", "recovery", "summary",   "timeline",     "lessons",
        "remediation", "appendix",    "mitre",    "artifacts", "references",   "contents",
        "assessment",  "actions",     NULL,
};

static const char *const tpl_default_titles[TT__MAX] = {
        "Alert Details",
        "Assets",
        "Emails",
        "Detection",
        "Verify",
        "Analysis",
        "Containment",
        "Eradication",
        "Recovery",
        "Summary",
        "Timeline",
        "Lessons Learned",
        "Remediation Actions",
        "Appendix",
        "MITRE ATT&CK",
        "Artifacts",
        "References",
        "Contents",
        "Assessment",
        "Actions",
};

static const char *const tpl_font_keys[LAY_NFONTS] = {
        "sans", "sans_bold", "sans_oblique", "sans_bold_oblique", "mono", "mono_bold",
};
static const char *const tpl_font_defaults[LAY_NFONTS] = {
        "DejaVuSans.ttf",         "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf",
        "DejaVuSansMono.ttf",     "DejaVuSansMono-Bold.ttf",
};
/* Tried in order for characters the faces above lack: symbols and arrows, mathematics,
 * emoji and the rest of the symbols, Chinese and Japanese, Korean. */
static const char *const tpl_fallback_defaults[] = {
        "NotoSansSymbols2-Regular.ttf", "NotoSansMath-Regular.ttf", "Symbola.ttf",
        "DroidSansFallbackFull.ttf",    "NanumGothic.ttf",
};

/* The built-in defaults, which a template file overrides key by key (A4, blue accent). */
static void tpl_defaults(struct template *t, struct rg_arena *a)
{
	memset(t, 0, sizeof(*t));
	t->page.width = 210 * TPL_MM;
	t->page.height = 297 * TPL_MM;
	t->page.margin_top = t->page.margin_bottom = 22 * TPL_MM;
	t->page.margin_left = t->page.margin_right = 20 * TPL_MM;
	for (int f = 0; f < LAY_NFONTS; f++)
		t->page.font_files[f] =
		        rg_arena_printf(a, "%s/fonts/%s", datadir_path(NULL), tpl_font_defaults[f]);
	for (size_t i = 0; i < sizeof(tpl_fallback_defaults) / sizeof(tpl_fallback_defaults[0]);
	     i++)
		t->page.fallback_files[t->page.nfallbacks++] = rg_arena_printf(
		        a, "%s/fonts/%s", datadir_path(NULL), tpl_fallback_defaults[i]);
	t->font_size = 10;
	t->colors = (struct template_colors){
	        .text = 0x1F2328,
	        .muted = 0x5A6270,
	        .accent = 0x1F4E79,
	        .headings = 0x1F4E79,
	        .rule = 0x9DB3CC,
	        .table_header_bg = 0x1F3A5F,
	        .table_header_fg = 0xFFFFFF,
	        .zebra = 0xF2F5F9,
	        .border = 0xC9D2DC,
	        .links = 0x1A5FB4,
	        .code_bg = 0xF3F4F6,
	        .key_bg = 0xE8EEF5,
	};
	t->date_format = "%Y-%m-%d %H:%M %Z";
	for (int s = 0; s < TSEC__MAX; s++)
		t->order[t->norder++] = (enum template_sec)s;
	for (int i = 0; i < TT__MAX; i++)
		t->titles[i] = tpl_default_titles[i];
	t->header_left = "{title}";
	t->header_right = "Incident {id}";
	t->page_format = "Page %d of %d";
	t->toc = true;
	t->cover_break = true;
	t->numbered = true;
}

/* A colour "#RRGGBB" (or "RRGGBB", or "none"); reports and returns false otherwise. */
static bool tpl_color(struct yctx *c, const struct ynode *v, const struct ypath *p, uint32_t *out)
{
	struct rg_text t;
	if (!yget_text(c, v, p, &t))
		return false;
	const char *s = t.s[0] == '#' ? t.s + 1 : t.s;
	if (strcmp(t.s, "none") == 0) {
		*out = LAY_NOCOLOR;
		return true;
	}
	char *end;
	unsigned long x = strlen(s) == 6 ? strtoul(s, &end, 16) : 0;
	if (strlen(s) != 6 || *end != '\0') {
		yreport(c, v, p, RG_E_TEMPLATE,
		        "expected a colour \"#RRGGBB\" (quoted); got \"%s\"", t.s);
		return false;
	}
	*out = (uint32_t)x;
	return true;
}

static void tpl_colors(struct yctx *c, const struct ynode *m, const struct ypath *up,
                       struct template_colors *col)
{
	static const struct ykey keys[] = {
	        {.name = "text"},
	        {.name = "muted"},
	        {.name = "accent"},
	        {.name = "headings"},
	        {.name = "rule"},
	        {.name = "table_header_bg"},
	        {.name = "table_header_fg"},
	        {.name = "zebra"},
	        {.name = "border"},
	        {.name = "links"},
	        {.name = "code_bg"},
	        {.name = "key_bg"},
	};
	uint32_t *dst[] = {
	        &col->text,   &col->muted,           &col->accent,          &col->headings,
	        &col->rule,   &col->table_header_bg, &col->table_header_fg, &col->zebra,
	        &col->border, &col->links,           &col->code_bg,         &col->key_bg};
	const struct ynode *f[sizeof(keys) / sizeof(keys[0])];
	ykeys(c, m, up, keys, sizeof(keys) / sizeof(keys[0]), f);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		struct ypath p = YPATH_KEY(up, keys[i].name);
		if (f[i] != NULL)
			tpl_color(c, f[i], &p, dst[i]);
	}
}

/* A length in millimetres within (0, max], stored in points. */
static void tpl_mm(struct yctx *c, const struct ynode *v, const struct ypath *p, double max,
                   double *out)
{
	double mm;
	if (v != NULL && yget_fraction(c, v, p, 0, max, &mm))
		*out = mm * TPL_MM;
}

static void tpl_margins(struct yctx *c, const struct ynode *m, const struct ypath *up,
                        struct lay_page_spec *pg)
{
	static const struct ykey keys[] = {
	        {.name = "top"}, {.name = "right"}, {.name = "bottom"}, {.name = "left"}};
	double *dst[] = {&pg->margin_top, &pg->margin_right, &pg->margin_bottom, &pg->margin_left};
	const struct ynode *f[4];
	ykeys(c, m, up, keys, 4, f);
	for (int i = 0; i < 4; i++) {
		struct ypath p = YPATH_KEY(up, keys[i].name);
		tpl_mm(c, f[i], &p, 100, dst[i]);
	}
}

static void tpl_page(struct yctx *c, const struct ynode *m, const struct ypath *up,
                     struct lay_page_spec *pg)
{
	static const struct ykey keys[] = {
	        {.name = "size"}, {.name = "width"}, {.name = "height"}, {.name = "margins"}};
	static const char *const sizes[] = {"a4", "letter", NULL};
	const struct ynode *f[4];
	ykeys(c, m, up, keys, 4, f);
	struct ypath p = YPATH_KEY(up, "size");
	int size = f[0] != NULL ? yget_enum(c, f[0], &p, sizes) : -1;
	if (size == 0) {
		pg->width = 210 * TPL_MM;
		pg->height = 297 * TPL_MM;
	} else if (size == 1) {
		pg->width = 612;
		pg->height = 792;
	}
	p = YPATH_KEY(up, "width");
	tpl_mm(c, f[1], &p, 2000, &pg->width);
	p = YPATH_KEY(up, "height");
	tpl_mm(c, f[2], &p, 2000, &pg->height);
	p = YPATH_KEY(up, "margins");
	if (f[3] != NULL)
		tpl_margins(c, f[3], &p, pg);
}

/* True when path names a readable file. */
static bool tpl_readable(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return false;
	fclose(fp);
	return true;
}

/* A font file name inside the fonts folder as a path, or NULL after a diagnostic. */
static const char *tpl_font_file(struct yctx *c, const struct ynode *v, const struct ypath *p)
{
	struct rg_text t;
	if (!yget_text(c, v, p, &t))
		return NULL;
	const char *path = rg_arena_printf(c->arena, "%s/fonts/%s", datadir_path(NULL), t.s);
	if (strstr(t.s, "..") != NULL || t.s[0] == '/' || !tpl_readable(path)) {
		yreport(c, v, p, RG_E_TEMPLATE, "no font file \"%s\" in the fonts folder", t.s);
		return NULL;
	}
	return path;
}

/* fallback: the list of faces tried, in order, for characters the style faces lack. */
static void tpl_fallbacks(struct yctx *c, const struct ynode *v, const struct ypath *up,
                          struct lay_page_spec *pg)
{
	if (v->kind != YN_SEQ) {
		yreport(c, v, up, RG_E_TYPE, "expected a list of font files; got %s",
		        ynode_kind_name(v));
		return;
	}
	if (v->n > LAY_NFALLBACKS) {
		yreport(c, v, up, RG_E_TEMPLATE, "at most %d fallback fonts; got %zu",
		        LAY_NFALLBACKS, (size_t)v->n);
		return;
	}
	pg->nfallbacks = 0;
	for (size_t i = 0; i < v->n; i++) {
		struct ypath p = YPATH_INDEX(up, i);
		const char *path = tpl_font_file(c, v->items[i], &p);
		if (path != NULL)
			pg->fallback_files[pg->nfallbacks++] = path;
	}
}

static void tpl_fonts(struct yctx *c, const struct ynode *m, const struct ypath *up,
                      struct lay_page_spec *pg)
{
	struct ykey keys[LAY_NFONTS + 1];
	for (int i = 0; i < LAY_NFONTS; i++)
		keys[i] = (struct ykey){.name = tpl_font_keys[i]};
	keys[LAY_NFONTS] = (struct ykey){.name = "fallback"};
	const struct ynode *f[LAY_NFONTS + 1];
	ykeys(c, m, up, keys, LAY_NFONTS + 1, f);
	for (int i = 0; i < LAY_NFONTS; i++) {
		struct ypath p = YPATH_KEY(up, keys[i].name);
		const char *path = f[i] != NULL ? tpl_font_file(c, f[i], &p) : NULL;
		if (path != NULL)
			pg->font_files[i] = path;
	}
	if (f[LAY_NFONTS] != NULL) {
		struct ypath p = YPATH_KEY(up, "fallback");
		tpl_fallbacks(c, f[LAY_NFONTS], &p, pg);
	}
}

/* sections: a list of section keys, each at most once. */
static void tpl_sections(struct yctx *c, const struct ynode *v, const struct ypath *up,
                         struct template *t)
{
	const char *names[TSEC__MAX + 1];
	memcpy(names, template_keys, sizeof(names) - sizeof(names[0]));
	names[TSEC__MAX] = NULL;
	if (v->kind != YN_SEQ) {
		yreport(c, v, up, RG_E_TYPE, "expected a list; got %s", ynode_kind_name(v));
		return;
	}
	bool seen[TSEC__MAX] = {false};
	t->norder = 0;
	for (size_t i = 0; i < v->n; i++) {
		struct ypath p = YPATH_INDEX(up, i);
		int k = yget_enum(c, v->items[i], &p, names);
		if (k < 0)
			continue;
		if (seen[k]) {
			yreport(c, v->items[i], &p, RG_E_TEMPLATE, "section \"%s\" listed twice",
			        names[k]);
			continue;
		}
		seen[k] = true;
		t->order[t->norder++] = (enum template_sec)k;
	}
}

static void tpl_titles(struct yctx *c, const struct ynode *m, const struct ypath *up,
                       struct template *t)
{
	struct ykey keys[TT__MAX];
	for (int i = 0; i < TT__MAX; i++)
		keys[i] = (struct ykey){.name = template_keys[i]};
	const struct ynode *f[TT__MAX];
	ykeys(c, m, up, keys, TT__MAX, f);
	for (int i = 0; i < TT__MAX; i++) {
		struct ypath p = YPATH_KEY(up, keys[i].name);
		struct rg_text s;
		if (f[i] != NULL && yget_text(c, f[i], &p, &s))
			t->titles[i] = s.s;
	}
}

static void tpl_header(struct yctx *c, const struct ynode *m, const struct ypath *up,
                       struct template *t)
{
	static const struct ykey keys[] = {
	        {.name = "left"}, {.name = "right"}, {.name = "on_first_page"}};
	const struct ynode *f[3];
	ykeys(c, m, up, keys, 3, f);
	struct rg_text s;
	struct ypath p = YPATH_KEY(up, "left");
	if (f[0] != NULL && yget_text(c, f[0], &p, &s))
		t->header_left = s.s;
	p = YPATH_KEY(up, "right");
	if (f[1] != NULL && yget_text(c, f[1], &p, &s))
		t->header_right = s.s;
	p = YPATH_KEY(up, "on_first_page");
	if (f[2] != NULL)
		yget_bool(c, f[2], &p, &t->page.header_on_first_page);
}

/* footer: {page: "Page %d of %d"}: exactly two %d and no other conversion. */
static void tpl_footer(struct yctx *c, const struct ynode *m, const struct ypath *up,
                       struct template *t)
{
	static const struct ykey keys[] = {{.name = "page"}};
	const struct ynode *f[1];
	ykeys(c, m, up, keys, 1, f);
	struct ypath p = YPATH_KEY(up, "page");
	struct rg_text s;
	if (f[0] == NULL || !yget_text(c, f[0], &p, &s))
		return;
	int nd = 0;
	bool bad = false;
	for (const char *q = s.s; *q; q++) {
		if (*q != '%')
			continue;
		if (q[1] == 'd')
			nd++;
		else if (q[1] != '%')
			bad = true;
		q++;
		if (*q == '\0')
			break;
	}
	if (bad || nd != 2)
		yreport(c, f[0], &p, RG_E_TEMPLATE,
		        "expected a format with two %%d (page, pages); got \"%s\"", s.s);
	else
		t->page_format = s.s;
}

/* The folder of path, for files named relative to the template. */
static const char *tpl_dir(struct rg_arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash == NULL ? "." : rg_arena_strndup(a, path, (size_t)(slash - path));
}

/* logo: a path, or {path, height (mm)}: a PNG or JPEG next to the template. */
static void tpl_logo(struct yctx *c, const struct ynode *v, const struct ypath *up,
                     struct template *t)
{
	static const struct ykey keys[] = {{.name = "path", .required = true}, {.name = "height"}};
	const struct ynode *f[2] = {v, NULL};
	if (v->kind == YN_MAP && !ykeys(c, v, up, keys, 2, f))
		return;
	struct ypath p = v->kind == YN_MAP ? YPATH_KEY(up, "path") : *up;
	struct rg_text s;
	if (f[0] == NULL || !yget_text(c, f[0], &p, &s))
		return;
	const char *path =
	        s.s[0] == '/' ? s.s
	                      : rg_arena_printf(c->arena, "%s/%s", tpl_dir(c->arena, c->file), s.s);
	struct img_info info;
	char why[256];
	if (!img_probe(path, &info, why, sizeof(why))) {
		if (info.kind == IMG_UNKNOWN)
			yreport(c, f[0], &p, RG_E_TEMPLATE,
			        "logo \"%s\" is not a readable PNG or JPEG file", s.s);
		else
			yreport(c, f[0], &p, RG_E_TEMPLATE, "logo \"%s\": %s", s.s, why);
		return;
	}
	bool jpeg = info.kind == IMG_JPEG;
	t->page.logo_path = path;
	t->page.logo_jpeg = jpeg;
	t->page.logo_height = 14 * TPL_MM;
	t->page.logo_origin = (struct lay_origin){c->file, f[0]->pos,
	                                          v->kind == YN_MAP ? "logo.path" : "logo", s.s};
	p = YPATH_KEY(up, "height");
	tpl_mm(c, f[1], &p, 100, &t->page.logo_height);
}

enum {
	K_NAME,
	K_DESC,
	K_PAGE,
	K_FONTS,
	K_SIZE,
	K_COLORS,
	K_DATE,
	K_SECTIONS,
	K_TITLES,
	K_HEADER,
	K_FOOTER,
	K_LOGO,
	K_TOC,
	K_BREAK,
	K_NUMBERED,
	K_SUMMARY_METRICS,
	K_APPROVAL,
	K__MAX
};

static void tpl_root(struct yctx *c, const struct ynode *root, struct template *t)
{
	static const struct ykey keys[K__MAX] = {
	        {.name = "name"},
	        {.name = "description"},
	        {.name = "page"},
	        {.name = "fonts"},
	        {.name = "font_size"},
	        {.name = "colors"},
	        {.name = "date_format"},
	        {.name = "sections"},
	        {.name = "titles"},
	        {.name = "header"},
	        {.name = "footer"},
	        {.name = "logo"},
	        {.name = "toc"},
	        {.name = "cover_page_break"},
	        {.name = "numbered"},
	        {.name = "summary_metrics"},
	        {.name = "require_approval"},
	};
	const struct ynode *f[K__MAX];
	if (!ykeys(c, root, NULL, keys, K__MAX, f))
		return;
	struct ypath p[K__MAX];
	for (int i = 0; i < K__MAX; i++)
		p[i] = YPATH_KEY(NULL, keys[i].name);
	struct rg_text s;
	if (f[K_NAME] != NULL)
		yget_text(c, f[K_NAME], &p[K_NAME], &s);
	if (f[K_DESC] != NULL)
		yget_text(c, f[K_DESC], &p[K_DESC], &s);
	if (f[K_PAGE] != NULL)
		tpl_page(c, f[K_PAGE], &p[K_PAGE], &t->page);
	if (f[K_FONTS] != NULL)
		tpl_fonts(c, f[K_FONTS], &p[K_FONTS], &t->page);
	if (f[K_SIZE] != NULL)
		yget_fraction(c, f[K_SIZE], &p[K_SIZE], 4, 24, &t->font_size);
	if (f[K_COLORS] != NULL)
		tpl_colors(c, f[K_COLORS], &p[K_COLORS], &t->colors);
	if (f[K_DATE] != NULL && yget_text(c, f[K_DATE], &p[K_DATE], &s))
		t->date_format = s.s;
	if (f[K_SECTIONS] != NULL)
		tpl_sections(c, f[K_SECTIONS], &p[K_SECTIONS], t);
	if (f[K_TITLES] != NULL)
		tpl_titles(c, f[K_TITLES], &p[K_TITLES], t);
	if (f[K_HEADER] != NULL)
		tpl_header(c, f[K_HEADER], &p[K_HEADER], t);
	if (f[K_FOOTER] != NULL)
		tpl_footer(c, f[K_FOOTER], &p[K_FOOTER], t);
	if (f[K_LOGO] != NULL)
		tpl_logo(c, f[K_LOGO], &p[K_LOGO], t);
	if (f[K_TOC] != NULL)
		yget_bool(c, f[K_TOC], &p[K_TOC], &t->toc);
	if (f[K_BREAK] != NULL)
		yget_bool(c, f[K_BREAK], &p[K_BREAK], &t->cover_break);
	if (f[K_NUMBERED] != NULL)
		yget_bool(c, f[K_NUMBERED], &p[K_NUMBERED], &t->numbered);
	if (f[K_SUMMARY_METRICS] != NULL)
		yget_bool(c, f[K_SUMMARY_METRICS], &p[K_SUMMARY_METRICS], &t->summary_metrics);
	if (f[K_APPROVAL] != NULL)
		yget_bool(c, f[K_APPROVAL], &p[K_APPROVAL], &t->require_approval);
}

/* Reads the whole file into the arena (NUL-terminated); NULL with errno on failure. A
 * regular file takes a buffer of its size (arena memory is zeroed: the limit's megabyte
 * for a 2 KB template was a quarter of a small render's page faults). */
static char *tpl_read(struct rg_arena *a, const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	struct stat st;
	size_t cap = TPL_MAX_FILE + 1;
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
	    (uintmax_t)st.st_size < cap)
		cap = (size_t)st.st_size + 1; /* one more byte: a file that grew is seen as such */
	char *buf = rg_arena_alloc(a, cap);
	*len = fread(buf, 1, cap, fp);
	if (*len == cap && cap <= TPL_MAX_FILE) { /* it grew since: read on to the limit */
		char *more = rg_arena_alloc(a, TPL_MAX_FILE + 1);
		memcpy(more, buf, *len);
		buf = more;
		*len += fread(buf + *len, 1, TPL_MAX_FILE + 1 - *len, fp);
	}
	bool bad = ferror(fp) != 0 || *len > TPL_MAX_FILE;
	fclose(fp);
	if (bad) {
		errno = EFBIG;
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}

/* A bare name (letters, digits, - _) is a shipped template; anything else a path. */
static const char *tpl_resolve(struct rg_arena *a, const char *name)
{
	if (name == NULL)
		name = "default";
	size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
	if (n == 0 || name[n] != '\0')
		return name;
	return rg_arena_printf(a, "%s/templates/%s.yaml", datadir_path(NULL), name);
}

int template_load(const char *name_or_path, struct template **out, struct rg_arena *a,
                  struct rg_diags *diags)
{
	struct template *t = rg_arena_alloc(a, sizeof(*t));
	tpl_defaults(t, a);
	t->file = tpl_resolve(a, name_or_path);
	*out = NULL;
	size_t len = 0;
	char *buf = tpl_read(a, t->file, &len);
	if (buf == NULL) {
		rg_diag(diags, t->file, (struct rg_pos){0, 0}, RG_F_IO, "",
		        "cannot read template: %s", strerror(errno));
		return 3;
	}
	enum rg_severity worst = diags->worst;
	diags->worst = RG_SEV_NONE;
	struct ynode *root = ytree_parse(a, t->file, buf, len, diags);
	struct yctx c = {a, t->file, diags, diags->n};
	if (root != NULL)
		tpl_root(&c, root, t);
	bool bad = root == NULL || diags->worst >= RG_SEV_ERROR;
	if (worst > diags->worst)
		diags->worst = worst;
	if (bad)
		return 1;
	*out = t;
	return 0;
}

/* The installed template names, sorted and comma-separated, or "none" (arena string). */
static const char *tpl_installed(struct rg_arena *a)
{
	char *dir = rg_arena_printf(a, "%s/templates", datadir_path(NULL));
	struct dirent **ents = NULL;
	int n = scandir(dir, &ents, NULL, alphasort);
	char *list = "none";
	for (int i = 0; i < n; i++) {
		size_t len = strlen(ents[i]->d_name);
		if (len > 5 && strcmp(ents[i]->d_name + len - 5, ".yaml") == 0)
			list = strcmp(list, "none") == 0
			               ? rg_arena_strndup(a, ents[i]->d_name, len - 5)
			               : rg_arena_printf(a, "%s, %.*s", list, (int)(len - 5),
			                                 ents[i]->d_name);
		free(ents[i]);
	}
	free(ents);
	return list;
}

int template_check(const char *name_or_path, struct rg_diags *d, struct rg_arena *a,
                   const char **installed)
{
	struct template *t = NULL;
	int rc = template_load(name_or_path, &t, a, d);
	*installed = rc == 3 ? tpl_installed(a) : NULL;
	return rc;
}
