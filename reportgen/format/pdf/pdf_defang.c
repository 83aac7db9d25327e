/* pdf_defang.c: every live occurrence of a non-benign artifact value in the report's text
 * shown defanged: prose, headings, table cells, facts, captions, email fields, containment
 * targets, technique comments and code alike (the one place that decides it). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ioc.h"
#include "ioc_suspect.h"
#include "pdf_build.h"

struct pdf_pat {
	const char *s; /* lower case */
	size_t len;
	enum rg_ioc_type type; /* how to defang it */
};

struct pdf_defanger {
	struct pdf_pat *v;
	size_t n;
	size_t *lens; /* distinct pattern lengths, longest first */
	size_t nlens;
};

static int pdf_pat_cmp(const void *x, const void *y)
{
	const struct pdf_pat *a = x, *b = y;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return memcmp(a->s, b->s, a->len);
}

static int pdf_len_cmp(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return a > b ? -1 : a < b;
}

/* Types whose values a reader could follow: shown defanged wherever they appear. */
static bool pdf_live_type(enum rg_ioc_type t)
{
	return ioc_type_info(t)->defang != IOC_DEFANG_NONE;
}

static void pdf_pat_add(struct pdf_ctx *c, struct pdf_defanger *d, size_t *cap, const char *s,
                        enum rg_ioc_type type)
{
	if (s == NULL || strlen(s) < 3)
		return;
	if (d->n == *cap)
		d->v = rg_xrealloc(d->v, (*cap = *cap * 2 + 16) * sizeof(*d->v));
	char *low = rg_arena_strdup(c->a, s);
	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	d->v[d->n++] = (struct pdf_pat){low, strlen(low), type};
}

/* A value and, for a socket, its address or host alone (the live part). */
static void pdf_pat_value(struct pdf_ctx *c, struct pdf_defanger *d, size_t *cap, const char *s,
                          enum rg_ioc_type type)
{
	pdf_pat_add(c, d, cap, s, type);
	const char *colon = s != NULL && type == RG_IOC_SOCKET ? strrchr(s, ':') : NULL;
	if (colon == NULL || colon == s)
		return;
	size_t b = s[0] == '[', e = (size_t)(colon - s) - (colon[-1] == ']');
	if (e > b)
		pdf_pat_add(c, d, cap, rg_arena_strndup(c->a, s + b, e - b), RG_IOC_DOMAIN);
}

static struct pdf_defanger *pdf_defanger(struct pdf_ctx *c)
{
	const struct rg_doc *doc = c->doc;
	struct pdf_defanger *d = rg_arena_alloc(c->a, sizeof(*d));
	size_t cap = 0;
	for (size_t i = 0; i < doc->nartifacts; i++) {
		const struct rg_artifact *a = &doc->artifacts[i];
		if (a->disposition == RG_DISP_BENIGN || a->value.s == NULL)
			continue;
		const char *v = a->refanged != NULL ? a->refanged : ioc_refang(c->a, a->value.s);
		if (pdf_live_type(a->type)) {
			/* the refanged value is the live form of the value as written (a written
			 * defanged form is safe already, and must not be defanged twice) */
			pdf_pat_value(c, d, &cap, v, a->type);
			pdf_pat_add(c, d, &cap, a->idn_ascii, a->type);
			pdf_pat_add(c, d, &cap, a->idn_unicode, a->type);
		} else if (a->type == RG_IOC_STRING || a->type == RG_IOC_NONE) {
			/* the addresses, domains and URLs inside a free string */
			struct ioc_suspect sus;
			if (ioc_suspect(c->a, v, &sus))
				for (size_t k = 0; k < sus.npieces; k++)
					pdf_pat_value(c, d, &cap, sus.pieces[k].s,
					              sus.pieces[k].type);
		}
	}
	if (d->n > 1) /* an incident may have nothing live to defang: d->v is then NULL */
		qsort(d->v, d->n, sizeof(*d->v), pdf_pat_cmp);
	d->lens = rg_arena_alloc(c->a, (d->n + 1) * sizeof(*d->lens));
	for (size_t i = 0; i < d->n; i++)
		if (i == 0 || d->v[i].len != d->v[i - 1].len)
			d->lens[d->nlens++] = d->v[i].len;
	qsort(d->lens, d->nlens, sizeof(*d->lens), pdf_len_cmp);
	/* the table lives as long as the rendering: its array moves into the arena */
	struct pdf_pat *kept = rg_arena_alloc(c->a, (d->n + 1) * sizeof(*kept));
	if (d->n > 0)
		memcpy(kept, d->v, d->n * sizeof(*kept));
	free(d->v);
	d->v = kept;
	return d;
}

