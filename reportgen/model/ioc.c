/* ioc.c: indicator values: refang and defang, hidden characters, type inference. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ioc.h"
#include "ioc_syntax.h"
#include "utf8.h"

/* ------------------------------------------------------------------ */
/* Refang and defang                                                   */
/* ------------------------------------------------------------------ */

struct ioc_token {
	const char *from, *to;
};

/* Bracketed defang marks; the brackets [ ], ( ) and { } are all accepted. */
static const struct ioc_token ioc_marks[] = {
        {".", "."}, {"dot", "."}, {":", ":"}, {"://", "://"},
        {"@", "@"}, {"at", "@"},  {"/", "/"}, {"//", "//"},
};

static const struct ioc_token ioc_schemes[] = {
        {"hxxps", "https"}, {"hxxp", "http"}, {"hxps", "https"},
        {"hxp", "http"},    {"fxps", "ftps"}, {"fxp", "ftp"},
};

static char ioc_closer(char open)
{
	return open == '[' ? ']' : open == '(' ? ')' : open == '{' ? '}' : '\0';
}

/* Length of the defang mark at p ("[.]", "(dot)", ...) and its replacement, or 0. */
static size_t ioc_mark(const char *p, const char **to)
{
	char close = ioc_closer(*p);
	if (close == '\0')
		return 0;
	for (size_t i = 0; i < sizeof(ioc_marks) / sizeof(ioc_marks[0]); i++) {
		size_t n = strlen(ioc_marks[i].from);
		if (strncasecmp(p + 1, ioc_marks[i].from, n) == 0 && p[1 + n] == close) {
			*to = ioc_marks[i].to;
			return n + 2;
		}
	}
	return 0;
}

/* Length of a defanged scheme name at the start of s and its replacement, or 0. The name
 * must be followed by ':' or a mark standing for it ("[:]", "[://]"), so that a host such
 * as hxxp.example.com stays as written. */
static size_t ioc_scheme(const char *s, const char **to)
{
	const char *colon;
	for (size_t i = 0; i < sizeof(ioc_schemes) / sizeof(ioc_schemes[0]); i++) {
		size_t n = strlen(ioc_schemes[i].from);
		if (strncasecmp(s, ioc_schemes[i].from, n) != 0)
			continue;
		if (s[n] == ':' || (ioc_mark(s + n, &colon) > 0 && colon[0] == ':')) {
			*to = ioc_schemes[i].to;
			return n;
		}
	}
	return 0;
}

