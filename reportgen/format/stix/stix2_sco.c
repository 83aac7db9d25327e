/* stix2_sco.c: STIX 2.1 cyber-observable objects and detection patterns for every artifact type. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "ioc.h"
#include "stix2.h"
#include "uuid.h"

/* Values STIX 2.1 has no observable for (user agents, URI paths, bare ports, free strings)
 * get no SCO (out->primary stays NULL): the caller exports them as an indicator alone when
 * they have a pattern, else as a note, never as a custom object. */

static cJSON *sco_obj1(const char *key, const char *value)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, key, value);
	return o;
}

/* An IPv6 address (or prefix, "addr/len") whose last 32 bits would be written as a dotted
 * IPv4 tail, IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d), in the hex form
 * the official STIX 2.1 schema accepts (its ipv6 pattern rejects a dotted tail):
 * "::ffff:33c3:44ad". Either spelling gives the same value, hence the same SCO id. Other
 * values are returned as they are. */
const char *stix2_ipv6(struct rg_arena *a, const char *v)
{
	unsigned char b[16];
	size_t n = strcspn(v, "/");
	char addr[64];
	if (strchr(v, ':') == NULL || n >= sizeof(addr))
		return v;
	memcpy(addr, v, n);
	addr[n] = '\0';
	if (inet_pton(AF_INET6, addr, b) != 1)
		return v;
	static const unsigned char zero[12] = {0};
	bool mapped = memcmp(b, zero, 10) == 0 && b[10] == 0xff && b[11] == 0xff;
	bool compat = memcmp(b, zero, 12) == 0 && (b[12] | b[13]) != 0;
	if (!mapped && !compat)
		return v;
	return rg_arena_printf(a, "::%s%x:%x%s", mapped ? "ffff:" : "",
	                       (unsigned)(b[12] << 8 | b[13]), (unsigned)(b[14] << 8 | b[15]),
	                       v + n);
}

/* Registers an SCO whose only ID contributing property is the string `key`. */
static const char *sco_simple(struct stix2 *st, const char *type, const char *key,
                              const char *value, enum rg_tlp tlp)
{
	if (strcmp(type, "ipv6-addr") == 0)
		value = stix2_ipv6(st->arena, value);
	return stix2_add(st, stix2_sco_new(st, type, sco_obj1(key, value)), tlp);
}

