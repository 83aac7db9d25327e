/* mdparse.c: libcmark with rg_xcalloc/rg_xrealloc as its allocator. */
#include <stdlib.h>

#include "mdparse.h"
#include "reportgen.h"

static void *mdparse_calloc(size_t n, size_t size)
{
	return rg_xcalloc(n, size);
}

static void *mdparse_realloc(void *p, size_t n)
{
	return rg_xrealloc(p, n);
}

static cmark_mem mdparse_mem = {mdparse_calloc, mdparse_realloc, free};

cmark_node *mdparse_document(const char *text, size_t len, int options)
{
	cmark_parser *p = cmark_parser_new_with_mem(options, &mdparse_mem);
	cmark_parser_feed(p, text, len);
	cmark_node *doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}
