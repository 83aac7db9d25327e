/* ioc_syntax.h: internal syntax predicates of indicator values, shared by ioc.c and ioc_check.c. */
#ifndef RG_IOC_SYNTAX_H
#define RG_IOC_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>

#include "reportgen.h"

/* What a host predicate learnt: where the host sits in the value, its IDN forms (arena
 * strings, only when arena is set and the host is an IDN), and why it failed. */
struct ioc_host {
	struct rg_arena *arena; /* NULL: do not keep IDN forms */
	size_t off, len;        /* the host part of the value */
	const char *ascii;      /* xn-- form of the host */
	const char *unicode;    /* Unicode form of the host */
	const char *why;        /* static text: reason of a failure, or NULL */
};

/* No control characters; with !allow_blank no spaces either. */
bool ioc_is_text(const char *s, bool allow_blank);
bool ioc_is_hex(const char *s, size_t len);
bool ioc_has_scheme(const char *s);
bool ioc_is_ipv4(const char *s);
bool ioc_is_ipv6(const char *s);
/* why (optional) receives a reason when the form is right but the prefix is out of range. */
bool ioc_is_cidr(const char *s, const char **why);
bool ioc_is_mac(const char *s);
bool ioc_is_ssdeep(const char *s);
bool ioc_is_cve(const char *s);
bool ioc_is_asn(const char *s);
bool ioc_is_registry(const char *s);
bool ioc_is_port(const char *s, size_t len);
/* Dotted LDH labels (a single label allowed when !need_dot; the last label not all digits),
 * or an IDN that converts to such. h may be NULL. */
bool ioc_is_domain(const char *s, bool need_dot, struct ioc_host *h);
bool ioc_is_email(const char *s, struct ioc_host *h);
/* IPv4:port, [IPv6]:port or hostname:port (the host name must hold a letter). */
bool ioc_is_socket(const char *s, struct ioc_host *h);
bool ioc_is_url(const char *s, struct ioc_host *h);

#endif