/* A decimal number in [0, max], or -1. */
static long long sco_number(const char *s, long long max)
{
	if (s == NULL || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	char *end;
	long long n = strtoll(s, &end, 10);
	return (errno != 0 || *end != '\0' || n > max) ? -1 : n;
}

static const char *sco_lower(struct rg_arena *a, const char *s)
{
	char *o = rg_arena_strdup(a, s);
	for (char *p = o; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return o;
}

/* A URL with the characters RFC 3986 never allows raw (blanks, controls, <>"{}|\\^`)
 * percent-encoded, as the STIX url value requires; non-ASCII stays (IRI). */
static const char *sco_url(struct rg_arena *a, const char *v)
{
	size_t n = 0;
	for (const char *p = v; *p != '\0'; p++)
		n += ((unsigned char)*p <= ' ' || *p == 0x7f || strchr("<>\"{}|\\^`", *p)) ? 3 : 1;
	char *out = rg_arena_alloc(a, n + 1), *o = out;
	for (const char *p = v; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ' || c == 0x7f || strchr("<>\"{}|\\^`", c)) {
			*o++ = '%';
			*o++ = "0123456789ABCDEF"[c >> 4];
			*o++ = "0123456789ABCDEF"[c & 15];
		} else {
			*o++ = (char)c;
		}
	}
	*o = '\0';
	return out;
}

/* RFC 3986 section 6.2.2 (syntax-based) normalisation of an encoded URL: scheme and host
 * in lower case, percent-encodings in upper case and decoded where they stand for an
 * unreserved character, the scheme's default port dropped (http 80, https 443, ftp 21),
 * an empty path written "/" when there is an authority. So http://X.io, http://x.io:80
 * and http://x.io/ are one SCO. */
static const char *sco_url_norm(struct rg_arena *a, const char *v)
{
	size_t n = strlen(v);
	char *out = rg_arena_alloc(a, n + 2), *o = out;
	const char *p = v, *colon = strchr(v, ':');
	bool scheme = colon != NULL && colon > v && isalpha((unsigned char)v[0]);
	for (const char *q = v; scheme && q < colon; q++)
		scheme = isalnum((unsigned char)*q) || *q == '+' || *q == '-' || *q == '.';
	if (!scheme)
		return v;
	for (; p < colon; p++)
		*o++ = (char)tolower((unsigned char)*p);
	*o++ = *p++;
	const char *sch = out;
	size_t schn = (size_t)(colon - v);
	if (p[0] == '/' && p[1] == '/') {
		*o++ = *p++;
		*o++ = *p++;
		size_t alen = strcspn(p, "/?#");
		const char *at = NULL;
		for (const char *q = p; q < p + alen; q++)
			if (*q == '@')
				at = q;
		const char *host = at ? at + 1 : p, *end = p + alen;
		const char *port = NULL;
		for (const char *q = end; q > host; q--)
			if (q[-1] == ':' && strspn(q, "0123456789") == (size_t)(end - q)) {
				port = q - 1;
				break;
			} else if (!isdigit((unsigned char)q[-1])) {
				break;
			}
		if (port && host[0] == '[' && port[-1] != ']')
			port = NULL;
		for (; p < host; p++)
			*o++ = *p;
		for (; p < (port ? port : end); p++)
			*o++ = (char)tolower((unsigned char)*p);
		if (port != NULL) {
			const char *num = port + 1;
			size_t nl = (size_t)(end - num);
			bool dflt = nl == 0 ||
			            (schn == 4 && strncmp(sch, "http", 4) == 0 && nl == 2 &&
			             strncmp(num, "80", 2) == 0) ||
			            (schn == 5 && strncmp(sch, "https", 5) == 0 && nl == 3 &&
			             strncmp(num, "443", 3) == 0) ||
			            (schn == 3 && strncmp(sch, "ftp", 3) == 0 && nl == 2 &&
			             strncmp(num, "21", 2) == 0);
			for (; !dflt && p < end; p++)
				*o++ = *p;
			p = end;
		}
		if (*p == '\0' || *p == '?' || *p == '#')
			*o++ = '/';
	}
	for (; *p != '\0'; p++) {
		if (p[0] == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
			char hex[3] = {p[1], p[2], '\0'};
			int c = (int)strtol(hex, NULL, 16);
			if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
				*o++ = (char)c;
			} else {
				*o++ = '%';
				*o++ = (char)toupper((unsigned char)p[1]);
				*o++ = (char)toupper((unsigned char)p[2]);
			}
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

/* The SCO type of a network address by its form. */
static const char *sco_addr_type(const char *v)
{
	unsigned char buf[16];
	if (inet_pton(AF_INET, v, buf) == 1)
		return "ipv4-addr";
	if (inet_pton(AF_INET6, v, buf) == 1)
		return "ipv6-addr";
	return "domain-name";
}

const char *stix2_sco_for(struct stix2 *st, enum rg_ioc_type type, const char *value,
                          enum rg_tlp tlp)
{
	/* IDNs in their A-label form, as artifacts are exported, so both meet in one SCO. */
	const char *ascii = NULL;
	if (type == RG_IOC_EMAIL || type == RG_IOC_URL) {
		ioc_check(st->arena, type, value, &ascii, NULL);
		if (ascii != NULL)
			value = ascii;
	}
	switch (type) { /* by the form of the value, not only by its type */
	case RG_IOC_EMAIL:
		return sco_simple(st, "email-addr", "value", value, tlp);
	case RG_IOC_URL:
		return sco_simple(st, "url", "value",
		                  sco_url_norm(st->arena, sco_url(st->arena, value)), tlp);
	default:
		return sco_simple(st, sco_addr_type(value), "value", value, tlp);
	}
}

static void sco_hash(struct stix2 *st, const char *v, enum rg_ioc_type t, enum rg_tlp tlp,
                     struct stix2_art *out)
{
	const struct ioc_type_info *row = ioc_type_info(t);
	const char *val = sco_lower(st->arena, v);
	if (t == RG_IOC_SSDEEP) /* without the ,"file name" the ssdeep tool appends */
		val = rg_arena_strndup(st->arena, v, strcspn(v, ","));
	cJSON *c = cJSON_CreateObject();
	cJSON_AddItemToObject(c, "hashes", sco_obj1(row->sco_hash, val));
	out->primary = stix2_add(st, stix2_sco_new(st, "file", c), tlp);
	out->pattern = stix2_pattern_eq(st->arena, row->sco_path, val, NULL);
}

void stix2_split_path(struct rg_arena *a, const char *path, const char **dir, const char **base)
{
	const char *sep = NULL;
	for (const char *p = path; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			sep = p;
	if (sep == NULL) {
		*dir = NULL;
		*base = path;
		return;
	}
	size_t dlen = (size_t)(sep - path);
	bool keep_sep = dlen == 0 || (dlen == 2 && path[1] == ':');
	*dir = rg_arena_strndup(a, path, keep_sep ? dlen + 1 : dlen);
	*base = sep[1] != '\0' ? sep + 1 : NULL;
}

static void sco_filepath(struct stix2 *st, const char *v, enum rg_tlp tlp, struct stix2_art *out)
{
	const char *dir, *base;
	stix2_split_path(st->arena, v, &dir, &base);
	const char *dref = dir ? sco_simple(st, "directory", "path", dir, tlp) : NULL;
	if (base == NULL) {
		out->primary = dref;
		out->pattern = stix2_pattern_eq(st->arena, "directory:path", dir, NULL);
		return;
	}
	cJSON *c = sco_obj1("name", base);
	if (dref)
		cJSON_AddStringToObject(c, "parent_directory_ref", dref);
	out->primary = stix2_add(st, stix2_sco_new(st, "file", c), tlp);
	if (dref) {
		out->scos[out->nscos++] = dref;
		out->pattern = rg_arena_printf(
		        st->arena, "[file:name = %s AND file:parent_directory_ref.path = %s]",
		        stix2_pattern_quote(st->arena, base), stix2_pattern_quote(st->arena, dir));
	} else {
		out->pattern = stix2_pattern_eq(st->arena, "file:name", base, NULL);
	}
}

/* Registry keys with the full hive name STIX requires: HKLM\\x, hklm:\\x (PowerShell) and
 * HKEY_LOCAL_MACHINE/x all become HKEY_LOCAL_MACHINE\\x. */
static const char *sco_registry_key(struct rg_arena *a, const char *v)
{
	static const char *const hives[][2] = {
	        {"HKEY_LOCAL_MACHINE", "HKEY_LOCAL_MACHINE"},
	        {"HKEY_CURRENT_USER", "HKEY_CURRENT_USER"},
	        {"HKEY_USERS", "HKEY_USERS"},
	        {"HKEY_CLASSES_ROOT", "HKEY_CLASSES_ROOT"},
	        {"HKEY_CURRENT_CONFIG", "HKEY_CURRENT_CONFIG"},
	        {"HKLM", "HKEY_LOCAL_MACHINE"},
	        {"HKCU", "HKEY_CURRENT_USER"},
	        {"HKU", "HKEY_USERS"},
	        {"HKCR", "HKEY_CLASSES_ROOT"},
	        {"HKCC", "HKEY_CURRENT_CONFIG"},
	};
	for (size_t i = 0; i < sizeof(hives) / sizeof(hives[0]); i++) {
		size_t n = strlen(hives[i][0]);
		if (strncasecmp(v, hives[i][0], n) != 0)
			continue;
		const char *rest = v + n + (v[n] == ':');
		if (*rest == '\0')
			return hives[i][1];
		if (*rest == '\\' || *rest == '/')
			return rg_arena_printf(a, "%s\\%s", hives[i][1], rest + 1);
	}
	return v;
}

/* A registry value (value_name, value_data) under key k: a windows-registry-key with `key`
 * and `values` (both ID contributing, canonical key order), matched by key and value. */
static void sco_registry_value(struct stix2 *st, const struct rg_artifact *a, const char *k,
                               enum rg_tlp tlp, struct stix2_art *out)
{
	cJSON *c = sco_obj1("key", k), *val = cJSON_CreateObject();
	stix2_str(val, "data", a->value_data.s);
	cJSON_AddStringToObject(val, "name", a->value_name.s);
	cJSON_AddItemToArray(cJSON_AddArrayToObject(c, "values"), val);
	out->primary = stix2_add(st, stix2_sco_new(st, "windows-registry-key", c), tlp);
	struct rg_arena *ar = st->arena;
	const char *data =
	        a->value_data.s && *a->value_data.s
	                ? rg_arena_printf(ar, " AND windows-registry-key:values[*].data = %s",
	                                  stix2_pattern_quote(ar, a->value_data.s))
	                : "";
	out->pattern = rg_arena_printf(
	        ar,
	        "[windows-registry-key:key = %s AND windows-registry-key:values[*].name = %s%s]",
	        stix2_pattern_quote(ar, k), stix2_pattern_quote(ar, a->value_name.s), data);
}

/* MAC addresses in the form STIX requires: lower case, colon separated. */
static const char *sco_mac(struct rg_arena *a, const char *v)
{
	char hex[13];
	size_t n = 0;
	for (const char *p = v; *p != '\0'; p++) {
		if (isxdigit((unsigned char)*p)) {
			if (n == 12)
				return sco_lower(a, v);
			hex[n++] = (char)tolower((unsigned char)*p);
		}
	}
	if (n != 12)
		return sco_lower(a, v);
	return rg_arena_printf(a, "%.2s:%.2s:%.2s:%.2s:%.2s:%.2s", hex, hex + 2, hex + 4, hex + 6,
	                       hex + 8, hex + 10);
}

static void sco_process(struct stix2 *st, const char *v, enum rg_tlp tlp, struct stix2_art *out)
{
	/* A process has no ID contributing property: its id is named in the document's space. */
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", "process");
	cJSON_AddStringToObject(o, "spec_version", "2.1");
	const char *u = uuid_doc(st->arena, st->doc, "process", v);
	cJSON_AddStringToObject(o, "id", rg_arena_printf(st->arena, "process--%s", u));
	cJSON_AddStringToObject(o, "command_line", v);
	out->primary = stix2_add(st, o, tlp);
	out->pattern = stix2_pattern_eq(st->arena, "process:command_line", v, NULL);
}

/* host:port, [v6]:port or v4:port as a network-traffic object to the host. */
static void sco_socket(struct stix2 *st, const char *v, enum rg_tlp tlp, struct stix2_art *out)
{
	/* v: the A-label form when the host is an IDN */
	const char *colon = strrchr(v, ':');
	long long port = colon ? sco_number(colon + 1, 65535) : -1;
	if (port < 0)
		return; /* not host:port: no object, no pattern */
	const char *host = rg_arena_strndup(st->arena, v, (size_t)(colon - v));
	size_t hl = strlen(host);
	if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']')
		host = rg_arena_strndup(st->arena, host + 1, hl - 2);
	host = stix2_ipv6(st->arena, host);
	const char *href = sco_simple(st, sco_addr_type(host), "value", host, tlp);
	cJSON *c = cJSON_CreateObject();
	cJSON_AddNumberToObject(c, "dst_port", (double)port);
	cJSON_AddStringToObject(c, "dst_ref", href);
	cJSON *protos = cJSON_AddArrayToObject(c, "protocols");
	cJSON_AddItemToArray(protos, cJSON_CreateString("tcp"));
	out->primary = stix2_add(st, stix2_sco_new(st, "network-traffic", c), tlp);
	out->scos[out->nscos++] = href;
	out->pattern = rg_arena_printf(
	        st->arena,
	        "[network-traffic:dst_ref.value = %s AND network-traffic:dst_port = %lld]",
	        stix2_pattern_quote(st->arena, host), port);
}

static void sco_number_obj(struct stix2 *st, const struct rg_artifact *a, const char *v,
                           enum rg_tlp tlp, struct stix2_art *out)
{
	bool asn = a->type == RG_IOC_ASN;
	const char *digits = asn && strncasecmp(v, "AS", 2) == 0 ? v + 2 : v;
	long long n = sco_number(digits, asn ? 4294967295LL : 65535);
	if (n < 0) {
		return; /* not a number: no object, no pattern */
	} else if (asn) {
		cJSON *c = cJSON_CreateObject();
		cJSON_AddNumberToObject(c, "number", (double)n);
		out->primary = stix2_add(st, stix2_sco_new(st, "autonomous-system", c), tlp);
		out->pattern = rg_arena_printf(st->arena, "[autonomous-system:number = %lld]", n);
	} else { /* network-traffic needs an address: a pattern only */
		out->pattern = rg_arena_printf(st->arena, "[network-traffic:dst_port = %lld]", n);
	}
}

/* Values with one SCO and one equality pattern: type, contributing key and pattern path
 * from ioc_types; the value transforms stay here, as they are code. */
static bool sco_plain(struct stix2 *st, const struct rg_artifact *a, const char *v, enum rg_tlp tlp,
                      struct stix2_art *out)
{
	const struct ioc_type_info *row = ioc_type_info(a->type);
	const char *alt = NULL;
	if (row->sco_type == NULL)
		return false;
	if (a->type == RG_IOC_URL) {
		alt = v;
		v = sco_url_norm(st->arena, sco_url(st->arena, v));
		/* both spellings of an empty path: http://x.io/ and http://x.io */
		const char *auth = strstr(v, "://");
		const char *slash = auth ? strchr(auth + 3, '/') : NULL;
		if (strcmp(alt, v) == 0 && slash != NULL && slash[1] == '\0')
			alt = rg_arena_strndup(st->arena, v, (size_t)(slash - v));
	} else if (a->type == RG_IOC_REGISTRY) {
		v = sco_registry_key(st->arena, v);
		if (a->value_name.s != NULL) {
			sco_registry_value(st, a, v, tlp, out);
			return true;
		}
	} else if (a->type == RG_IOC_MAC) {
		v = sco_mac(st->arena, v);
	} else if (a->type == RG_IOC_IPV6) {
		v = stix2_ipv6(st->arena, v);
	}
	/* IDNs: the SCO holds the A-label (xn--) form; the pattern matches either spelling. */
	if (a->idn_ascii != NULL && row->idn) {
		v = a->type == RG_IOC_URL
		            ? sco_url_norm(st->arena, sco_url(st->arena, a->idn_ascii))
		            : a->idn_ascii;
		alt = a->idn_unicode;
	}
	out->primary = sco_simple(st, row->sco_type, row->sco_key, v, tlp);
	out->pattern = stix2_pattern_eq(st->arena, row->sco_path, v, alt);
	return true;
}

static void sco_cidr(struct stix2 *st, const char *v, enum rg_tlp tlp, struct stix2_art *out)
{
	bool v6 = strchr(v, ':') != NULL;
	const char *type = v6 ? "ipv6-addr" : "ipv4-addr";
	v = stix2_ipv6(st->arena, v);
	out->primary = sco_simple(st, type, "value", v, tlp);
	out->pattern = rg_arena_printf(st->arena, "[%s:value ISSUBSET %s]", type,
	                               stix2_pattern_quote(st->arena, v));
}

/* Plain values and hashes come from ioc_types; the chain below is the types whose SCOs
 * take their own code (several SCOs, numbers, custom objects). */
void stix2_artifact_scos(struct stix2 *st, const struct rg_artifact *a, enum rg_tlp tlp,
                         struct stix2_art *out)
{
	const char *v = a->refanged ? a->refanged : a->value.s;
	memset(out, 0, sizeof(*out));
	if (v == NULL)
		return;
	if (sco_plain(st, a, v, tlp, out)) {
		/* done */
	} else if (ioc_type_info(a->type)->sco_hash != NULL) {
		sco_hash(st, v, a->type, tlp, out);
	} else if (a->type == RG_IOC_CIDR) {
		sco_cidr(st, v, tlp, out);
	} else if (a->type == RG_IOC_FILEPATH) {
		sco_filepath(st, v, tlp, out);
	} else if (a->type == RG_IOC_PROCESS) {
		sco_process(st, v, tlp, out);
	} else if (a->type == RG_IOC_SOCKET) {
		sco_socket(st, a->idn_ascii ? a->idn_ascii : v, tlp, out);
	} else if (a->type == RG_IOC_ASN || a->type == RG_IOC_PORT) {
		sco_number_obj(st, a, v, tlp, out);
	} else if (a->type == RG_IOC_USER_AGENT) { /* a pattern only (see above) */
		out->pattern = stix2_pattern_eq(
		        st->arena,
		        "network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'",
		        v, NULL);
	} else if (a->type == RG_IOC_URI_PATH) {
		out->pattern = stix2_pattern_eq(
		        st->arena, "network-traffic:extensions.'http-request-ext'.request_value", v,
		        NULL);
	} else if (a->type == RG_IOC_CVE) {
		return; /* a vulnerability SDO, made by the caller */
	}               /* else a free string: no object, no pattern */
	if (out->primary != NULL) {
		memmove(out->scos + 1, out->scos, out->nscos * sizeof(out->scos[0]));
		out->scos[0] = out->primary;
		out->nscos++;
	}
}

const char *stix2_artifact_pattern(struct stix2 *st, const struct rg_artifact *a)
{
	struct stix2_art art;
	st->dry = true;
	stix2_artifact_scos(st, a, RG_TLP_NONE, &art);
	st->dry = false;
	return art.pattern;
}
