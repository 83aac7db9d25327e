/* ioc_text.c: text primitives of indicator values shared by ioc.c and ioc_check.c. */
#include <stdio.h>
#include <string.h>

#include "ioc.h"
#include "ioc_syntax.h"
#include "utf8.h"

const char *ioc_quote(struct rg_arena *a, const char *s)
{
	enum { IOC_QUOTE_CHARS = 80 };
	const unsigned char *p = (const unsigned char *)s;
	char *out = rg_arena_alloc(a, strlen(s) * 4 + 8), *o = out;
	size_t chars = 0, n;
	*o++ = '"';
	while (*p != '\0' && chars++ < IOC_QUOTE_CHARS) {
		if (*p < 0x20 || *p == 0x7F) {
			o += sprintf(o, "\\x%02x", *p++);
		} else if (*p == '"' || *p == '\\') {
			*o++ = '\\';
			*o++ = (char)*p++;
		} else {
			utf8_next((const char *)p, UTF8_MAXLEN, &n);
			memcpy(o, p, n);
			o += n;
			p += n;
		}
	}
	*o++ = '"';
	if (*p != '\0')
		o = stpcpy(o, "...");
	*o = '\0';
	return out;
}
