/* ioc_check.c: does an indicator value fit its type? Syntax predicates and their messages. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "idnlib.h"
#include "ioc.h"
#include "ioc_syntax.h"

#define IOC_HOST_MAX 1024

bool ioc_is_text(const char *s, bool allow_blank)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || (!allow_blank && *p == ' '))
			return false;
	return true;
}

bool ioc_is_hex(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return len > 0 && s[len] == '\0';
}

static bool ioc_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return len > 0;
}

bool ioc_has_scheme(const char *s)
{
	if (!isalpha((unsigned char)s[0]))
		return false;
	size_t n = 1 + strspn(s + 1,
	                      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
	return strncmp(s + n, "://", 3) == 0;
}

/* Copies s[0..n) into buf (IOC_HOST_MAX bytes); false when it does not fit. */
static bool ioc_sub(char *buf, const char *s, size_t n)
{
	if (n >= IOC_HOST_MAX)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return true;
}

bool ioc_is_ipv4(const char *s)
{
	unsigned char addr[16];
	return inet_pton(AF_INET, s, addr) == 1;
}

bool ioc_is_ipv6(const char *s)
{
	unsigned char addr[16];
	return inet_pton(AF_INET6, s, addr) == 1;
}

bool ioc_is_cidr(const char *s, const char **why)
{
	char buf[IOC_HOST_MAX];
	const char *slash = strchr(s, '/');
	if (slash == NULL || !ioc_sub(buf, s, (size_t)(slash - s)))
		return false;
	size_t plen = strlen(slash + 1);
	if (plen > 3 || !ioc_digits(slash + 1, plen))
		return false;
	int prefix = atoi(slash + 1), max;
	if (ioc_is_ipv4(buf))
		max = 32;
	else if (ioc_is_ipv6(buf))
		max = 128;
	else
		return false;
	if (prefix > max) {
		if (why != NULL)
			*why = max == 32 ? "the prefix length of an IPv4 block is 0-32"
			                 : "the prefix length of an IPv6 block is 0-128";
		return false;
	}
	return true;
}

bool ioc_is_mac(const char *s)
{
	size_t len = strlen(s);
	if (len == 17 && (s[2] == ':' || s[2] == '-')) {
		for (size_t i = 0; i < len; i++)
			if (i % 3 == 2 ? s[i] != s[2] : !isxdigit((unsigned char)s[i]))
				return false;
		return true;
	}
	if (len == 14) { /* Cisco form 0011.2233.4455 */
		for (size_t i = 0; i < len; i++)
			if (i % 5 == 4 ? s[i] != '.' : !isxdigit((unsigned char)s[i]))
				return false;
		return true;
	}
	return false;
}

static size_t ioc_b64_span(const char *s)
{
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
}

bool ioc_is_ssdeep(const char *s)
{
	size_t n = strspn(s, "0123456789");
	if (n == 0 || s[n] != ':')
		return false;
	s += n + 1;
	if ((n = ioc_b64_span(s)) == 0 || s[n] != ':')
		return false;
	s += n + 1;
	if ((n = ioc_b64_span(s)) == 0)
		return false;
	s += n;
	/* the optional ,"file name" that the ssdeep tool prints */
	return *s == '\0' ||
	       (s[0] == ',' && s[1] == '"' && s[strlen(s) - 1] == '"' && strlen(s) > 2);
}

bool ioc_is_cve(const char *s)
{
	if (strncasecmp(s, "CVE-", 4) != 0 || !ioc_digits(s + 4, 4) || s[8] != '-')
		return false;
	size_t n = strlen(s + 9);
	/* CVE numbering: four digits, or more without a leading zero (CVE-2024-0001,
	 * CVE-2024-10001) */
	return n >= 4 && ioc_digits(s + 9, n) && (n == 4 || s[9] != '0') && atoi(s + 4) >= 1999;
}

bool ioc_is_asn(const char *s)
{
	if (strncasecmp(s, "AS", 2) != 0)
		return false;
	size_t n = strlen(s + 2);
	return n <= 10 && ioc_digits(s + 2, n) && strtoull(s + 2, NULL, 10) <= 4294967295ull;
}

