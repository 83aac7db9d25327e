/* layout_dump.c: text dumps of a layout result, for tests and the hidden "layout" format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

static const char *const dump_fonts[LAY_NFACES] = {
        "sans",      "sans-bold", "sans-oblique", "sans-bold-oblique", "mono",
        "mono-bold", "fallback1", "fallback2",    "fallback3",         "fallback4",
        "fallback5", "fallback6", "fallback7",    "fallback8"};

static void dump_op(FILE *fp, const struct lay_op *o)
{
	switch (o->kind) {
	case LAY_OP_TEXT:
		fprintf(fp, "  text %.2f %.2f %s %.2f #%06X \"%.*s\"\n", o->x, o->y,
		        (unsigned)o->font < LAY_NFACES ? dump_fonts[o->font] : "?", o->size,
		        o->color, (int)o->len, o->text ? o->text : "");
		break;
	case LAY_OP_FILL:
		fprintf(fp, "  fill %.2f %.2f %.2f %.2f #%06X r%.2f\n", o->x, o->y, o->w, o->h,
		        o->color, o->radius);
		break;
	case LAY_OP_LINE:
		fprintf(fp, "  line %.2f %.2f %.2f %.2f w%.2f #%06X\n", o->x, o->y, o->w, o->h,
		        o->size, o->color);
		break;
	case LAY_OP_IMAGE:
		fprintf(fp, "  image %.2f %.2f %.2f %.2f %s\n", o->x, o->y, o->w, o->h,
		        o->image ? o->image : "");
		break;
	case LAY_OP_LINK:
		fprintf(fp, "  link %.2f %.2f %.2f %.2f %s%s\n", o->x, o->y, o->w, o->h,
		        o->uri ? o->uri : "#", o->uri ? "" : (o->dest ? o->dest : ""));
		break;
	}
}

char *lay_dump(const struct lay_result *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	if (fp == NULL)
		return rg_xstrdup("");
	for (size_t p = 0; p < r->npages; p++) {
		fprintf(fp, "page %zu\n", p + 1);
		for (size_t i = 0; i < r->pages[p].nops; i++)
			dump_op(fp, &r->pages[p].ops[i]);
	}
	for (size_t i = 0; i < r->nmarks; i++) {
		const struct lay_mark *m = &r->marks[i];
		fprintf(fp, "mark %s page %d y %.2f level %d%s \"%s\"\n",
		        m->anchor ? m->anchor : "-", m->page + 1, m->y, m->level,
		        m->in_toc ? " toc" : "", m->title ? m->title : "");
	}
	fclose(fp);
	return buf;
}

/* ---- The "layout" format ---- */

/* A string in double quotes: quote, backslash and control bytes escaped. */
static void dump_str(FILE *fp, const char *s, size_t n)
{
	putc('"', fp);
	for (size_t i = 0; s != NULL && i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '"' || ch == '\\')
			fprintf(fp, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7F)
			fprintf(fp, "\\x%02X", ch);
		else
			putc(ch, fp);
	}
	putc('"', fp);
}

static const char *dump_font(enum lay_font f)
{
	return (unsigned)f < LAY_NFACES ? dump_fonts[f] : "?";
}

/* The table cell an op belongs to, as "r2c1 " ("r2 " for a row's fill), or nothing. */
static void dump_cell(FILE *fp, const struct lay_op *o)
{
	if (o->row > 0 && o->col > 0)
		fprintf(fp, "r%uc%u ", o->row, o->col);
	else if (o->row > 0)
		fprintf(fp, "r%u ", o->row);
}

static const char *const dump_chart_roles[] = {
        "", "axis", "tick", "tick-label", "event", "mark", "leader", "label", "band", "band-label"};

static void dump_layout_op(FILE *fp, const struct lay_op *o)
{
	fputs("  ", fp);
	if (o->chart != LAY_CHART_NONE &&
	    o->chart < sizeof(dump_chart_roles) / sizeof(dump_chart_roles[0])) {
		/* "chart label 3 text x y sans size #color w W h H "text"" */
		fprintf(fp, "chart %s %u ", dump_chart_roles[o->chart], o->row);
		if (o->kind == LAY_OP_TEXT) {
			fprintf(fp, "text %.2f %.2f %s %.2f #%06X w %.2f h %.2f ", o->x, o->y,
			        dump_font(o->font), o->size, o->color, o->w, o->h);
			dump_str(fp, o->text, o->len);
			putc('\n', fp);
			return;
		}
	} else {
		dump_cell(fp, o);
	}
	switch (o->kind) {
	case LAY_OP_TEXT:
		fprintf(fp, "text %.2f %.2f %s %.2f #%06X ", o->x, o->y, dump_font(o->font),
		        o->size, o->color);
		dump_str(fp, o->text, o->len);
		if (o->angle != 0)
			fprintf(fp, " angle %.2f", o->angle);
		break;
	case LAY_OP_FILL:
		fprintf(fp, "fill %.2f %.2f %.2f %.2f #%06X", o->x, o->y, o->w, o->h, o->color);
		if (o->radius > 0)
			fprintf(fp, " radius %.2f", o->radius);
		break;
	case LAY_OP_LINE:
		fprintf(fp, "line %.2f %.2f %.2f %.2f width %.2f #%06X", o->x, o->y, o->w, o->h,
		        o->size, o->color);
		break;
	case LAY_OP_IMAGE:
		fprintf(fp, "image %.2f %.2f %.2f %.2f %s", o->x, o->y, o->w, o->h,
		        o->jpeg ? "jpeg" : "png");
		break;
	case LAY_OP_LINK:
		fprintf(fp, "link %.2f %.2f %.2f %.2f ", o->x, o->y, o->w, o->h);
		if (o->uri != NULL)
			dump_str(fp, o->uri, strlen(o->uri));
		else
			fprintf(fp, "#%s", o->dest != NULL ? o->dest : "");
		break;
	}
	putc('\n', fp);
}

/* Headings (with their level) and table anchors placed on page p. */
static void dump_marks(FILE *fp, const struct lay_result *r, size_t p)
{
	for (size_t i = 0; i < r->nmarks; i++) {
		const struct lay_mark *m = &r->marks[i];
		if ((size_t)m->page != p)
			continue;
		if (m->title != NULL) {
			fprintf(fp, "  heading %d %.2f%s ", m->level, m->y,
			        m->in_toc ? " toc" : "");
			dump_str(fp, m->title, strlen(m->title));
		} else {
			fprintf(fp, "  anchor %.2f", m->y);
		}
		fprintf(fp, " #%s\n", m->anchor != NULL ? m->anchor : "");
	}
}

void lay_dump_pages(FILE *fp, const struct lay_result *r, const struct lay_page_spec *spec)
{
	fprintf(fp, "pages %zu\n", r->npages);
	for (size_t p = 0; p < r->npages; p++) {
		double w, h;
		lay_page_size(r, p, spec, &w, &h);
		fprintf(fp, "page %zu %.2f x %.2f%s\n", p + 1, w, h,
		        r->pages[p].landscape ? " landscape" : "");
		dump_marks(fp, r, p);
		for (size_t i = 0; i < r->pages[p].nops; i++)
			dump_layout_op(fp, &r->pages[p].ops[i]);
	}
}
