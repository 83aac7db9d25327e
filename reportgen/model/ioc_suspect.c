/* ioc_suspect.c: indicator-like pieces of a free-text value, and what the value looks like. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ioc.h"
#include "ioc_suspect.h"
#include "ioc_syntax.h"

/* Punctuation around a word in prose: "(evil.com)," -> "evil.com". */
static const char ioc_trim_chars[] = "()<>{}\"',;!?";

/* The type of a whole token when it is a network indicator, else RG_IOC_NONE. */
static enum rg_ioc_type ioc_piece_type(const char *t)
{
	enum rg_ioc_type k = ioc_infer(t);
	switch (k) {
	case RG_IOC_URL:
		return ioc_is_url(t, NULL) ? k : RG_IOC_NONE;
	case RG_IOC_EMAIL:
	case RG_IOC_SOCKET:
	case RG_IOC_IPV4:
	case RG_IOC_IPV6:
	case RG_IOC_CIDR:
		return k;
	case RG_IOC_DOMAIN: { /* a top-level label of letters, two or more ("e.g" is prose) */
		const char *tld = strrchr(t, '.') + 1;
		size_t n = strspn(tld, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
		return (n >= 2 && tld[n] == '\0') || strncasecmp(tld, "xn--", 4) == 0 ? k
		                                                                      : RG_IOC_NONE;
	}
	default:
		return RG_IOC_NONE;
	}
}

/* "http//x", "http:/x", "https:x.com/y": a scheme whose ":" or "//" is missing; returns the
 * length of the scheme word, or 0. */
static size_t ioc_broken_scheme(const char *t)
{
	static const char *const schemes[] = {"https", "http", "ftp"};
	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		size_t n = strlen(schemes[i]);
		if (strncasecmp(t, schemes[i], n) != 0)
			continue;
		const char *r = t + n;
		if (strncmp(r, "://", 3) == 0)
			return 0; /* well formed */
		if (strncmp(r, "//", 2) == 0 || strncmp(r, ":/", 2) == 0 ||
		    (r[0] == ':' && isalnum((unsigned char)r[1])))
			return n;
	}
	return 0;
}

/* The host of "host/path" when host is an address or a domain and the rest is a path (not a
 * CIDR prefix length): its type, and its length in *hl. */
static enum rg_ioc_type ioc_host_path(struct rg_arena *a, const char *t, size_t *hl)
{
	size_t n = strcspn(t, "/");
	if (t[n] != '/' || n == 0 || t[n + 1] == '\0' ||
	    strspn(t + n + 1, "0123456789") == strlen(t + n + 1))
		return RG_IOC_NONE;
	const char *host = rg_arena_strndup(a, t, n);
	enum rg_ioc_type ht = ioc_piece_type(host);
	*hl = n;
	return ht == RG_IOC_IPV4 || ht == RG_IOC_DOMAIN || ht == RG_IOC_SOCKET ? ht : RG_IOC_NONE;
}

static void ioc_add(struct ioc_suspect *out, const char *s, enum rg_ioc_type t)
{
	if (out->npieces < IOC_SUSPECT_MAX)
		out->pieces[out->npieces++] = (struct ioc_piece){s, t};
}

/* The pieces of s, split at blanks, without the punctuation around words. */
static size_t ioc_tokens(struct rg_arena *a, const char *s, const char **tok, size_t max)
{
	size_t n = 0;
	for (const char *p = s; *p != '\0' && n < max;) {
		p += strspn(p, " \t\r\n");
		size_t len = strcspn(p, " \t\r\n");
		if (len == 0)
			break;
		const char *b = p, *e = p + len;
		while (b < e && strchr(ioc_trim_chars, *b) != NULL)
			b++;
		while (e > b &&
		       (strchr(ioc_trim_chars, e[-1]) != NULL || e[-1] == '.' || e[-1] == ':'))
			e--;
		if (e > b)
			tok[n++] = rg_arena_strndup(a, b, (size_t)(e - b));
		p += len;
	}
	return n;
}

static const char *ioc_type_word(enum rg_ioc_type t)
{
	return rg_ioc_type_names[t] != NULL ? rg_ioc_type_names[t] : "indicator";
}

bool ioc_suspect(struct rg_arena *a, const char *s, struct ioc_suspect *out)
{
	memset(out, 0, sizeof(*out));
	const char *tok[64];
	size_t nt = ioc_tokens(a, s, tok, 64);
	const char *first_broken = NULL, *first_path = NULL;
	size_t scheme_len = 0, host_len = 0;
	enum rg_ioc_type path_host = RG_IOC_NONE;
	for (size_t i = 0; i < nt; i++) {
		enum rg_ioc_type t = ioc_piece_type(tok[i]);
		size_t k, hl;
		enum rg_ioc_type ht;
		if (t != RG_IOC_NONE) {
			ioc_add(out, tok[i], t);
		} else if ((k = ioc_broken_scheme(tok[i])) != 0) {
			ioc_add(out, tok[i], RG_IOC_URL);
			if (first_broken == NULL)
				first_broken = tok[i], scheme_len = k;
		} else if ((ht = ioc_host_path(a, tok[i], &hl)) != RG_IOC_NONE) {
			ioc_add(out, tok[i], ht == RG_IOC_DOMAIN ? RG_IOC_URL : RG_IOC_IPV4);
			if (first_path == NULL)
				first_path = tok[i], host_len = hl, path_host = ht;
		}
	}
	if (out->npieces == 0)
		return false;
	if (first_broken != NULL) {
		const char *rest = first_broken + scheme_len;
		rest += strspn(rest, ":/");
		out->looks = "a URL with a missing \":\" or \"//\"";
		out->advice = rg_arena_printf(a, "write \"%.*s://%s\" (type: url)", (int)scheme_len,
		                              first_broken, rest);
		return true;
	}
	if (first_path != NULL) {
		out->looks = path_host == RG_IOC_DOMAIN ? "a domain followed by a path"
		                                        : "an address followed by a path";
		out->advice = rg_arena_printf(
		        a,
		        "write the URL \"http://%s\" (type: url), or split it into the %s \"%.*s\" "
		        "and the uri-path \"%s\"",
		        first_path, ioc_type_word(path_host), (int)host_len, first_path,
		        first_path + host_len);
		return true;
	}
	const struct ioc_piece *p = &out->pieces[0];
	bool alone = nt == 1;
	if (alone) { /* cannot happen: a whole value of that type is inferred as that type */
		out->looks = "an indicator";
		out->advice = rg_arena_printf(a, "give \"type: %s\"", ioc_type_word(p->type));
		return true;
	}
	bool leads = strncmp(s + strspn(s, " \t(<\"'"), p->s, strlen(p->s)) == 0;
	if (leads)
		out->looks = p->type == RG_IOC_DOMAIN   ? "a domain followed by text"
		             : p->type == RG_IOC_SOCKET ? "a socket followed by text"
		             : p->type == RG_IOC_URL    ? "a URL followed by text"
		             : p->type == RG_IOC_EMAIL  ? "an email address followed by text"
		                                        : "an address followed by text";
	else
		out->looks = "text holding an indicator";
	const char *list = NULL;
	for (size_t i = 0; i < out->npieces; i++)
		list = rg_arena_printf(a, "%s%s%s \"%s\"", list ? list : "", list ? ", " : "",
		                       ioc_type_word(out->pieces[i].type), out->pieces[i].s);
	out->advice = rg_arena_printf(a,
	                              "split it: one artifact per indicator (%s), the rest in "
	                              "comment; or give \"type: string\" if it is meant as text",
	                              list);
	return true;
}