bool ioc_is_registry(const char *s)
{
	static const char *const hives[] = {
	        "HKEY_LOCAL_MACHINE",
	        "HKEY_CURRENT_USER",
	        "HKEY_USERS",
	        "HKEY_CLASSES_ROOT",
	        "HKEY_CURRENT_CONFIG",
	        "HKLM",
	        "HKCU",
	        "HKU",
	        "HKCR",
	        "HKCC",
	};
	for (size_t i = 0; i < sizeof(hives) / sizeof(hives[0]); i++) {
		size_t n = strlen(hives[i]);
		if (strncasecmp(s, hives[i], n) != 0)
			continue;
		const char *p = s + n + (s[n] == ':'); /* PowerShell drive form HKLM:\ */
		if (*p == '\0' || *p == '\\' || *p == '/')
			return ioc_is_text(s, true);
	}
	return false;
}

bool ioc_is_port(const char *s, size_t len)
{
	return len <= 5 && ioc_digits(s, len) && atol(s) >= 1 && atol(s) <= 65535;
}

/* Dotted LDH labels; sets *why on failure. */
static bool ioc_ldh(const char *s, bool need_dot, const char **why)
{
	size_t total = strlen(s), labels = 0;
	if (total == 0 || total > 253) {
		*why = total ? "a domain name has at most 253 characters"
		             : "the host name is empty";
		return false;
	}
	for (const char *p = s;; labels++) {
		size_t n = strcspn(p, ".");
		size_t ok = strspn(
		        p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
		if (n == 0 || n > 63) {
			*why = n ? "a label has at most 63 characters" : "a label is empty";
			return false;
		}
		if (ok < n || p[0] == '-' || p[n - 1] == '-') {
			*why = "labels hold letters, digits and inner hyphens only";
			return false;
		}
		if (p[n] == '\0') {
			if (ioc_digits(p, n)) {
				*why = "the last label is all digits";
				return false;
			}
			break;
		}
		p += n + 1;
	}
	if (need_dot && labels == 0) {
		*why = "a domain has at least two labels";
		return false;
	}
	return true;
}

static bool ioc_has_ace(const char *s)
{
	for (const char *p = s; p != NULL; p = strchr(p, '.')) {
		p += *p == '.';
		if (strncasecmp(p, "xn--", 4) == 0)
			return true;
	}
	return false;
}

/* Converts the host (NUL-terminated) to its IDN forms and checks it; the idn2 results are
 * released here and copied into h->arena when one is given. */
static bool ioc_host_idn(const char *host, bool need_dot, struct ioc_host *h)
{
	char *ascii = NULL, *unicode = NULL;
	bool ascii_in = true;
	for (const unsigned char *p = (const unsigned char *)host; *p; p++)
		ascii_in = ascii_in && *p < 0x80;
	bool ok = false, ace = ascii_in && ioc_has_ace(host);
	if (!ascii_in || ace)
		idnlib_need();
	int rc = ascii_in ? IDN2_OK
	                  : rg_idn.idn2_to_ascii_8z(host, &ascii,
	                                            IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
	if (rc != IDN2_OK) {
		h->why = "it is not a valid internationalised domain name";
		goto done;
	}
	if (!ioc_ldh(ascii_in ? host : ascii, need_dot, &h->why))
		goto done;
	if (ascii_in && !ace) {
		ok = true;
		goto done;
	}
	if (rg_idn.idn2_to_unicode_8z8z(ascii_in ? host : ascii, &unicode, 0) != IDN2_OK) {
		h->why = "an xn-- label is not valid Punycode";
		goto done;
	}
	ok = true;
	if (h->arena != NULL) {
		h->ascii = rg_arena_strdup(h->arena, ascii_in ? host : ascii);
		h->unicode = rg_arena_strdup(h->arena, unicode);
	}
done:
	if (ascii != NULL)
		rg_idn.idn2_free(ascii);
	if (unicode != NULL)
		rg_idn.idn2_free(unicode);
	return ok;
}

/* Checks s[off..off+len) as a host name; fills h (which may be NULL). */
static bool ioc_host(const char *s, size_t off, size_t len, bool need_dot, struct ioc_host *h)
{
	struct ioc_host local = {0};
	char buf[IOC_HOST_MAX];
	if (h == NULL)
		h = &local;
	h->off = off;
	h->len = len;
	if (!ioc_sub(buf, s + off, len)) {
		h->why = "a domain name has at most 253 characters";
		return false;
	}
	return ioc_host_idn(buf, need_dot, h);
}

bool ioc_is_domain(const char *s, bool need_dot, struct ioc_host *h)
{
	return ioc_host(s, 0, strlen(s), need_dot, h);
}

/* Why s[0..n) is no unquoted local part (RFC 5322 dot-atom, UTF-8 allowed as in RFC 6531),
 * or NULL. */
static const char *ioc_local_part(const char *s, size_t n)
{
	static const char atext[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	                            "!#$%&'*+-/=?^_`{|}~";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7F)
			return "the local part holds a blank or control character";
		if (c == '.' && (i == 0 || i + 1 == n || s[i + 1] == '.'))
			return "a dot in the local part stands between two other characters";
		if (c < 0x80 && c != '.' && strchr(atext, c) == NULL)
			return "the local part holds a character that an address cannot have "
			       "unquoted";
	}
	return NULL;
}

bool ioc_is_email(const char *s, struct ioc_host *h)
{
	const char *at = strrchr(s, '@');
	if (at == NULL || at == s || at - s > 64 || memchr(s, '@', (size_t)(at - s)) != NULL) {
		if (h != NULL)
			h->why = "an address is local-part@domain";
		return false;
	}
	const char *why = ioc_local_part(s, (size_t)(at - s));
	if (why != NULL) {
		if (h != NULL)
			h->why = why;
		return false;
	}
	return ioc_host(s, (size_t)(at + 1 - s), strlen(at + 1), true, h);
}

/* s[0..len) holds a letter (or a non-ASCII byte): a name, not a number. */
static bool ioc_has_letter(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

bool ioc_is_socket(const char *s, struct ioc_host *h)
{
	char buf[IOC_HOST_MAX];
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		return close != NULL && close[1] == ':' &&
		       ioc_is_port(close + 2, strlen(close + 2)) &&
		       ioc_sub(buf, s + 1, (size_t)(close - s - 1)) && ioc_is_ipv6(buf);
	}
	const char *colon = strrchr(s, ':');
	if (colon == NULL || colon == s || !ioc_is_port(colon + 1, strlen(colon + 1)))
		return false;
	size_t hlen = (size_t)(colon - s);
	if (ioc_sub(buf, s, hlen) && ioc_is_ipv4(buf))
		return true;
	return ioc_has_letter(s, hlen) && ioc_host(s, 0, hlen, false, h);
}

/* The host[:port] part of a URL authority at s[0..n). */
static bool ioc_url_hostport(const char *s, size_t off, size_t n, struct ioc_host *h)
{
	char buf[IOC_HOST_MAX];
	const char *a = s + off;
	if (a[0] == '[') {
		const char *close = memchr(a, ']', n);
		size_t rest = close ? n - (size_t)(close - a) - 1 : 0;
		bool ok = close != NULL && ioc_sub(buf, a + 1, (size_t)(close - a - 1)) &&
		          ioc_is_ipv6(buf) &&
		          (rest == 0 || (close[1] == ':' && ioc_is_port(close + 2, rest - 1)));
		if (!ok && h != NULL)
			h->why = "the bracketed host is not an IPv6 address";
		return ok;
	}
	size_t hlen = n;
	const char *colon = memchr(a, ':', n);
	if (colon != NULL) {
		hlen = (size_t)(colon - a);
		if (!ioc_is_port(colon + 1, n - hlen - 1)) {
			if (h != NULL)
				h->why = "the port is not a number 1-65535";
			return false;
		}
	}
	if (ioc_sub(buf, a, hlen) && ioc_is_ipv4(buf))
		return true;
	return ioc_host(s, off, hlen, false, h);
}

bool ioc_is_url(const char *s, struct ioc_host *h)
{
	struct ioc_host local = {0};
	if (h == NULL)
		h = &local;
	if (!ioc_has_scheme(s)) {
		h->why = "it has no scheme such as https://";
		return false;
	}
	if (!ioc_is_text(s, false)) {
		h->why = "it holds a blank or control character";
		return false;
	}
	const char *auth = strstr(s, "://") + 3;
	size_t alen = strcspn(auth, "/?#");
	const char *at = NULL;
	for (size_t i = 0; i < alen; i++)
		if (auth[i] == '@')
			at = auth + i;
	size_t off = at != NULL ? (size_t)(at + 1 - s) : (size_t)(auth - s);
	size_t n = alen - (off - (size_t)(auth - s));
	if (n == 0) {
		h->why = "it has no host";
		return strncasecmp(s, "file://", 7) == 0;
	}
	return ioc_url_hostport(s, off, n, h);
}

/* ------------------------------------------------------------------ */
/* ioc_check                                                        */
/* ------------------------------------------------------------------ */

/* Checks the types that carry no host; returns the reason of a failure in *why. A switch,
 * not a column of ioc_types: each case is its own predicate with its own arguments. */
static bool ioc_check_plain(enum rg_ioc_type t, const char *s, const char **why)
{
	size_t len = strlen(s);
	switch (t) {
	case RG_IOC_IPV4:
		return ioc_is_ipv4(s);
	case RG_IOC_IPV6:
		return ioc_is_ipv6(s);
	case RG_IOC_CIDR:
		return ioc_is_cidr(s, why);
	case RG_IOC_URI_PATH:
		return s[0] == '/' && ioc_is_text(s, false);
	case RG_IOC_MD5:
	case RG_IOC_SHA1:
	case RG_IOC_SHA256:
	case RG_IOC_SHA512:
		if (len != ioc_type_info(t)->hash_digits)
			*why = "it has the wrong length";
		else if (!ioc_is_hex(s, len))
			*why = "it holds a character that is not a hexadecimal digit";
		return *why == NULL;
	case RG_IOC_SSDEEP:
		return ioc_is_ssdeep(s);
	case RG_IOC_FILENAME:
		return strpbrk(s, "/\\") == NULL && ioc_is_text(s, true);
	case RG_IOC_FILEPATH:
		return strpbrk(s, "/\\") != NULL && ioc_is_text(s, true);
	case RG_IOC_REGISTRY:
		return ioc_is_registry(s);
	case RG_IOC_PORT:
		return ioc_is_port(s, len);
	case RG_IOC_ASN:
		return ioc_is_asn(s);
	case RG_IOC_CVE:
		return ioc_is_cve(s);
	case RG_IOC_MAC:
		return ioc_is_mac(s);
	default:
		return true; /* process, user, user-agent, string: free text */
	}
}

/* value with s[off..off+len) replaced by host (an arena string). */
static const char *ioc_splice(struct rg_arena *a, const char *s, size_t off, size_t len,
                              const char *host)
{
	return rg_arena_printf(a, "%.*s%s%s", (int)off, s, host, s + off + len);
}

const char *ioc_check(struct rg_arena *a, enum rg_ioc_type t, const char *s, const char **idn_ascii,
                      const char **idn_unicode)
{
	struct ioc_host h = {.arena = a};
	const char *why = NULL;
	bool ok;
	if (idn_ascii != NULL)
		*idn_ascii = NULL;
	if (idn_unicode != NULL)
		*idn_unicode = NULL;
	if (s[0] == '\0')
		return "expected a non-empty value";
	switch (t) { /* the types that carry a host, whose IDN forms are kept */
	case RG_IOC_DOMAIN:
		ok = ioc_is_domain(s, true, &h);
		break;
	case RG_IOC_HOSTNAME:
		ok = ioc_is_domain(s, false, &h);
		break;
	case RG_IOC_URL:
		ok = ioc_is_url(s, &h);
		break;
	case RG_IOC_EMAIL:
		ok = ioc_is_email(s, &h);
		break;
	case RG_IOC_SOCKET:
		ok = ioc_is_socket(s, &h);
		break;
	default:
		ok = ioc_check_plain(t, s, &why);
		break;
	}
	if (!ok) {
		if (why == NULL)
			why = h.why;
		const char *exp =
		        ioc_type_info(t)->expected ? ioc_type_info(t)->expected : "a value";
		return rg_arena_printf(a, "expected %s; got %s%s%s%s", exp, ioc_quote(a, s),
		                       why ? " (" : "", why ? why : "", why ? ")" : "");
	}
	if (h.ascii != NULL) {
		if (idn_ascii != NULL)
			*idn_ascii = ioc_splice(a, s, h.off, h.len, h.ascii);
		if (idn_unicode != NULL)
			*idn_unicode = ioc_splice(a, s, h.off, h.len, h.unicode);
	}
	return NULL;
}
