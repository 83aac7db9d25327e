/* ioc_addr.h: email header address lists (RFC 5322 name-addr and addr-spec, quoted names,
 * comments), as analysts copy them: "Name <addr>", a bare address, a bare name, or several
 * separated by commas. */
#ifndef RG_IOC_ADDR_H
#define RG_IOC_ADDR_H

#include "reportgen.h"

struct ioc_addr {
	const char *name; /* display name (unquoted), or NULL */
	const char *addr; /* the address, refanged, or NULL when the entry is a bare name */
};

/* Splits the list `written` into *out (arena array); returns the number of entries. An entry
 * whose address part is not an email address is a name alone (addr NULL). */
size_t ioc_addr_list(struct rg_arena *, const char *written, struct ioc_addr **out);

/* The entries of every text of t, in order (arena array); returns their number. */
size_t ioc_addr_texts(struct rg_arena *, const struct rg_texts *t, struct ioc_addr **out);

#endif
