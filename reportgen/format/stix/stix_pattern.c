/* stix_pattern.c: STIX 2.1 patterning literals and comparison expressions for indicators. */
#include <string.h>

#include "stix2.h"

const char *stix2_pattern_quote(struct rg_arena *a, const char *s)
{
	size_t n = 2;
	for (const char *p = s; *p != '\0'; p++)
		n += (*p == '\'' || *p == '\\') ? 2 : 1;
	char *out = rg_arena_alloc(a, n + 1), *o = out;
	*o++ = '\'';
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '\'' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o++ = '\'';
	*o = '\0';
	return out;
}

const char *stix2_pattern_eq(struct rg_arena *a, const char *path, const char *value,
                             const char *alt)
{
	const char *q = stix2_pattern_quote(a, value);
	if (alt == NULL || strcmp(alt, value) == 0)
		return rg_arena_printf(a, "[%s = %s]", path, q);
	return rg_arena_printf(a, "[%s = %s OR %s = %s]", path, q, path,
	                       stix2_pattern_quote(a, alt));
}
