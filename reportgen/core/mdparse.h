/* mdparse.h: markdown parsed with libcmark under the project's allocation policy. */
#ifndef RG_MDPARSE_H
#define RG_MDPARSE_H

#include <stddef.h>

#include <cmark.h>

/* cmark_parse_document, but an allocation failure exits 3 (rg_xmalloc's policy, which
 * removes unfinished outputs) where cmark's own allocator aborts the process. */
cmark_node *mdparse_document(const char *text, size_t len, int options);

#endif