static bool pdf_word(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '-' || c >= 0x80;
}

/* Token boundaries, as the leak scan has them: not inside a longer number, name or host. */
static bool pdf_bounded_start(const unsigned char *u, size_t s)
{
	if (s > 0 && pdf_word(u[s - 1]))
		return false;
	return !(s > 1 && u[s - 1] == '.' && pdf_word(u[s - 2]));
}

static bool pdf_bounded_end(const unsigned char *u, size_t n, size_t e)
{
	if (e < n && pdf_word(u[e]))
		return false;
	return !(e + 1 < n && u[e] == '.' && pdf_word(u[e + 1]));
}

static const struct pdf_pat *pdf_find(const struct pdf_defanger *d, const char *s, size_t len)
{
	struct pdf_pat key = {s, len, RG_IOC_NONE};
	return bsearch(&key, d->v, d->n, sizeof(*d->v), pdf_pat_cmp);
}

const char *pdf_safe(struct pdf_ctx *c, const char *text)
{
	if (text == NULL || *text == '\0' || c->opts->no_defang)
		return text;
	if (c->defanger == NULL)
		c->defanger = pdf_defanger(c);
	const struct pdf_defanger *d = c->defanger;
	if (d->n == 0)
		return text;
	size_t n = strlen(text);
	char *low = rg_xmalloc(n + 1);
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)text[i]);
	const unsigned char *u = (const unsigned char *)low;
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp = NULL;
	size_t done = 0;
	for (size_t p = 0; p < n; p++) {
		if (!pdf_bounded_start(u, p) || isspace(u[p]))
			continue;
		size_t run = strcspn(low + p, " \t\r\n\"'<>`");
		const struct pdf_pat *hit = NULL;
		for (size_t k = 0; k < d->nlens && hit == NULL; k++) {
			size_t l = d->lens[k];
			if (l <= run && pdf_bounded_end(u, n, p + l))
				hit = pdf_find(d, low + p, l);
		}
		if (hit == NULL)
			continue;
		if (fp == NULL && (fp = open_memstream(&out, &outlen)) == NULL)
			break;
		/* a host after "scheme://": the URL is defanged whole (hxxps://host[.]tld) */
		size_t q = p;
		enum rg_ioc_type type = hit->type;
		if (p >= done + 4 && strncmp(text + p - 3, "://", 3) == 0) {
			q = p - 3;
			while (q > done && isalpha((unsigned char)text[q - 1]))
				q--;
			if (q < p - 3 && pdf_bounded_start(u, q))
				type = RG_IOC_URL;
			else
				q = p;
		}
		fwrite(text + done, 1, q - done, fp);
		fputs(ioc_defang(c->a, rg_arena_strndup(c->a, text + q, p + hit->len - q), type),
		      fp);
		done = p + hit->len;
		p = done - 1;
	}
	free(low);
	if (fp == NULL)
		return text;
	fputs(text + done, fp);
	fclose(fp);
	const char *r = rg_arena_strdup(c->a, out);
	free(out);
	return r;
}

const char *pdf_safe_cb(void *ctx, const char *text)
{
	return pdf_safe(ctx, text);
}
