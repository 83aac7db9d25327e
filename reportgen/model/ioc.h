/* ioc.h: indicator values: refang, defang, type inference and per-type checks (no document). */
#ifndef RG_IOC_H
#define RG_IOC_H

#include "reportgen.h"

/* The real value: hxxp/hxxps/fxp -> http/https/ftp, [.] (.) {.} [dot] -> ., [:] -> :,
 * [@] [at] -> @, [/] -> /, [://] -> ://; surrounding blanks removed. Arena string. */
const char *ioc_refang(struct rg_arena *, const char *value);
/* Refangs every defanged scheme (at a word start) and mark of the text s (len bytes) into
 * out (at least 2 * len + 1 bytes); returns the length written. */
size_t ioc_refang_text(const char *s, size_t len, char *out);
/* A display form that is not clickable: http -> hxxp, dots of hosts, IPs and email domains
 * -> [.], @ -> [@] (url, domain, hostname, ipv4, ipv6, email, socket, cidr; other types are
 * returned unchanged). ioc_refang() undoes it. Arena string. */
const char *ioc_defang(struct rg_arena *, const char *refanged, enum rg_ioc_type);
/* Infers the type of a refanged value in the order of the format (first match wins).
 * Never returns hostname, uri-path, user, process, user-agent or port. */
enum rg_ioc_type ioc_infer(const char *refanged);
/* Checks a refanged value against its type. Returns NULL when it fits, else an arena message
 * saying what was expected and what was found. For values with an internationalised domain
 * (domain, hostname, url, email, socket) *idn_ascii and *idn_unicode receive the xn-- and
 * the Unicode form of the whole value (arena strings), else NULL; either pointer may be NULL. */
const char *ioc_check(struct rg_arena *, enum rg_ioc_type, const char *refanged,
                      const char **idn_ascii, const char **idn_unicode);
/* Byte offset of the first zero-width, bidi-control or soft-hyphen character, or -1. */
long ioc_hidden_char(const char *s);
/* Describes the hidden character at s (an offset ioc_hidden_char returned), e.g.
 * "U+202E RIGHT-TO-LEFT OVERRIDE". Static buffer, overwritten by the next call. */
const char *ioc_hidden_char_name(const char *s);
/* Quotes s for a message: "..." with control bytes escaped, cut at about 80 characters. */
const char *ioc_quote(struct rg_arena *, const char *s);

/* How ioc_defang makes a type unclickable. */
enum ioc_defang_style { IOC_DEFANG_NONE = 0, IOC_DEFANG_HOST, IOC_DEFANG_URL, IOC_DEFANG_EMAIL };

/* What the artifacts sharing an `object` name describe: one file (hashes, name, path) or
 * one host (a host name or domain and its addresses). */
enum ioc_object { IOC_OBJECT_NONE = 0, IOC_OBJECT_FILE, IOC_OBJECT_HOST };
extern const char *const ioc_object_names[]; /* "file", "host"; [0] NULL */

/* What one indicator type is and becomes (ioc_types.c): the one place that says so. Every
 * field is plain data (no STIX headers here); NULL or 0 where the type has none. */
struct ioc_type_info {
	const char *expected;         /* ioc_check: what a value of the type looks like */
	enum ioc_defang_style defang; /* ioc_defang */
	unsigned hash_digits;         /* hexadecimal digits of an MD5 or SHA hash */
	bool nocase;                  /* values compare without regard to ASCII case */
	bool idn;                     /* holds a host that may be an internationalised domain */
	enum ioc_object object;       /* the kind of object (`object:`) it may be part of */
	/* STIX 1.2.1 (CybOX 2.1) */
	const char *cybox_kind;     /* object kind and id prefix; NULL: none (cve) */
	const char *cybox_category; /* AddressObj category of the Address kinds */
	const char *cybox_hash;     /* HashNameVocab-1.0 name of a hash */
	const char *indicator_type; /* IndicatorTypeVocab-1.1 term; NULL when none fits */
	/* STIX 2.1 */
	const char *sco_type, *sco_key; /* the one SCO of a plain value and its property */
	const char *sco_hash;           /* hashes key of a file SCO */
	const char *sco_path;           /* object path of the equality pattern (plain or hash) */
};
/* Indexed by enum rg_ioc_type; one row per value (checked at compile time). */
extern const struct ioc_type_info ioc_types[];
/* The row of t; the RG_IOC_NONE row for values out of range. */
const struct ioc_type_info *ioc_type_info(enum rg_ioc_type t);

#endif
