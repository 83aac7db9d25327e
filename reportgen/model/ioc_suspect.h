/* ioc_suspect.h: indicators hidden in a free-text value (a `string` artifact): what the value
 * looks like, what to write instead, and the indicator-like pieces it holds. */
#ifndef RG_IOC_SUSPECT_H
#define RG_IOC_SUSPECT_H

#include "reportgen.h"

#define IOC_SUSPECT_MAX 8 /* pieces kept per value */

struct ioc_piece {
	const char *s; /* as it is in the value (arena string) */
	enum rg_ioc_type type;
};

struct ioc_suspect {
	const char *looks;  /* "an IPv4 address followed by a path" (static text) */
	const char *advice; /* what to write instead (arena string) */
	struct ioc_piece pieces[IOC_SUSPECT_MAX];
	size_t npieces;
};

/* Looks for something indicator-like in the refanged value s (an address, a socket, a URL
 * with a missing ":" or "//", an address or domain followed by a path or by text, or such a
 * piece among words). Returns false when there is none; else fills out. */
bool ioc_suspect(struct rg_arena *, const char *s, struct ioc_suspect *out);

#endif