size_t ioc_refang_text(const char *s, size_t len, char *out)
{
	char *o = out;
	const char *p = s, *end = s + len, *to;
	while (p < end) {
		size_t n = 0;
		bool word_start = p == s || !isalnum((unsigned char)p[-1]);
		if (word_start && (size_t)(end - p) >= 4)
			n = ioc_scheme(p, &to);
		if (n == 0 && (size_t)(end - p) >= 3)
			n = ioc_mark(p, &to);
		if (n > 0 && p + n <= end) {
			o = stpcpy(o, to);
			p += n;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return (size_t)(o - out);
}

const char *ioc_refang(struct rg_arena *a, const char *value)
{
	while (*value == ' ' || *value == '\t' || *value == '\n' || *value == '\r')
		value++;
	size_t len = strlen(value);
	while (len > 0 && strchr(" \t\r\n", value[len - 1]) != NULL)
		len--;
	/* every rewrite keeps or shortens the text */
	char *out = rg_arena_alloc(a, len + 1), *o = out;
	const char *p = value, *end = value + len, *to;
	size_t n = ioc_scheme(p, &to);
	if (n > 0) {
		o = stpcpy(o, to);
		p += n;
	}
	while (p < end) {
		n = (size_t)(end - p) >= 3 ? ioc_mark(p, &to) : 0;
		if (n > 0 && p + n <= end) {
			o = stpcpy(o, to);
			p += n;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

/* Appends s[0..n) to out, writing "[.]" for dots and "[@]" for '@' when asked. */
static char *ioc_defang_span(char *o, const char *s, size_t n, bool dots, bool at)
{
	for (size_t i = 0; i < n; i++) {
		if (dots && s[i] == '.')
			o = stpcpy(o, "[.]");
		else if (at && s[i] == '@')
			o = stpcpy(o, "[@]");
		else
			*o++ = s[i];
	}
	return o;
}

static char *ioc_defang_url(char *o, const char *s)
{
	static const struct ioc_token fang[] = {
	        {"https", "hxxps"},
	        {"http", "hxxp"},
	        {"ftps", "fxps"},
	        {"ftp", "fxp"},
	};
	const char *sep = strstr(s, "://");
	if (sep == NULL)
		return ioc_defang_span(o, s, strlen(s), true, true);
	size_t slen = (size_t)(sep - s), i;
	for (i = 0; i < sizeof(fang) / sizeof(fang[0]); i++)
		if (slen == strlen(fang[i].from) && strncasecmp(s, fang[i].from, slen) == 0)
			break;
	if (i < sizeof(fang) / sizeof(fang[0]))
		o = stpcpy(o, fang[i].to);
	else
		o = ioc_defang_span(o, s, slen, false, false);
	o = stpcpy(o, "://");
	const char *auth = sep + 3;
	size_t alen = strcspn(auth, "/?#");
	o = ioc_defang_span(o, auth, alen, true, true);
	return stpcpy(o, auth + alen);
}

const char *ioc_defang(struct rg_arena *a, const char *s, enum rg_ioc_type type)
{
	/* the worst case triples every byte ("." -> "[.]") */
	char *out = rg_arena_alloc(a, strlen(s) * 3 + 8), *o = out;
	const char *at;
	switch (ioc_type_info(type)->defang) {
	case IOC_DEFANG_URL:
		o = ioc_defang_url(o, s);
		break;
	case IOC_DEFANG_EMAIL:
		at = strrchr(s, '@');
		if (at == NULL) {
			o = ioc_defang_span(o, s, strlen(s), true, false);
			break;
		}
		o = ioc_defang_span(o, s, (size_t)(at - s), false, false);
		o = stpcpy(o, "[@]");
		o = ioc_defang_span(o, at + 1, strlen(at + 1), true, false);
		break;
	case IOC_DEFANG_HOST:
		o = ioc_defang_span(o, s, strlen(s), true, true);
		break;
	case IOC_DEFANG_NONE:
		o = stpcpy(o, s);
		break;
	}
	*o = '\0';
	return out;
}

/* ------------------------------------------------------------------ */
/* Hidden characters and quoting                                       */
/* ------------------------------------------------------------------ */

struct ioc_hidden {
	unsigned lo, hi;
	const char *name;
};

static const struct ioc_hidden ioc_hidden_table[] = {
        {0x00AD, 0x00AD, "SOFT HYPHEN"},
        {0x180E, 0x180E, "MONGOLIAN VOWEL SEPARATOR"},
        {0x200B, 0x200B, "ZERO WIDTH SPACE"},
        {0x200C, 0x200C, "ZERO WIDTH NON-JOINER"},
        {0x200D, 0x200D, "ZERO WIDTH JOINER"},
        {0x200E, 0x200E, "LEFT-TO-RIGHT MARK"},
        {0x200F, 0x200F, "RIGHT-TO-LEFT MARK"},
        {0x202A, 0x202A, "LEFT-TO-RIGHT EMBEDDING"},
        {0x202B, 0x202B, "RIGHT-TO-LEFT EMBEDDING"},
        {0x202C, 0x202C, "POP DIRECTIONAL FORMATTING"},
        {0x202D, 0x202D, "LEFT-TO-RIGHT OVERRIDE"},
        {0x202E, 0x202E, "RIGHT-TO-LEFT OVERRIDE"},
        {0x2060, 0x2064, "WORD JOINER OR INVISIBLE OPERATOR"},
        {0x2066, 0x2066, "LEFT-TO-RIGHT ISOLATE"},
        {0x2067, 0x2067, "RIGHT-TO-LEFT ISOLATE"},
        {0x2068, 0x2068, "FIRST STRONG ISOLATE"},
        {0x2069, 0x2069, "POP DIRECTIONAL ISOLATE"},
        {0xFEFF, 0xFEFF, "ZERO WIDTH NO-BREAK SPACE"},
};

static const struct ioc_hidden *ioc_hidden_find(unsigned cp)
{
	for (size_t i = 0; i < sizeof(ioc_hidden_table) / sizeof(ioc_hidden_table[0]); i++)
		if (cp >= ioc_hidden_table[i].lo && cp <= ioc_hidden_table[i].hi)
			return &ioc_hidden_table[i];
	return NULL;
}

long ioc_hidden_char(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0, n; p[i] != '\0';) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (ioc_hidden_find(utf8_next(s + i, UTF8_MAXLEN, &n)) != NULL)
			return (long)i;
		i += n;
	}
	return -1;
}

const char *ioc_hidden_char_name(const char *s)
{
	static char buf[64];
	size_t n;
	uint32_t cp = utf8_next(s, UTF8_MAXLEN, &n);
	const struct ioc_hidden *h = ioc_hidden_find(cp);
	snprintf(buf, sizeof(buf), "U+%04X %s", (unsigned)cp, h != NULL ? h->name : "CHARACTER");
	return buf;
}

/* ------------------------------------------------------------------ */
/* Inference                                                           */
/* ------------------------------------------------------------------ */

static const char *const ioc_file_exts[] = {
        "exe", "dll", "sys", "scr",  "bat",  "cmd", "ps1",  "psm1", "vbs", "vbe",  "js",
        "jse", "wsf", "hta", "lnk",  "msi",  "jar", "zip",  "rar",  "7z",  "gz",   "tar",
        "iso", "img", "doc", "docx", "docm", "xls", "xlsx", "xlsm", "ppt", "pptx", "pdf",
        "rtf", "one", "crx", "apk",  "dmg",  "elf", "so",   "bin",  "py",  "sh",
};

/* A bare file name (no folder) ending in one of the listed executable or document types. */
static bool ioc_is_known_filename(const char *s)
{
	const char *dot = strrchr(s, '.');
	if (dot == NULL || dot == s || strpbrk(s, "/\\") != NULL || !ioc_is_text(s, true) ||
	    s[0] == ' ' || s[strlen(s) - 1] == ' ')
		return false;
	for (size_t i = 0; i < sizeof(ioc_file_exts) / sizeof(ioc_file_exts[0]); i++)
		if (strcasecmp(dot + 1, ioc_file_exts[i]) == 0)
			return true;
	return false;
}

/* Drive letter, UNC path or a leading '/'. */
static bool ioc_looks_like_path(const char *s)
{
	if (isalpha((unsigned char)s[0]) && s[1] == ':' && (s[2] == '\\' || s[2] == '/'))
		return ioc_is_text(s, true);
	if (s[0] == '\\' && s[1] == '\\' && s[2] != '\0' && s[2] != '\\')
		return ioc_is_text(s, true);
	return s[0] == '/' && ioc_is_text(s, true);
}

enum rg_ioc_type ioc_infer(const char *s)
{
	size_t len = strlen(s);
	if (ioc_has_scheme(s))
		return RG_IOC_URL;
	if (ioc_is_email(s, NULL))
		return RG_IOC_EMAIL;
	if (ioc_is_socket(s, NULL))
		return RG_IOC_SOCKET;
	if (ioc_is_ipv4(s))
		return RG_IOC_IPV4;
	if (ioc_is_ipv6(s))
		return RG_IOC_IPV6;
	if (ioc_is_cidr(s, NULL))
		return RG_IOC_CIDR;
	if (ioc_is_mac(s))
		return RG_IOC_MAC;
	if (ioc_is_hex(s, len)) {
		switch (len) {
		case 32:
			return RG_IOC_MD5;
		case 40:
			return RG_IOC_SHA1;
		case 64:
			return RG_IOC_SHA256;
		case 128:
			return RG_IOC_SHA512;
		default:
			break;
		}
	}
	if (ioc_is_ssdeep(s))
		return RG_IOC_SSDEEP;
	if (ioc_is_cve(s))
		return RG_IOC_CVE;
	if (ioc_is_asn(s))
		return RG_IOC_ASN;
	if (ioc_is_registry(s))
		return RG_IOC_REGISTRY;
	if (ioc_looks_like_path(s))
		return RG_IOC_FILEPATH;
	if (ioc_is_known_filename(s))
		return RG_IOC_FILENAME;
	if (ioc_is_domain(s, true, NULL))
		return RG_IOC_DOMAIN;
	return RG_IOC_STRING;
}
