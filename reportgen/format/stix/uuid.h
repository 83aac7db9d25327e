/* uuid.h: name-based (version 5) UUIDs that make export ids reproducible. */
#ifndef RG_UUID_H
#define RG_UUID_H

#include <stddef.h>

#include "reportgen.h"

/* The UUIDv5 of `name` in namespace `ns` (both as text, ns in 8-4-4-4-12 form), written to
 * out as 36 lower-case characters and a NUL. Returns false when ns is malformed. */
bool uuid5(const char *ns, const char *name, size_t namelen, char out[37]);

/* The id of one exported object: UUIDv5 in the document's namespace (itself the UUIDv5 of
 * organization and incident id in reportgen's namespace) of "kind\n" + identity.
 * Arena-owned 36-character string. */
const char *uuid_doc(struct rg_arena *, const struct rg_doc *, const char *kind,
                     const char *identity);
/* The same, written to out (36 characters and a NUL). */
void uuid_doc_text(const struct rg_doc *, const char *kind, const char *identity, char out[37]);

/* reportgen's own namespace. */
#define UUID_NAMESPACE "6f0c1f4e-9c4b-5a55-8a7e-2b1f3c0d7e91"

#endif
